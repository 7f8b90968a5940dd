use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::*;

fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 10).unwrap()
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let json = |seed| {
        let d = Dataset::generate(seed, anchor(), DatasetSize::Demo);
        serde_json::to_string(&(&d.athletes, &d.workouts, &d.activities)).unwrap()
    };
    assert_eq!(json(7), json(7));
    assert_ne!(json(7), json(8));
}

#[test]
fn plan_covers_twelve_weeks_with_four_to_six_sessions_and_rest_mondays() {
    let d = Dataset::generate(42, anchor(), DatasetSize::Demo);
    let first = plan::first_monday(anchor());
    assert_eq!(first.weekday(), Weekday::Mon);
    assert_eq!(first, NaiveDate::from_ymd_opt(2025, 1, 27).unwrap());
    let mut per_week: BTreeMap<i64, usize> = BTreeMap::new();
    for w in &d.workouts {
        assert_ne!(w.date.weekday(), Weekday::Mon, "{} on a Monday", w.name);
        let week = (w.date - first).num_days() / 7;
        assert!((0..12).contains(&week), "{} outside the plan", w.date);
        *per_week.entry(week).or_default() += 1;
        assert!(w.created_at < w.date.and_hms_opt(0, 0, 0).unwrap().and_utc());
        assert!(w.updated_at >= w.created_at);
        assert!(w.updated_at < w.date.and_hms_opt(0, 0, 0).unwrap().and_utc());
        assert!(w.id.starts_with("w_"));
    }
    assert_eq!(per_week.len(), 12);
    assert!(
        per_week.values().all(|n| (4..=6).contains(n)),
        "{per_week:?}"
    );
    let sports: BTreeSet<String> = d
        .workouts
        .iter()
        .map(|w| format!("{:?}", w.sport))
        .collect();
    for sport in ["Ride", "Run", "Swim", "Strength"] {
        assert!(sports.contains(sport), "no {sport} in {sports:?}");
    }
    let last = d.workouts.iter().map(|w| w.date).max().unwrap();
    assert!(
        last > anchor() + Duration::days(6 - i64::from(anchor().weekday().num_days_from_monday()))
    );
}

#[test]
fn activities_fulfil_exceed_or_miss_the_past_plan() {
    let (mut done, mut over, mut missed, mut unplanned) = (0, 0, 0, 0);
    for seed in 1..=10 {
        let d = Dataset::generate(seed, anchor(), DatasetSize::Demo);
        let ids: BTreeSet<&str> = d.activities.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), d.activities.len());
        for a in &d.activities {
            assert!(a.local_date < anchor());
            assert!(a.moving_time_s <= a.elapsed_time_s);
            assert_eq!(madrid::utc_to_local(a.start_time).date(), a.local_date);
            match &a.planned_workout_id {
                None => unplanned += 1,
                Some(id) => {
                    let w = d.workout(id).expect("planned workout exists");
                    assert_eq!(w.date, a.local_date);
                    assert_eq!(w.sport, a.sport);
                    let ratio = f64::from(a.moving_time_s) / f64::from(w.planned_duration_s);
                    if (0.9..=1.1).contains(&ratio) {
                        done += 1;
                    } else {
                        assert!((1.15..=1.4).contains(&ratio), "ratio {ratio}");
                        over += 1;
                    }
                }
            }
        }
        let fulfilled: BTreeSet<&str> = d
            .activities
            .iter()
            .filter_map(|a| a.planned_workout_id.as_deref())
            .collect();
        missed += d
            .workouts
            .iter()
            .filter(|w| w.date < anchor() && !fulfilled.contains(w.id.as_str()))
            .count();
    }
    let total = f64::from(done + over + missed as u32);
    let share = |n: u32| f64::from(n) / total;
    assert!(
        (0.65..0.85).contains(&share(done)),
        "done {done} of {total}"
    );
    assert!(
        (0.04..0.18).contains(&share(over)),
        "over {over} of {total}"
    );
    assert!(
        (0.07..0.25).contains(&share(missed as u32)),
        "missed {missed} of {total}"
    );
    // About one every two weeks over ten and a half past weeks, for ten seeds.
    assert!((35..=60).contains(&unplanned), "unplanned {unplanned}");
}

#[test]
fn lists_are_in_api_order() {
    let d = Dataset::generate(3, anchor(), DatasetSize::Demo);
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
        d.activities
            .windows(2)
            .all(|p| (p[0].local_date, p[0].start_time) <= (p[1].local_date, p[1].start_time))
    );
}

#[test]
fn athlete_matches_the_contract_shape() {
    let d = Dataset::generate(42, anchor(), DatasetSize::Demo);
    let json = serde_json::to_value(d.owner()).unwrap();
    assert_eq!(json["id"], "a_1042");
    assert_eq!(json["name"], "Ana Ruiz");
    assert_eq!(json["timezone"], "Europe/Madrid");
    assert_eq!(json["power_zones_w"].as_array().unwrap().len(), 7);
    assert_eq!(json["hr_zones_bpm"].as_array().unwrap().len(), 5);
    assert_eq!(d.owner().hr_zones_bpm.last(), Some(&d.owner().hr_max));
}
