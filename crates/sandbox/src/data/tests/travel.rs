//! Time zones: trips abroad, activities crossing local midnight, and the days clocks change.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, Offset, TimeZone};

use super::*;

#[test]
fn trips_put_activities_in_other_zones_with_their_own_local_dates() {
    let d = decade();
    let home = &d.owner().timezone;
    let mut zones: BTreeMap<&str, usize> = BTreeMap::new();
    for a in d.activities.iter().filter(|a| &a.timezone != home) {
        *zones.entry(a.timezone.as_str()).or_default() += 1;
    }
    assert!(zones.len() >= 3, "{zones:?}");
    assert!(zones.contains_key("Atlantic/Canary"), "{zones:?}");
    let far = ["Asia/Tokyo", "America/Denver"];
    assert!(far.iter().any(|z| zones.contains_key(z)), "{zones:?}");
    // Somewhere the UTC date differs from the local date, both ways.
    let ahead = d
        .activities
        .iter()
        .any(|a| a.start_time.date_naive() < a.local_date);
    let behind = d
        .activities
        .iter()
        .any(|a| a.start_time.date_naive() > a.local_date);
    assert!(ahead && behind);
    // Planned sessions done abroad keep the plan's date in the local zone there.
    let by_id = workouts_by_id(d);
    let abroad_planned = d
        .activities
        .iter()
        .filter(|a| &a.timezone != home)
        .filter_map(|a| {
            a.planned_workout_id
                .as_ref()
                .map(|id| (a, by_id[id.as_str()]))
        })
        .inspect(|(a, w)| assert_eq!(a.local_date, w.date))
        .count();
    assert!(abroad_planned > 20, "{abroad_planned}");
    // The season's athletes live in zones on both sides of UTC and both hemispheres.
    let season_zones: BTreeSet<&str> = season()
        .activities
        .iter()
        .map(|a| a.timezone.as_str())
        .collect();
    for z in [
        "Australia/Sydney",
        "America/Bogota",
        "Europe/London",
        "Atlantic/Reykjavik",
    ] {
        assert!(season_zones.contains(z), "{season_zones:?}");
    }
}

#[test]
fn some_activities_cross_local_midnight() {
    let d = decade();
    let crossing: Vec<&Activity> = d
        .activities
        .iter()
        .filter(|a| {
            let end = local_start(a) + Duration::seconds(i64::from(a.elapsed_time_s));
            end.date() > a.local_date
        })
        .collect();
    assert!(crossing.len() >= 5, "{}", crossing.len());
    assert!(
        crossing
            .iter()
            .any(|a| a.sport == Sport::Run && a.planned_workout_id.is_some())
    );
}

/// Offset changes of a zone in a year, as (instant, local date, forward).
fn changes(zone: chrono_tz::Tz, year: i32) -> Vec<(DateTime<Utc>, NaiveDate, bool)> {
    let offset = |t: DateTime<Utc>| {
        zone.offset_from_utc_datetime(&t.naive_utc())
            .fix()
            .local_minus_utc()
    };
    let mut found = Vec::new();
    let mut t = NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let end = NaiveDate::from_ymd_opt(year + 1, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    while t < end {
        let next = t + Duration::minutes(15);
        if offset(next) != offset(t) {
            let local = next.with_timezone(&zone).date_naive();
            found.push((next, local, offset(next) > offset(t)));
        }
        t = next;
    }
    found
}

#[test]
fn activities_on_clock_change_days_are_converted_right() {
    let d = decade();
    let zone: chrono_tz::Tz = d.owner().timezone.parse().unwrap();
    let (mut on_spring, mut on_autumn, mut across_spring, mut across_autumn) = (0, 0, 0, 0);
    for year in 2015..=2025 {
        for (at, date, forward) in changes(zone, year) {
            for a in d
                .activities
                .iter()
                .filter(|a| a.timezone == d.owner().timezone)
            {
                let end = a.start_time + Duration::seconds(i64::from(a.elapsed_time_s));
                let on = a.local_date == date;
                let across = a.start_time < at && at < end;
                if across {
                    // The wall clock jumps: local end minus local start differs from elapsed.
                    let wall =
                        (end.with_timezone(&zone).naive_local() - local_start(a)).num_seconds();
                    let jump = if forward { 3600 } else { -3600 };
                    assert_eq!(wall, i64::from(a.elapsed_time_s) + jump, "{}", a.id);
                }
                match (forward, on, across) {
                    (true, true, _) => on_spring += 1,
                    (false, true, _) => on_autumn += 1,
                    _ => {}
                }
                across_spring += usize::from(forward && across);
                across_autumn += usize::from(!forward && across);
            }
        }
    }
    assert!(
        on_spring >= 5 && on_autumn >= 5,
        "on: {on_spring} {on_autumn}"
    );
    assert!(
        across_spring >= 1 && across_autumn >= 1,
        "across: {across_spring} {across_autumn}"
    );
}

#[test]
fn names_are_unicode_in_places() {
    for d in [decade(), season()] {
        let fancy = d.activities.iter().filter(|a| !a.name.is_ascii()).count();
        assert!(fancy * 20 > d.activities.len(), "{fancy}");
        assert!(
            d.activities
                .iter()
                .any(|a| a.name.chars().any(|c| c as u32 >= 0x1F300))
        );
        assert!(d.workouts.iter().any(|w| w.name.contains('×')));
    }
    let kana = season().activities.iter().any(|a| {
        a.name.chars().any(|c| {
            ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)
        })
    });
    assert!(kana);
}
