//! Rules every data set keeps, whatever its size: determinism, unique ids, API order, links,
//! local dates, times, stream types, structures.

use std::collections::HashSet;

use chrono::Duration;

use super::*;

fn all() -> Vec<&'static Dataset> {
    vec![demo(), season(), decade()]
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    for size in [DatasetSize::Demo, DatasetSize::Season] {
        let a = json(&Dataset::generate(7, anchor(), size));
        assert_eq!(a, json(&Dataset::generate(7, anchor(), size)), "{size:?}");
        assert_ne!(a, json(&Dataset::generate(8, anchor(), size)), "{size:?}");
    }
    let again = Dataset::generate(42, anchor(), DatasetSize::Decade);
    assert_eq!(json(decade()), json(&again));
    let other = Dataset::generate(43, anchor(), DatasetSize::Decade);
    assert_ne!(json(decade()), json(&other));
    // Another anchor moves the whole data set.
    let later = anchor() + Duration::days(1);
    assert_ne!(
        json(demo()),
        json(&Dataset::generate(42, later, DatasetSize::Demo))
    );
}

#[test]
fn ids_are_unique_across_every_list() {
    for d in all() {
        let mut seen = HashSet::new();
        let ids = d.athletes.iter().map(|a| &a.id);
        let ids = ids.chain(d.workouts.iter().map(|w| &w.id));
        let ids = ids.chain(d.activities.iter().map(|a| &a.id));
        let ids = ids.chain(d.notes.iter().map(|n| &n.id));
        for id in ids {
            assert!(seen.insert(id.as_str()), "duplicate id {id}");
        }
        assert!(d.workouts.iter().all(|w| w.id.starts_with("w_")));
        assert!(d.activities.iter().all(|a| a.id.starts_with("act_")));
    }
}

#[test]
fn lists_are_in_api_order() {
    for d in all() {
        assert!(
            d.workouts
                .windows(2)
                .all(|p| p[0].sort_key() < p[1].sort_key())
        );
        assert!(
            d.activities
                .windows(2)
                .all(|p| p[0].sort_key() < p[1].sort_key())
        );
        assert!(
            d.notes
                .windows(2)
                .all(|p| (p[0].start_date, &p[0].id) < (p[1].start_date, &p[1].id))
        );
        assert!(
            d.wellness
                .windows(2)
                .all(|p| (p[0].date, &p[0].athlete_id) < (p[1].date, &p[1].athlete_id))
        );
    }
}

#[test]
fn planned_links_point_at_a_workout_of_the_same_athlete_day_and_sport() {
    for d in all() {
        let by_id = workouts_by_id(d);
        let mut linked = HashSet::new();
        for a in &d.activities {
            let Some(id) = &a.planned_workout_id else {
                continue;
            };
            let w = by_id.get(id.as_str()).expect("the planned workout exists");
            assert_eq!(w.athlete_id, a.athlete_id, "{}", a.id);
            assert_eq!(w.date, a.local_date, "{}", a.id);
            assert_eq!(w.sport, a.sport, "{}", a.id);
            assert!(linked.insert(id.as_str()), "{id} fulfilled twice");
        }
    }
}

#[test]
fn local_dates_and_times_hold_in_each_activitys_own_zone() {
    for d in all() {
        for a in &d.activities {
            assert_eq!(
                local_start(a).date(),
                a.local_date,
                "{} {}",
                a.id,
                a.timezone
            );
            assert!(a.local_date < anchor(), "{} after today", a.id);
            assert!(a.moving_time_s <= a.elapsed_time_s, "{}", a.id);
            assert!(a.moving_time_s > 0);
            assert!(a.created_at >= a.start_time, "{}", a.id);
            assert!(
                a.updated_at >= a.created_at && a.updated_at <= cutoff(),
                "{}",
                a.id
            );
            let athlete = d.athlete(&a.athlete_id).expect("owner exists");
            assert!(a.max_hr.unwrap() <= athlete.hr_max);
            assert!(a.avg_hr.unwrap() < a.max_hr.unwrap());
        }
    }
}

