//! A planned workout's structure, as VeloPeak (`{"steps":[…]}` with `kind`, `duration_s`,
//! `distance_m`, `target {type, low, high, unit}`, `repeat` + nested `steps`) or Intervals.icu
//! (`workout_doc`: `duration`, `distance`, `warmup`/`cooldown`, `intensity`, `power`/`hr`/`pace`
//! `{start, end, units}`, `reps` + nested `steps`) sends it, flattened into the steps drawn on
//! the step chart, with targets made absolute (watts, bpm, seconds per km) from the athlete's
//! thresholds.

use crate::training::{Athlete, Sport};

/// What a step is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepIntensity {
    Warmup,
    Active,
    Recovery,
    Cooldown,
}

/// What a target is expressed in, once absolute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// Watts.
    Power,
    /// Beats per minute.
    HeartRate,
    /// Seconds per kilometre (`low` is the faster, smaller number).
    Pace,
}

/// A step's target range. When the athlete's threshold needed to make it absolute is unknown
/// (no FTP for `%ftp`, no threshold heart rate for `%lthr`, no threshold pace for `%pace`),
/// `absolute` is false and `low`/`high` stay in percent of that threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepTarget {
    pub kind: TargetKind,
    pub low: f64,
    pub high: f64,
    pub absolute: bool,
}

/// One step of the flattened workout: repeats are unrolled in order.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanStep {
    pub intensity: StepIntensity,
    /// Seconds from the start of the workout.
    pub start_s: f64,
    /// The step's duration; a distance step's duration is estimated from the middle of its
    /// pace target, else the athlete's threshold pace, else 5:00/km for a run, 2:00/100 m for a
    /// swim and 30 km/h for a ride.
    pub duration_s: f64,
    /// Set for a step given by distance.
    pub distance_m: Option<f64>,
    pub target: Option<StepTarget>,
}

/// Why a structure could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructureError(pub String);

impl std::fmt::Display for StructureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the workout's structure cannot be read: {}", self.0)
    }
}

impl std::error::Error for StructureError {}

/// Flattens `structure` for `sport`, with targets from `athlete` (`%ftp` × FTP; `%lthr` × the
/// threshold heart rate — zone 4's upper bound of five heart-rate zones, else 90% of the
/// maximum; `%pace` as a percentage of threshold speed; `w`, `bpm` and `s_per_km` taken as they
/// are; Intervals.icu's resolved `_power`/`_hr`/`_pace` preferred when present). A structure
/// without steps is an empty list; one that is not an object with a `steps` array, or a step
/// with neither duration nor distance nor nested steps, is an error. Repeats nest; at most
/// 10 000 steps are produced (more is an error).
pub fn plan_steps(
    structure: &serde_json::Value,
    sport: Sport,
    athlete: Option<&Athlete>,
) -> Result<Vec<PlanStep>, StructureError> {
    let _ = (structure, sport, athlete);
    todo!()
}
