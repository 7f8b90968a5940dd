//! Compliance: how closely what was done matches what was planned, as the calendar colours it,
//! with the rule it applied written out for the person who hovers over it.

use chrono::NaiveDate;

/// The colour of a calendar card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compliance {
    /// Done within ±20% of the plan (80–120%).
    Green,
    /// Done, but 50–79% or 121–150% of the plan.
    Amber,
    /// Done, but under 50% or over 150% of the plan.
    Red,
    /// Planned on a day that has passed, and nothing done.
    Missed,
    /// Planned today or later, not yet done.
    Upcoming,
    /// Done without a plan.
    Unplanned,
}

/// What the ratio compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplianceBasis {
    /// Training load, when both the plan and the activity have one.
    Load,
    /// Moving time against planned duration, otherwise.
    Duration,
}

/// A card's compliance, with what it was judged on.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub compliance: Compliance,
    pub basis: Option<ComplianceBasis>,
    /// Done / planned, as a whole percentage (rounded), when both are known.
    pub percent: Option<u32>,
    /// The rule applied, in plain words, e.g. "Done 72 of 80 planned load: 90%. Green is within
    /// ±20% of the plan; amber 50–79% or 121–150%; red otherwise." or "Planned for Tue 10 Nov
    /// and not done: missed."
    pub rule: String,
}

/// Judges one card. `planned` is `(date, planned load, planned duration s)` of the workout, if
/// any; `done` is `(load, moving time s)` of the activity, if any; `today` decides missed vs
/// upcoming. Load is compared when both loads are known and the planned one is above zero, else
/// duration. The percentage is rounded to a whole number before it is classed, so 79.6% is 80%
/// (green). A planned duration of zero with no load makes the workout count as done (green) when
/// anything was done.
pub fn judge(
    planned: Option<(NaiveDate, Option<f64>, u32)>,
    done: Option<(Option<f64>, u32)>,
    today: NaiveDate,
) -> Verdict {
    let _ = (planned, done, today);
    todo!()
}