#[test]
fn nothing_is_written_after_today() {
    for d in all() {
        for w in &d.workouts {
            assert!(w.updated_at >= w.created_at, "{}", w.id);
            assert!(w.updated_at <= cutoff(), "{} {}", w.id, w.updated_at);
            assert!(w.created_at < w.date.and_hms_opt(0, 0, 0).unwrap().and_utc());
        }
        for n in &d.notes {
            assert!(n.updated_at <= cutoff(), "{}", n.id);
            assert!(n.end_date >= n.start_date, "{}", n.id);
        }
        for r in &d.wellness {
            assert!(r.updated_at <= cutoff() && r.date <= anchor());
        }
    }
}

#[test]
fn stream_types_follow_sport_and_trainer() {
    for d in all() {
        for a in &d.activities {
            let t: Vec<&str> = a.stream_types.iter().map(String::as_str).collect();
            assert_eq!(t[0], "time");
            let outdoor = t.contains(&"latlng");
            match a.sport {
                Sport::Ride => {
                    assert!(t.contains(&"watts") && t.contains(&"cadence"));
                    assert_eq!(outdoor, !a.trainer, "{}", a.id);
                    assert!(a.normalized_power_w.is_some());
                }
                Sport::Run => assert!(outdoor && !t.contains(&"watts")),
                Sport::Swim => assert_eq!(t, ["time", "distance", "heartrate"]),
                Sport::Strength => assert_eq!(t, ["time", "heartrate"]),
                // Planned yoga and mobility indoors; unplanned walks and hikes outdoors.
                Sport::Other if a.planned_workout_id.is_some() => {
                    assert_eq!(t, ["time", "heartrate"])
                }
                Sport::Other => assert!(outdoor && !t.contains(&"watts")),
            }
            assert!(!a.trainer || a.sport == Sport::Ride);
        }
    }
}

fn targets(steps: &[Step], out: &mut Vec<Target>, distances: &mut usize) {
    for s in steps {
        out.extend(s.target);
        *distances += usize::from(s.distance_m.is_some());
        if let Some(children) = &s.steps {
            assert!(s.repeat.unwrap() >= 2);
            targets(children, out, distances);
        }
    }
}

#[test]
fn workouts_carry_sport_specific_structures() {
    for d in all() {
        for w in &d.workouts {
            assert!(w.planned_duration_s > 0);
            let Some(s) = &w.structure else {
                assert!(
                    matches!(w.sport, Sport::Strength | Sport::Other),
                    "{}",
                    w.name
                );
                continue;
            };
            let (mut t, mut distances) = (Vec::new(), 0);
            targets(&s.steps, &mut t, &mut distances);
            let units: HashSet<_> = t.iter().map(|t| t.unit).collect();
            match w.sport {
                Sport::Ride => assert!(units.contains(&TargetUnit::PercentFtp), "{}", w.name),
                Sport::Run => assert!(units.contains(&TargetUnit::SecondsPerKm), "{}", w.name),
                Sport::Swim => {
                    assert_eq!(units, HashSet::from([TargetUnit::SecondsPerKm]));
                    assert!(distances > 0 && w.planned_distance_m.unwrap() >= 750.0);
                }
                _ => panic!("{} has a structure", w.name),
            }
            assert!(t.iter().all(|t| t.low <= t.high), "{}", w.name);
        }
        // Repeats with warm-ups and cool-downs are the norm for non-race sessions.
        let structured = d
            .workouts
            .iter()
            .filter(|w| w.race.is_none())
            .filter_map(|w| w.structure.as_ref())
            .filter(|s| s.steps.iter().any(|s| s.kind == StepKind::Repeat))
            .filter(|s| s.steps[0].kind == StepKind::Warmup)
            .count();
        assert!(structured * 4 > d.workouts.len(), "{structured}");
    }
}
