//! What each named size holds.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Duration, Weekday};

use super::*;

#[test]
fn demo_is_ana_ruiz_six_months_back_and_a_week_or_two_ahead() {
    let d = demo();
    assert_eq!(d.athletes.len(), 1);
    let json = serde_json::to_value(d.owner()).unwrap();
    assert_eq!(json["id"], "a_1042");
    assert_eq!(json["name"], "Ana Ruiz");
    assert_eq!(json["role"], "athlete");
    assert_eq!(json["timezone"], "Europe/Madrid");
    assert_eq!(json["power_zones_w"].as_array().unwrap().len(), 7);
    assert_eq!(json["hr_zones_bpm"].as_array().unwrap().len(), 5);
    assert!(json.get("coach_id").is_none() && json.get("home").is_none());
    assert_eq!(d.owner().hr_zones_bpm.last(), Some(&d.owner().hr_max));
    let first = d.activities.first().unwrap().local_date;
    let last_plan = d.workouts.last().unwrap().date;
    assert!(
        (170..=190).contains(&(anchor() - first).num_days()),
        "{first}"
    );
    assert!(
        (7..=13).contains(&(last_plan - anchor()).num_days()),
        "{last_plan}"
    );
    let sports: HashSet<Sport> = d.activities.iter().map(|a| a.sport).collect();
    for s in [Sport::Ride, Sport::Run, Sport::Swim, Sport::Strength] {
        assert!(sports.contains(&s), "no {s:?}");
    }
    assert!(
        (120..=260).contains(&d.activities.len()),
        "{}",
        d.activities.len()
    );
    assert!(!d.notes.is_empty() && d.wellness.len() > 120);
}

#[test]
fn every_demo_week_plans_four_to_six_sessions() {
    for seed in 1..=6 {
        let d = Dataset::generate(seed, anchor(), DatasetSize::Demo);
        let mut per_week: BTreeMap<chrono::NaiveDate, usize> = BTreeMap::new();
        for w in &d.workouts {
            let monday =
                w.date - Duration::days(i64::from(w.date.weekday().num_days_from_monday()));
            *per_week.entry(monday).or_default() += 1;
        }
        assert_eq!(per_week.len(), 28);
        let most = per_week.values().max().unwrap();
        assert!(*most <= 6, "seed {seed}: {per_week:?}");
        let usual = per_week.values().filter(|n| (4..=6).contains(*n)).count();
        assert!(usual >= 24, "seed {seed}: {per_week:?}");
    }
}

#[test]
fn season_is_a_coach_and_five_athletes_around_the_world() {
    let d = season();
    assert_eq!(d.athletes.len(), 6);
    let coach = d.owner();
    assert_eq!(coach.role, "coach");
    let athletes = d.readable_by(&coach.id);
    assert_eq!(athletes.len(), 6);
    assert_eq!(athletes[0].id, coach.id);
    for a in &athletes[1..] {
        assert_eq!(a.role, "athlete");
        assert_eq!(a.coach_id.as_deref(), Some(coach.id.as_str()));
        assert!(d.may_read(&coach.id, &a.id));
        assert!(!d.may_read(&a.id, &coach.id));
    }
    assert!(d.athlete("a_1042").is_some_and(|a| a.name == "Ana Ruiz"));
    let distinct =
        |f: &dyn Fn(&Athlete) -> String| d.athletes.iter().map(f).collect::<HashSet<_>>().len();
    assert_eq!(distinct(&|a| a.timezone.clone()), 6);
    assert_eq!(distinct(&|a| format!("{:?}", a.home)), 6);
    assert_eq!(distinct(&|a| a.ftp_w.to_string()), 6);
    assert_eq!(distinct(&|a| a.threshold_pace_s_per_km.to_string()), 6);
    assert_eq!(distinct(&|a| a.sex.clone()), 2);
    assert!(distinct(&|a| a.weight_kg.to_string()) >= 5);
    assert!(d.athletes.iter().any(|a| !a.name.is_ascii()));
    assert!(
        d.athletes
            .iter()
            .any(|a| a.name.chars().any(|c| c as u32 > 0x3000))
    );
    let first = d.activities.first().unwrap().local_date;
    assert!((360..=375).contains(&(anchor() - first).num_days()));
    // Each athlete trains their own mix; the coach trains a little, without a plan.
    for a in &d.athletes {
        let mut sports: BTreeMap<String, usize> = BTreeMap::new();
        for x in d.activities.iter().filter(|x| x.athlete_id == a.id) {
            *sports.entry(format!("{:?}", x.sport)).or_default() += 1;
        }
        let planned = d.workouts.iter().filter(|w| w.athlete_id == a.id).count();
        let total: usize = sports.values().sum();
        if a.role == "coach" {
            assert_eq!(planned, 0);
            assert!((60..=250).contains(&total), "coach {total}");
        } else {
            assert!(planned > 150, "{} {planned}", a.name);
            assert!(total > 150, "{} {total}", a.name);
        }
        let main = sports.iter().max_by_key(|(_, n)| **n).unwrap().0.clone();
        match a.name.as_str() {
            "佐藤 健二" => assert_eq!(main, "Run"),
            "Andrés Quintero" | "Siobhán Ní Bhriain" => assert_eq!(main, "Ride"),
            "Zoë Müller" => assert!(sports["Swim"] * 4 > total, "{sports:?}"),
            _ => {}
        }
        assert!(d.wellness.iter().filter(|w| w.athlete_id == a.id).count() > 250);
    }
}

#[test]
fn decade_is_about_four_thousand_activities_over_ten_years() {
    for (seed, d) in [
        (42, None),
        (7, Some(DatasetSize::Decade)),
        (1234, Some(DatasetSize::Decade)),
    ] {
        let generated;
        let d = match d {
            None => decade(),
            Some(size) => {
                generated = Dataset::generate(seed, anchor(), size);
                &generated
            }
        };
        assert_eq!(d.athletes.len(), 1);
        assert_eq!(d.owner().name, "Ana Ruiz");
        let n = d.activities.len();
        assert!((3600..=4400).contains(&n), "seed {seed}: {n}");
        let first = d.activities.first().unwrap().local_date;
        let last = d.activities.last().unwrap().local_date;
        assert!((last - first).num_days() >= 3640, "{first}..{last}");
        assert!(first.year() <= anchor().year() - 10 || first.ordinal() < anchor().ordinal() + 7);
        assert!(last >= anchor() - Duration::days(7));
        // Every year is trained in: no empty year, no empty month outside illness.
        let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
        for a in &d.activities {
            *per_year.entry(a.local_date.year()).or_default() += 1;
        }
        let full: Vec<_> = per_year
            .iter()
            .filter(|(y, _)| **y > first.year() && **y < anchor().year())
            .collect();
        assert_eq!(full.len(), 9);
        assert!(
            full.iter().all(|(_, n)| (300..=500).contains(*n)),
            "{per_year:?}"
        );
    }
}

#[test]
fn mondays_are_mostly_rest_days_for_ana() {
    let d = decade();
    let mondays = d
        .workouts
        .iter()
        .filter(|w| w.date.weekday() == Weekday::Mon)
        .count();
    assert!(mondays * 50 < d.workouts.len(), "{mondays}");
}
