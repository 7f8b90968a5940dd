//! The intervals of an activity (`intervals=true`): the planned structure's steps stretched
//! over the moving time when the activity fulfils a structured plan, otherwise ten-minute laps.
//! Steps repeated in a block share a group (`icu_groups`).

use serde_json::Value;

use super::athlete::{lthr, threshold_s_per_km};
use super::query::{Obj, round};
use crate::data::{Activity, Athlete, Step, StepKind, TargetUnit, Workout};

/// One flattened step: what it is, its weight in seconds, its effort relative to threshold and
/// its group.
#[derive(Clone)]
struct Piece {
    kind: StepKind,
    seconds: f64,
    effort: f64,
    group: Option<String>,
}

fn effort(step: &Step, a: &Athlete, w: &Workout) -> f64 {
    let Some(t) = step.target else {
        return 0.5;
    };
    let mid = f64::from(t.low + t.high) / 2.0;
    match t.unit {
        TargetUnit::PercentFtp => mid / 100.0,
        TargetUnit::Watts => mid / f64::from(a.ftp_w.max(1)),
        TargetUnit::Bpm => mid / f64::from(lthr(a).max(1)),
        TargetUnit::SecondsPerKm => f64::from(threshold_s_per_km(a, w.sport)) / mid.max(1.0),
    }
}

fn flatten(
    steps: &[Step],
    a: &Athlete,
    w: &Workout,
    s_per_m: f64,
    block: &mut usize,
    out: &mut Vec<Piece>,
) {
    for step in steps {
        match (&step.steps, step.repeat) {
            (Some(children), Some(times)) => {
                *block += 1;
                let this = *block;
                let mut once = Vec::new();
                flatten(children, a, w, s_per_m, block, &mut once);
                for (j, piece) in once.iter_mut().enumerate() {
                    piece
                        .group
                        .get_or_insert_with(|| format!("g{this}.{}", j + 1));
                }
                for _ in 0..times {
                    out.extend(once.iter().cloned());
                }
            }
            _ => {
                let seconds = match (step.duration_s, step.distance_m) {
                    (Some(d), _) => f64::from(d),
                    (None, Some(m)) => m * s_per_m,
                    _ => 0.0,
                };
                out.push(Piece {
                    kind: step.kind,
                    seconds,
                    effort: effort(step, a, w),
                    group: None,
                });
            }
        }
    }
}

fn label(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Warmup => "Warmup",
        StepKind::Cooldown => "Cooldown",
        StepKind::Recovery => "Recovery",
        StepKind::Interval | StepKind::Repeat => "Interval",
    }
}

/// `(icu_intervals, icu_groups)` of an activity.
pub(crate) fn intervals(
    act: &Activity,
    a: &Athlete,
    planned: Option<&Workout>,
) -> (Vec<Value>, Vec<Value>) {
    let total = f64::from(act.moving_time_s.max(1));
    let s_per_m = act
        .distance_m
        .filter(|d| *d > 0.0)
        .map_or(0.3, |d| total / d);
    let mut pieces = Vec::new();
    if let Some((w, structure)) = planned.and_then(|w| w.structure.as_ref().map(|s| (w, s))) {
        flatten(&structure.steps, a, w, s_per_m, &mut 0, &mut pieces);
    }
    pieces.retain(|p| p.seconds > 0.0);
    let structured = !pieces.is_empty();
    if !structured {
        let avg_effort = act
            .avg_power_w
            .map_or(0.6, |p| f64::from(p) / f64::from(a.ftp_w.max(1)));
        let mut left = total;
        while left > 0.0 {
            let seconds = left.min(600.0);
            pieces.push(Piece {
                kind: StepKind::Interval,
                seconds,
                effort: avg_effort,
                group: None,
            });
            left -= seconds;
        }
    }
    let planned_total: f64 = pieces.iter().map(|p| p.seconds).sum();
    let scale = total / planned_total.max(1.0);
    let (mut out, mut cum) = (Vec::new(), 0.0);
    for (n, p) in pieces.iter().enumerate() {
        let start = (cum * scale).round() as u32;
        cum += p.seconds;
        let end = ((cum * scale).round() as u32).min(act.moving_time_s);
        let secs = end.saturating_sub(start);
        let watts = act
            .avg_power_w
            .map(|_| (p.effort * f64::from(a.ftp_w)).round() as u32);
        let hr = act
            .avg_hr
            .map(|_| ((f64::from(lthr(a)) * (0.7 + 0.3 * p.effort)).round() as u32).min(a.hr_max));
        let distance = act
            .distance_m
            .map(|d| round(d * f64::from(secs) / total, 1));
        let work = matches!(p.kind, StepKind::Interval | StepKind::Repeat);
        let label = if structured {
            label(p.kind).to_string()
        } else {
            format!("Lap {}", n + 1)
        };
        out.push(
            Obj::default()
                .set("id", n + 1)
                .set("type", if work { "WORK" } else { "RECOVERY" })
                .set("label", label)
                .set("start_index", start)
                .set("end_index", end)
                .set("start_time", start)
                .set("end_time", end)
                .set("moving_time", secs)
                .set("elapsed_time", secs)
                .set("distance", distance)
                .set("average_watts", watts)
                .set("intensity", (p.effort * 100.0).round() as u32)
                .set("average_heartrate", hr)
                .set("group_id", p.group.clone())
                .value(),
        );
    }
    let groups = groups(&out);
    (out, groups)
}

