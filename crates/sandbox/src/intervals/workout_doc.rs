//! A planned workout's structure as the platform's `workout_doc`: steps with `duration` (s) or
//! `distance` (m), `warmup`/`cooldown` flags, `intensity`, `power` / `hr` / `pace` targets as
//! `{start, end, units}` (`%ftp` or `w`, `%lthr`, `%pace`), and repeats as `reps` with nested
//! `steps`. With `resolve=true` each target also comes as `_power` (W), `_hr` (bpm) and `_pace`
//! (m/s).

use serde_json::{Value, json};

use super::athlete::{lthr, metres_per_second, threshold_s_per_km};
use super::query::{Obj, round};
use crate::data::{Athlete, Step, StepKind, Target, TargetKind, TargetUnit, Workout};

/// The `target` of the doc: what its steps mostly aim at.
fn main_target(steps: &[Step]) -> Option<TargetKind> {
    steps.iter().find_map(|s| {
        s.target
            .map(|t| t.kind)
            .or_else(|| s.steps.as_deref().and_then(main_target))
    })
}

fn range(start: f64, end: f64, units: Option<&str>) -> Value {
    let mut v = json!({"start": start, "end": end});
    if let Some(units) = units {
        v["units"] = json!(units);
    }
    v
}

/// `(key, value, resolved key, resolved value)` of a target.
fn target(t: &Target, a: &Athlete, w: &Workout) -> (&'static str, Value, &'static str, Value) {
    let (low, high) = (f64::from(t.low), f64::from(t.high));
    match t.unit {
        TargetUnit::PercentFtp => {
            let ftp = f64::from(a.ftp_w);
            (
                "power",
                range(low, high, Some("%ftp")),
                "_power",
                range(
                    (low * ftp / 100.0).round(),
                    (high * ftp / 100.0).round(),
                    Some("w"),
                ),
            )
        }
        TargetUnit::Watts => (
            "power",
            range(low, high, Some("w")),
            "_power",
            range(low, high, Some("w")),
        ),
        TargetUnit::Bpm => {
            let lthr = f64::from(lthr(a).max(1));
            (
                "hr",
                range(
                    round(low * 100.0 / lthr, 1),
                    round(high * 100.0 / lthr, 1),
                    Some("%lthr"),
                ),
                "_hr",
                range(low, high, None),
            )
        }
        TargetUnit::SecondsPerKm => {
            // %pace is % of threshold speed: the slower bound (more seconds) is the lower %.
            let threshold = f64::from(threshold_s_per_km(a, w.sport));
            let pct = |s: f64| round(threshold * 100.0 / s.max(1.0), 1);
            let speed = |s: f64| metres_per_second(s.round() as u32);
            (
                "pace",
                range(pct(high), pct(low), Some("%pace")),
                "_pace",
                range(speed(high), speed(low), None),
            )
        }
    }
}

fn step(s: &Step, a: &Athlete, w: &Workout, resolve: bool) -> Value {
    if let (Some(reps), Some(children)) = (s.repeat, &s.steps) {
        let steps: Vec<Value> = children.iter().map(|c| step(c, a, w, resolve)).collect();
        return Obj::default().set("reps", reps).set("steps", steps).value();
    }
    let intensity = match s.kind {
        StepKind::Warmup => "warmup",
        StepKind::Cooldown => "cooldown",
        StepKind::Recovery => "recovery",
        StepKind::Interval | StepKind::Repeat => "active",
    };
    let mut obj = Obj::default()
        .some("duration", s.duration_s)
        .some("distance", s.distance_m)
        .set("intensity", intensity);
    if s.kind == StepKind::Warmup {
        obj = obj.set("warmup", true);
    }
    if s.kind == StepKind::Cooldown {
        obj = obj.set("cooldown", true);
    }
    if let Some(t) = &s.target {
        let (key, value, resolved_key, resolved) = target(t, a, w);
        obj = obj.set(key, value);
        if resolve {
            obj = obj.set(resolved_key, resolved);
        }
    }
    obj.value()
}

/// The `workout_doc` of a planned workout with a structure.
pub(crate) fn workout_doc(w: &Workout, a: &Athlete, resolve: bool) -> Option<Value> {
    let structure = w.structure.as_ref()?;
    let steps: Vec<Value> = structure
        .steps
        .iter()
        .map(|s| step(s, a, w, resolve))
        .collect();
    let target = match main_target(&structure.steps) {
        Some(TargetKind::Power) => "POWER",
        Some(TargetKind::Hr) => "HR",
        Some(TargetKind::Pace) => "PACE",
        None => "AUTO",
    };
    let pace_units = if w.sport == crate::data::Sport::Swim {
        "SECS_100M"
    } else {
        "MINS_KM"
    };
    Some(
        Obj::default()
            .set("duration", w.planned_duration_s)
            .some("distance", w.planned_distance_m)
            .set("ftp", a.ftp_w)
            .set("lthr", lthr(a))
            .set(
                "threshold_pace",
                metres_per_second(threshold_s_per_km(a, w.sport)),
            )
            .set("pace_units", pace_units)
            .set("target", target)
            .set("steps", steps)
            .value(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Dataset, DatasetSize, Sport};
    use chrono::NaiveDate;

    fn data() -> Dataset {
        Dataset::generate(
            42,
            NaiveDate::from_ymd_opt(2025, 4, 10).unwrap(),
            DatasetSize::Demo,
        )
    }

    fn all_steps(steps: &[Value]) -> Vec<Value> {
        let mut out = Vec::new();
        for s in steps {
            out.push(s.clone());
            if let Some(children) = s["steps"].as_array() {
                out.extend(all_steps(children));
            }
        }
        out
    }

    #[test]
    fn structures_become_steps_with_reps_and_targets() {
        let data = data();
        let a = data.owner();
        let mut seen = std::collections::BTreeSet::new();
        for w in data.workouts.iter().filter(|w| w.structure.is_some()) {
            let doc = workout_doc(w, a, true).unwrap();
            let steps = all_steps(doc["steps"].as_array().unwrap());
            for s in &steps {
                if s.get("reps").is_some() {
                    seen.insert("reps");
                    assert!(!s["steps"].as_array().unwrap().is_empty());
                    continue;
                }
                assert!(s["duration"].is_u64() || s["distance"].is_number(), "{s}");
                for (key, resolved) in [("power", "_power"), ("hr", "_hr"), ("pace", "_pace")] {
                    if let Some(t) = s.get(key) {
                        seen.insert(key);
                        assert!(t["start"].as_f64().unwrap() <= t["end"].as_f64().unwrap());
                        assert!(t["units"].is_string());
                        assert!(s.get(resolved).is_some());
                    }
                }
            }
            if w.sport == Sport::Ride && doc["target"] == "POWER" {
                assert_eq!(doc["ftp"], a.ftp_w);
            }
        }
        assert!(seen.contains("reps") && seen.contains("power"), "{seen:?}");
        assert!(seen.contains("hr") || seen.contains("pace"), "{seen:?}");
    }

    #[test]
    fn without_resolve_there_are_no_resolved_targets() {
        let data = data();
        let w = data
            .workouts
            .iter()
            .find(|w| w.structure.is_some())
            .unwrap();
        let doc = workout_doc(w, data.owner(), false).unwrap().to_string();
        assert!(!doc.contains("\"_power\"") && !doc.contains("\"_hr\""));
    }
}
