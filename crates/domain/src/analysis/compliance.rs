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

/// How the colours are given, appended to every ratio's rule.
const BANDS: &str = "Green is within ±20% of the plan; amber 50–79% or 121–150%; red otherwise.";

/// Judges one card. `planned` is `(date, planned load, planned duration s)` of the workout, if
/// any; `done` is `(load, moving time s)` of the activity, if any; `today` decides missed vs
/// upcoming. Load is compared when both loads are known and the planned one is above zero, else
/// duration. The percentage is rounded to a whole number before it is classed, so 79.6% is 80%
/// (green). A planned duration of zero with no load makes the workout count as done (green) when
/// anything was done.
///
/// A plan for today is upcoming until something is done. With neither a plan nor an activity
/// there is no card; the verdict is then unplanned, with no basis and a rule saying so.
pub fn judge(
    planned: Option<(NaiveDate, Option<f64>, u32)>,
    done: Option<(Option<f64>, u32)>,
    today: NaiveDate,
) -> Verdict {
    match (planned, done) {
        (None, None) => unjudged(Compliance::Unplanned, "Nothing planned and nothing done."),
        (None, Some(_)) => unjudged(Compliance::Unplanned, "Done without a plan: unplanned."),
        (Some((date, _, _)), None) => {
            let day = date.format("%a %-d %b");
            if date < today {
                unjudged(
                    Compliance::Missed,
                    &format!("Planned for {day} and not done: missed."),
                )
            } else {
                unjudged(
                    Compliance::Upcoming,
                    &format!("Planned for {day}, not done yet: upcoming."),
                )
            }
        }
        (Some((_, planned_load, planned_s)), Some((done_load, moving_s))) => {
            match (planned_load.filter(|l| *l > 0.0), done_load) {
                (Some(planned_load), Some(done_load)) => ratio(
                    ComplianceBasis::Load,
                    done_load / planned_load,
                    format!(
                        "Done {} of {} planned load",
                        load_text(done_load),
                        load_text(planned_load)
                    ),
                ),
                _ if planned_s == 0 => Verdict {
                    compliance: Compliance::Green,
                    basis: Some(ComplianceBasis::Duration),
                    percent: None,
                    rule: "Planned without a duration or load, and done: green.".to_owned(),
                },
                _ => ratio(
                    ComplianceBasis::Duration,
                    f64::from(moving_s) / f64::from(planned_s),
                    format!(
                        "Done {} of {} planned (moving time against planned duration)",
                        clock(moving_s),
                        clock(planned_s)
                    ),
                ),
            }
        }
    }
}

fn unjudged(compliance: Compliance, rule: &str) -> Verdict {
    Verdict {
        compliance,
        basis: None,
        percent: None,
        rule: rule.to_owned(),
    }
}

/// Classes `fraction` (done / planned) once rounded to a whole percentage.
fn ratio(basis: ComplianceBasis, fraction: f64, done_of_planned: String) -> Verdict {
    let percent = if fraction.is_finite() {
        // `as` saturates: a negative load counts as 0%, an absurd one as the largest percentage.
        (fraction * 100.0).round() as u32
    } else {
        0
    };
    let compliance = match percent {
        80..=120 => Compliance::Green,
        50..=79 | 121..=150 => Compliance::Amber,
        _ => Compliance::Red,
    };
    let colour = match compliance {
        Compliance::Green => "green",
        Compliance::Amber => "amber",
        _ => "red",
    };
    Verdict {
        compliance,
        basis: Some(basis),
        percent: Some(percent),
        rule: format!("{done_of_planned}: {percent}%, {colour}. {BANDS}"),
    }
}

