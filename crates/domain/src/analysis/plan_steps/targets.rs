//! A step's target made absolute: the thresholds a structure's percentages refer to, and the
//! reading of VeloPeak's `target` and Intervals.icu's `power`/`hr`/`pace` (with their resolved
//! `_power`/`_hr`/`_pace`).

use super::{StepTarget, StructureError, TargetKind};
use crate::figures::threshold_heart_rate;
use crate::training::{Athlete, Sport};
use serde_json::{Map, Value};

/// The thresholds percentages are taken of. Each comes from the athlete when known, else from
/// the thresholds an Intervals.icu `workout_doc` carries (`ftp`, `lthr`, `threshold_pace` in
/// m/s). The athlete's threshold pace is a running pace, so it applies to runs only; a swim's
/// threshold pace (critical swim speed) comes from the structure alone.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Thresholds {
    pub ftp_w: Option<f64>,
    pub lthr_bpm: Option<f64>,
    pub hr_max_bpm: Option<f64>,
    pub pace_s_per_km: Option<f64>,
}

impl Thresholds {
    pub fn new(structure: &Map<String, Value>, sport: Sport, athlete: Option<&Athlete>) -> Self {
        let positive = |v: Option<f64>| v.filter(|x| x.is_finite() && *x > 0.0);
        let doc = |key: &str| positive(structure.get(key).and_then(Value::as_f64));
        let from_athlete = |read: fn(&Athlete) -> Option<f64>| positive(athlete.and_then(read));
        let athlete_pace = if sport == Sport::Run {
            from_athlete(|a| a.threshold_pace_s_per_km.map(f64::from))
        } else {
            None
        };
        Thresholds {
            ftp_w: from_athlete(|a| a.ftp_w.map(f64::from)).or_else(|| doc("ftp")),
            lthr_bpm: from_athlete(threshold_heart_rate).or_else(|| doc("lthr")),
            hr_max_bpm: from_athlete(|a| a.hr_max.map(f64::from)),
            pace_s_per_km: athlete_pace.or_else(|| doc("threshold_pace").map(|mps| 1000.0 / mps)),
        }
    }
}

/// The step's target: VeloPeak's `target`, else the first of Intervals.icu's power, heart-rate
/// and pace targets, its resolved form preferred. `None` when the step has none, or only one in
/// a unit this reading does not know (the step is still drawn).
pub(super) fn step_target(
    step: &Map<String, Value>,
    thresholds: &Thresholds,
    at: &str,
) -> Result<Option<StepTarget>, StructureError> {
    if let Some(target) = present(step, "target") {
        return given_target(target, ("low", "high", "unit"), thresholds, at);
    }
    for (key, resolved_key, kind) in [
        ("power", "_power", TargetKind::Power),
        ("hr", "_hr", TargetKind::HeartRate),
        ("pace", "_pace", TargetKind::Pace),
    ] {
        if let Some(resolved) = present(step, resolved_key) {
            let (low, high) = bounds(object(resolved, at)?, "start", "end", at)?;
            return resolved_target(kind, low, high, at).map(Some);
        }
        if let Some(target) = present(step, key) {
            return given_target(target, ("start", "end", "units"), thresholds, at);
        }
    }
    Ok(None)
}

/// A target as written, its bounds and unit under `keys` (`low`, `high`, `unit`).
fn given_target(
    target: &Value,
    (low_key, high_key, unit_key): (&str, &str, &str),
    thresholds: &Thresholds,
    at: &str,
) -> Result<Option<StepTarget>, StructureError> {
    let target = object(target, at)?;
    let (low, high) = bounds(target, low_key, high_key, at)?;
    match present(target, unit_key).and_then(Value::as_str) {
        Some(unit) => in_unit(unit, low, high, thresholds, at),
        None => Ok(None),
    }
}

/// A target given in `unit`, made absolute when its threshold is known.
fn in_unit(
    unit: &str,
    low: f64,
    high: f64,
    thresholds: &Thresholds,
    at: &str,
) -> Result<Option<StepTarget>, StructureError> {
    let absolute = |kind, low, high| StepTarget {
        kind,
        low,
        high,
        absolute: true,
    };
    let percent_of = |kind, threshold: Option<f64>| match threshold {
        Some(t) => absolute(kind, low * t / 100.0, high * t / 100.0),
        None => StepTarget {
            kind,
            low,
            high,
            absolute: false,
        },
    };
    let target = match unit.to_ascii_lowercase().as_str() {
        "%ftp" => percent_of(TargetKind::Power, thresholds.ftp_w),
        "w" | "watts" => absolute(TargetKind::Power, low, high),
        "%lthr" => percent_of(TargetKind::HeartRate, thresholds.lthr_bpm),
        "%hr" => percent_of(TargetKind::HeartRate, thresholds.hr_max_bpm),
        "bpm" => absolute(TargetKind::HeartRate, low, high),
        "s_per_km" => absolute(TargetKind::Pace, low, high),
        "%pace" => match thresholds.pace_s_per_km {
            // A percentage of threshold speed: the higher percentage is the faster pace.
            Some(threshold) => absolute(
                TargetKind::Pace,
                threshold * 100.0 / positive(high, at)?,
                threshold * 100.0 / positive(low, at)?,
            ),
            None => percent_of(TargetKind::Pace, None),
        },
        _ => return Ok(None),
    };
    Ok(Some(target))
}

/// Intervals.icu's resolved target: watts, bpm, or metres per second for pace.
fn resolved_target(
    kind: TargetKind,
    low: f64,
    high: f64,
    at: &str,
) -> Result<StepTarget, StructureError> {
    let (low, high) = if kind == TargetKind::Pace {
        // The faster speed is the smaller number of seconds per kilometre.
        (1000.0 / positive(high, at)?, 1000.0 / positive(low, at)?)
    } else {
        (low, high)
    };
    Ok(StepTarget {
        kind,
        low,
        high,
        absolute: true,
    })
}

/// A field that is there and not `null`.
pub(super) fn present<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    object.get(key).filter(|v| !v.is_null())
}

fn object<'a>(value: &'a Value, at: &str) -> Result<&'a Map<String, Value>, StructureError> {
    value
        .as_object()
        .ok_or_else(|| StructureError(format!("{at} has a target that is not an object")))
}

/// The range's bounds, smaller first; a single `value` stands for both.
fn bounds(
    target: &Map<String, Value>,
    low_key: &str,
    high_key: &str,
    at: &str,
) -> Result<(f64, f64), StructureError> {
    let number = |key: &str| -> Result<Option<f64>, StructureError> {
        match present(target, key) {
            None => Ok(None),
            Some(v) => v
                .as_f64()
                .filter(|x| x.is_finite())
                .map(Some)
                .ok_or_else(|| {
                    StructureError(format!("{at} has a target whose {key} is not a number"))
                }),
        }
    };
    let single = number("value")?;
    match (number(low_key)?.or(single), number(high_key)?.or(single)) {
        (Some(a), Some(b)) => Ok((a.min(b), a.max(b))),
        (Some(only), None) | (None, Some(only)) => Ok((only, only)),
        (None, None) => Err(StructureError(format!("{at} has a target without bounds"))),
    }
}

fn positive(value: f64, at: &str) -> Result<f64, StructureError> {
    if value > 0.0 {
        Ok(value)
    } else {
        Err(StructureError(format!("{at} has a pace target of {value}")))
    }
}
