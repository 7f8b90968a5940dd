//! A planned workout's structure, as VeloPeak (`{"steps":[…]}` with `kind`, `duration_s`,
//! `distance_m`, `target {type, low, high, unit}`, `repeat` + nested `steps`) or Intervals.icu
//! (`workout_doc`: `duration`, `distance`, `warmup`/`cooldown`, `intensity`, `power`/`hr`/`pace`
//! `{start, end, units}`, `reps` + nested `steps`) sends it, flattened into the steps drawn on
//! the step chart, with targets made absolute (watts, bpm, seconds per km) from the athlete's
//! thresholds.

use crate::training::{Athlete, Sport};
use serde_json::{Map, Value};
use targets::{Thresholds, present, step_target};

mod targets;
#[cfg(test)]
mod tests;

/// The most steps a structure may unroll into.
pub const MAX_PLAN_STEPS: usize = 10_000;

/// The deepest repeats may nest.
const MAX_NESTING: usize = 32;

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
/// `absolute` is false and `low`/`high` stay in percent of that threshold (the smaller first;
/// for pace, a percentage of threshold speed, so `low` is then the slower pace).
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
///
/// Readings chosen where the formats leave room:
/// - A threshold the athlete lacks is taken from the `workout_doc`'s own `ftp`, `lthr` or
///   `threshold_pace` when it carries one. The athlete's threshold pace is a running pace: it
///   serves runs only (a swim's comes from the structure, and a ride's distance is estimated at
///   30 km/h); other sports' distance steps are estimated at 5:00/km.
/// - `%hr` is a percentage of the maximum heart rate. A target in a unit not listed here, or
///   without a unit, is left out; the step is still drawn.
/// - A step giving both a duration and a distance lasts its duration and keeps its distance.
/// - A step with nested `steps` but no repeat count runs once; a count of 0 drops it.
/// - Intensity comes from VeloPeak's `kind`, else Intervals.icu's `warmup`/`cooldown` flags and
///   `intensity` (`rest` and `recovery` are recovery); anything else is active.
/// - Repeats nest at most 32 deep (deeper is an error).
pub fn plan_steps(
    structure: &serde_json::Value,
    sport: Sport,
    athlete: Option<&Athlete>,
) -> Result<Vec<PlanStep>, StructureError> {
    let root = structure
        .as_object()
        .ok_or_else(|| StructureError("it is not an object".to_owned()))?;
    let steps = root
        .get("steps")
        .and_then(Value::as_array)
        .ok_or_else(|| StructureError("it has no list of steps".to_owned()))?;
    let reading = Reading {
        sport,
        thresholds: Thresholds::new(root, sport, athlete),
    };
    reading.flatten(steps, "steps", 0)
}

/// What every step of one structure is read with.
struct Reading {
    sport: Sport,
    thresholds: Thresholds,
}

impl Reading {
    /// `steps` unrolled, timed from 0.
    fn flatten(
        &self,
        steps: &[Value],
        path: &str,
        depth: usize,
    ) -> Result<Vec<PlanStep>, StructureError> {
        if depth > MAX_NESTING {
            return Err(StructureError(format!(
                "{path} nests repeats more than {MAX_NESTING} deep"
            )));
        }
        let mut out: Vec<PlanStep> = Vec::new();
        let mut clock = 0.0;
        for (index, step) in steps.iter().enumerate() {
            let at = format!("{path}[{index}]");
            let step = step
                .as_object()
                .ok_or_else(|| StructureError(format!("{at} is not an object")))?;
            if let Some(children) = present(step, "steps") {
                let children = children
                    .as_array()
                    .ok_or_else(|| StructureError(format!("{at} has steps that are not a list")))?;
                let reps = repeat_count(step, &at)?;
                let once = self.flatten(children, &format!("{at}.steps"), depth + 1)?;
                let once_s: f64 = once.iter().map(|s| s.duration_s).sum();
                let total = (once.len() as u64).saturating_mul(reps);
                if out.len() as u64 + total > MAX_PLAN_STEPS as u64 {
                    return Err(too_many());
                }
                for _ in 0..reps {
                    out.extend(once.iter().map(|s| PlanStep {
                        start_s: clock + s.start_s,
                        ..s.clone()
                    }));
                    clock += once_s;
                }
            } else {
                if out.len() >= MAX_PLAN_STEPS {
                    return Err(too_many());
                }
                let step = self.step(step, clock, &at)?;
                clock += step.duration_s;
                out.push(step);
            }
        }
        Ok(out)
    }