/// A load as people write it: whole, or with one decimal when it has one.
fn load_text(load: f64) -> String {
    let tenths = (load * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// Seconds as `h:mm:ss`, or `m:ss` under an hour.
fn clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const TODAY: &str = "2026-11-11";

    /// Done `done` load against 100 planned.
    fn by_load(done: f64) -> Verdict {
        judge(
            Some((date("2026-11-10"), Some(100.0), 3600)),
            Some((Some(done), 3600)),
            date(TODAY),
        )
    }

    #[test]
    fn boundaries_are_classed_on_the_rounded_percentage() {
        let cases = [
            (49.4, 49, Compliance::Red),
            (50.0, 50, Compliance::Amber),
            (79.0, 79, Compliance::Amber),
            (79.6, 80, Compliance::Green),
            (120.0, 120, Compliance::Green),
            (121.0, 121, Compliance::Amber),
            (150.0, 150, Compliance::Amber),
            (151.0, 151, Compliance::Red),
        ];
        for (done, percent, compliance) in cases {
            let verdict = by_load(done);
            assert_eq!(verdict.percent, Some(percent), "{done}");
            assert_eq!(verdict.compliance, compliance, "{done}");
            assert_eq!(verdict.basis, Some(ComplianceBasis::Load));
        }
    }

    #[test]
    fn the_rule_names_the_numbers_and_the_bands() {
        let verdict = judge(
            Some((date("2026-11-10"), Some(80.0), 3600)),
            Some((Some(72.0), 5000)),
            date(TODAY),
        );
        assert_eq!(verdict.percent, Some(90));
        assert_eq!(
            verdict.rule,
            "Done 72 of 80 planned load: 90%, green. Green is within ±20% of the plan; \
             amber 50–79% or 121–150%; red otherwise."
        );
    }

    #[test]
    fn duration_is_compared_when_a_load_is_missing_or_zero() {
        let planned = |load| Some((date("2026-11-10"), load, 3600));
        // 2700 of 3600 s = 75%.
        for (planned_load, done_load) in [
            (Some(60.0), None),
            (None, Some(60.0)),
            (Some(0.0), Some(60.0)),
        ] {
            let verdict = judge(planned(planned_load), Some((done_load, 2700)), date(TODAY));
            assert_eq!(verdict.basis, Some(ComplianceBasis::Duration));
            assert_eq!(verdict.percent, Some(75));
            assert_eq!(verdict.compliance, Compliance::Amber);
        }
        let verdict = judge(planned(None), Some((None, 2700)), date(TODAY));
        assert!(
            verdict.rule.starts_with("Done 45:00 of 1:00:00 planned"),
            "{}",
            verdict.rule
        );
        assert!(verdict.rule.contains("75%, amber"), "{}", verdict.rule);
    }

    #[test]
    fn load_wins_over_duration_when_both_are_known() {
        // Half the time but the whole load: judged on load, green.
        let verdict = judge(
            Some((date("2026-11-10"), Some(60.0), 3600)),
            Some((Some(60.0), 1800)),
            date(TODAY),
        );
        assert_eq!(verdict.basis, Some(ComplianceBasis::Load));
        assert_eq!(verdict.percent, Some(100));
        assert_eq!(verdict.compliance, Compliance::Green);
    }

    #[test]
    fn a_plan_without_duration_or_load_is_done_by_anything() {
        let verdict = judge(
            Some((date("2026-11-10"), None, 0)),
            Some((None, 600)),
            date(TODAY),
        );
        assert_eq!(verdict.compliance, Compliance::Green);
        assert_eq!(verdict.percent, None);
    }

    #[test]
    fn yesterday_undone_is_missed_and_today_upcoming() {
        let yesterday = judge(
            Some((date("2026-11-10"), Some(60.0), 3600)),
            None,
            date(TODAY),
        );
        assert_eq!(yesterday.compliance, Compliance::Missed);
        assert_eq!(
            yesterday.rule,
            "Planned for Tue 10 Nov and not done: missed."
        );
        assert_eq!(yesterday.percent, None);
        let today = judge(Some((date(TODAY), Some(60.0), 3600)), None, date(TODAY));
        assert_eq!(today.compliance, Compliance::Upcoming);
        let later = judge(Some((date("2026-11-20"), None, 3600)), None, date(TODAY));
        assert_eq!(later.compliance, Compliance::Upcoming);
    }

    #[test]
    fn done_without_a_plan_is_unplanned() {
        let verdict = judge(None, Some((Some(55.0), 3600)), date(TODAY));
        assert_eq!(verdict.compliance, Compliance::Unplanned);
        assert_eq!(verdict.basis, None);
        assert_eq!(verdict.percent, None);
    }

    #[test]
    fn loads_with_decimals_are_written_with_one() {
        let verdict = judge(
            Some((date("2026-11-10"), Some(80.25), 3600)),
            Some((Some(40.0), 3600)),
            date(TODAY),
        );
        assert!(
            verdict
                .rule
                .starts_with("Done 40 of 80.3 planned load: 50%, amber."),
            "{}",
            verdict.rule
        );
    }
}
