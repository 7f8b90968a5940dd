//! Building blocks of a workout structure, and the stress a structure carries:
//! Σ seconds × factor², where factor is the step's target relative to threshold.

use super::athlete::{css_pace, lthr};
use super::{Athlete, Sport, Step, StepKind, Target, TargetKind, TargetUnit};

pub(super) fn leaf(kind: StepKind, duration_s: u32, target: Option<Target>) -> Step {
    Step {
        kind,
        duration_s: Some(duration_s),
        distance_m: None,
        target,
        repeat: None,
        steps: None,
    }
}

pub(super) fn distance(kind: StepKind, distance_m: f64, target: Option<Target>) -> Step {
    Step {
        duration_s: None,
        distance_m: Some(distance_m),
        ..leaf(kind, 0, target)
    }
}

pub(super) fn repeat(times: u32, steps: Vec<Step>) -> Step {
    Step {
        kind: StepKind::Repeat,
        duration_s: None,
        distance_m: None,
        target: None,
        repeat: Some(times),
        steps: Some(steps),
    }
}

pub(super) fn target(kind: TargetKind, unit: TargetUnit, low: u32, high: u32) -> Option<Target> {
    Some(Target {
        kind,
        low,
        high,
        unit,
    })
}

pub(super) fn ftp(low: u32, high: u32) -> Option<Target> {
    target(TargetKind::Power, TargetUnit::PercentFtp, low, high)
}

/// Seconds and Σ seconds × factor² of a list of steps.
pub(super) fn stress(steps: &[Step], a: &Athlete, sport: Sport) -> (f64, f64) {
    let mut total = (0.0, 0.0);
    for step in steps {
        let (secs, weighted) = match (&step.steps, step.repeat) {
            (Some(children), Some(times)) => {
                let (s, w) = stress(children, a, sport);
                (s * f64::from(times), w * f64::from(times))
            }
            _ => {
                let factor = step.target.map_or(0.45, |t| factor(&t, a, sport));
                let secs = match (step.duration_s, step.distance_m, step.target) {
                    (Some(d), _, _) => f64::from(d),
                    (None, Some(m), Some(t)) if t.kind == TargetKind::Pace => {
                        m / 1000.0 * f64::from(t.low + t.high) / 2.0
                    }
                    (None, Some(m), _) => m / 1000.0 * f64::from(css_pace(a)) * 1.1,
                    _ => 0.0,
                };
                (secs, secs * factor * factor)
            }
        };
        total.0 += secs;
        total.1 += weighted;
    }
    total
}

pub(super) fn factor(t: &Target, a: &Athlete, sport: Sport) -> f64 {
    let mid = f64::from(t.low + t.high) / 2.0;
    match t.unit {
        TargetUnit::PercentFtp => mid / 100.0,
        TargetUnit::Watts => mid / f64::from(a.ftp_w),
        TargetUnit::Bpm => mid / f64::from(lthr(a)),
        TargetUnit::SecondsPerKm if sport == Sport::Swim => f64::from(css_pace(a)) / mid,
        TargetUnit::SecondsPerKm => f64::from(a.threshold_pace_s_per_km) / mid,
    }
}

/// Total distance of a structure given in metres (swims).
pub(super) fn swim_distance(steps: &[Step]) -> f64 {
    steps
        .iter()
        .map(|s| match (&s.steps, s.repeat) {
            (Some(children), Some(n)) => swim_distance(children) * f64::from(n),
            _ => s.distance_m.unwrap_or(0.0),
        })
        .sum()
}