/// One group per set of intervals sharing a `group_id`, in order of first appearance.
fn groups(intervals: &[Value]) -> Vec<Value> {
    let mut order: Vec<String> = Vec::new();
    for i in intervals {
        if let Some(g) = i["group_id"].as_str()
            && !order.iter().any(|o| o == g)
        {
            order.push(g.to_string());
        }
    }
    order
        .into_iter()
        .map(|g| {
            let members: Vec<&Value> = intervals
                .iter()
                .filter(|i| i["group_id"].as_str() == Some(g.as_str()))
                .collect();
            let count = members.len();
            let sum = |k: &str| members.iter().filter_map(|m| m[k].as_u64()).sum::<u64>();
            let watts: Vec<u64> = members
                .iter()
                .filter_map(|m| m["average_watts"].as_u64())
                .collect();
            let first = members
                .first()
                .map_or(0, |m| m["start_index"].as_u64().unwrap_or(0));
            Obj::default()
                .set("id", g)
                .set("count", count)
                .set("start_index", first)
                .set("moving_time", sum("moving_time"))
                .set("elapsed_time", sum("elapsed_time"))
                .set(
                    "average_watts",
                    (!watts.is_empty()).then(|| watts.iter().sum::<u64>() / watts.len() as u64),
                )
                .value()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Dataset, DatasetSize};
    use chrono::NaiveDate;

    #[test]
    fn structured_activities_follow_their_plan_and_others_get_laps() {
        let data = Dataset::generate(
            42,
            NaiveDate::from_ymd_opt(2025, 4, 10).unwrap(),
            DatasetSize::Demo,
        );
        let a = data.owner();
        let structured = data
            .activities
            .iter()
            .find(|x| {
                x.planned_workout_id
                    .as_deref()
                    .and_then(|w| data.workout(w))
                    .is_some_and(|w| {
                        w.structure
                            .as_ref()
                            .is_some_and(|s| s.steps.iter().any(|s| s.repeat.is_some()))
                    })
            })
            .unwrap();
        let planned = data.workout(structured.planned_workout_id.as_deref().unwrap());
        let (list, groups) = intervals(structured, a, planned);
        assert!(list.len() > 3);
        assert!(!groups.is_empty());
        assert_eq!(list[0]["label"], "Warmup");
        assert_eq!(list.last().unwrap()["end_index"], structured.moving_time_s);
        for pair in list.windows(2) {
            assert_eq!(pair[0]["end_index"], pair[1]["start_index"]);
        }
        for g in &groups {
            let n = list.iter().filter(|i| i["group_id"] == g["id"]).count();
            assert_eq!(g["count"], n);
            assert!(n >= 2);
        }

        let unplanned = data
            .activities
            .iter()
            .find(|x| x.planned_workout_id.is_none())
            .unwrap();
        let (laps, groups) = intervals(unplanned, a, None);
        assert!(groups.is_empty());
        assert_eq!(laps.len(), unplanned.moving_time_s.div_ceil(600) as usize);
        assert_eq!(laps[0]["label"], "Lap 1");
        let total: u64 = laps
            .iter()
            .map(|l| l["moving_time"].as_u64().unwrap())
            .sum();
        assert_eq!(total, u64::from(unplanned.moving_time_s));
    }
}