    /// One step without nested steps, starting at `start_s`.
    fn step(
        &self,
        step: &Map<String, Value>,
        start_s: f64,
        at: &str,
    ) -> Result<PlanStep, StructureError> {
        let duration = amount(step, ["duration_s", "duration"], at)?;
        let distance_m = amount(step, ["distance_m", "distance"], at)?;
        let target = step_target(step, &self.thresholds, at)?;
        let duration_s = match (duration, distance_m) {
            (Some(seconds), _) => seconds,
            (None, Some(metres)) => metres / 1000.0 * self.estimated_s_per_km(target),
            (None, None) => {
                return Err(StructureError(format!(
                    "{at} has neither a duration, a distance nor steps"
                )));
            }
        };
        Ok(PlanStep {
            intensity: intensity(step),
            start_s,
            duration_s,
            distance_m,
            target,
        })
    }

    /// The pace a distance step is expected at: the middle of its pace target, else threshold
    /// pace (runs and swims), else a usual pace for the sport.
    fn estimated_s_per_km(&self, target: Option<StepTarget>) -> f64 {
        if let Some(t) = target.filter(|t| t.kind == TargetKind::Pace && t.absolute) {
            return (t.low + t.high) / 2.0;
        }
        let threshold = match self.sport {
            Sport::Run | Sport::Swim => self.thresholds.pace_s_per_km,
            _ => None,
        };
        threshold.unwrap_or(match self.sport {
            // 2:00 per 100 m.
            Sport::Swim => 1200.0,
            // 30 km/h.
            Sport::Ride => 120.0,
            // 5:00 per km.
            Sport::Run | Sport::Strength | Sport::Other => 300.0,
        })
    }
}

fn too_many() -> StructureError {
    StructureError(format!("it unrolls into more than {MAX_PLAN_STEPS} steps"))
}

/// A repeat's count (`repeat` or `reps`), 1 when not given.
fn repeat_count(step: &Map<String, Value>, at: &str) -> Result<u64, StructureError> {
    match present(step, "repeat").or_else(|| present(step, "reps")) {
        None => Ok(1),
        Some(count) => count
            .as_u64()
            .ok_or_else(|| StructureError(format!("{at} repeats {count} times"))),
    }
}

/// A duration or distance under the first of `keys` present: a number, zero or more.
fn amount(
    step: &Map<String, Value>,
    keys: [&str; 2],
    at: &str,
) -> Result<Option<f64>, StructureError> {
    let Some((key, value)) = keys.iter().find_map(|k| present(step, k).map(|v| (k, v))) else {
        return Ok(None);
    };
    match value.as_f64() {
        Some(x) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
        _ => Err(StructureError(format!("{at} has a {key} of {value}"))),
    }
}

fn intensity(step: &Map<String, Value>) -> StepIntensity {
    let flag = |key: &str| present(step, key).and_then(Value::as_bool) == Some(true);
    if flag("warmup") {
        return StepIntensity::Warmup;
    }
    if flag("cooldown") {
        return StepIntensity::Cooldown;
    }
    let named = present(step, "kind")
        .or_else(|| present(step, "intensity"))
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase);
    match named.as_deref() {
        Some("warmup") => StepIntensity::Warmup,
        Some("cooldown") => StepIntensity::Cooldown,
        Some("recovery" | "rest") => StepIntensity::Recovery,
        _ => StepIntensity::Active,
    }
}
