use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::super::{Activity, Dataset, DatasetSize, Sport};
use super::*;

const HOME: (f64, f64) = (40.4168, -3.7038);
const SEEDS: [u64; 2] = [1, 2];

mod physics;
mod route;

fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 10).unwrap()
}

fn ctx<'a>(d: &'a Dataset, a: &Activity, seed: u64) -> StreamContext<'a> {
    StreamContext {
        seed,
        athlete: d.owner(),
        plan: a.planned_workout_id.as_deref().and_then(|id| d.workout(id)),
        home: HOME,
    }
}

/// Every activity of every seed with its streams, generated once for all tests.
fn all() -> &'static [(u64, Dataset, Vec<Streams>)] {
    static CACHE: OnceLock<Vec<(u64, Dataset, Vec<Streams>)>> = OnceLock::new();
    CACHE.get_or_init(|| {
        SEEDS
            .iter()
            .map(|&seed| {
                let d = Dataset::generate(seed, anchor(), DatasetSize::Demo);
                let streams = d
                    .activities
                    .iter()
                    .map(|a| generate(a, &ctx(&d, a, seed)))
                    .collect();
                (seed, d, streams)
            })
            .collect()
    })
}

fn each(mut f: impl FnMut(&Dataset, &Activity, &Streams)) {
    for (_, d, streams) in all() {
        for (a, s) in d.activities.iter().zip(streams) {
            f(d, a, s);
        }
    }
}

fn lists(a: &Activity, kind: &str) -> bool {
    a.stream_types.iter().any(|t| t == kind)
}

fn haversine((lat1, lng1): (f64, f64), (lat2, lng2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lng2 - lng1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6_371_000.0 * h.sqrt().asin()
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let (s, c) = xs.fold((0.0, 0usize), |(s, c), x| (s + x, c + 1));
    s / c.max(1) as f64
}

/// Normalized power over the moving seconds (dropouts skipped): 30 s rolling mean, fourth-power
/// mean, fourth root. Written out plainly, apart from the generator's own.
fn normalized_power(s: &Streams) -> f64 {
    let p: Vec<f64> = s
        .watts()
        .unwrap()
        .iter()
        .zip(s.moving())
        .filter_map(|(w, &m)| if m { *w } else { None })
        .collect();
    let rolling: Vec<f64> = p
        .windows(30)
        .map(|w| w.iter().sum::<f64>() / 30.0)
        .collect();
    mean(rolling.iter().map(|x| x.powi(4))).powf(0.25)
}

/// Total ascent of an altitude column.
fn climb(alt: &[f64]) -> f64 {
    alt.windows(2).map(|w| (w[1] - w[0]).max(0.0)).sum()
}

/// Grade around each sample from the altitude and distance columns (10 s either side).
fn grades(s: &Streams) -> Vec<Option<f64>> {
    let (alt, d) = (s.altitude().unwrap(), s.distance().unwrap());
    (0..s.len())
        .map(|i| {
            let (a, b) = (i.checked_sub(10)?, (i + 10).min(s.len() - 1));
            let run = d[b] - d[a];
            (run > 40.0).then(|| (alt[b] - alt[a]) / run)
        })
        .collect()
}

/// A six-hour road ride, made by hand: longer than anything in the data set.
fn six_hour_ride() -> (Dataset, Activity) {
    let d = Dataset::generate(9, anchor(), DatasetSize::Demo);
    let mut a = d
        .activities
        .iter()
        .find(|a| a.sport == Sport::Ride && !a.trainer)
        .unwrap()
        .clone();
    a.id = "act_sixhours01".to_string();
    a.name = "Six hours in the Sierra".to_string();
    a.elapsed_time_s = 21_600;
    a.moving_time_s = 20_100;
    a.distance_m = Some(158_000.0);
    a.elevation_gain_m = Some(2_600.0);
    a.avg_power_w = Some(150);
    a.normalized_power_w = Some(166);
    a.avg_hr = Some(138);
    a.avg_cadence = Some(84);
    a.planned_workout_id = None;
    (d, a)
}

#[test]
fn every_column_has_one_sample_per_elapsed_second_and_only_listed_types() {
    let mut count = 0;
    each(|_, a, s| {
        count += 1;
        let n = a.elapsed_time_s as usize;
        assert_eq!(s.len(), n, "{}", a.name);
        assert!(s.time().iter().enumerate().all(|(i, &t)| t as usize == i));
        assert_eq!(s.moving().len(), n);
        for kind in TYPES {
            assert_eq!(
                s.has(kind),
                kind == "time" || lists(a, kind),
                "{kind} in {}",
                a.name
            );
        }
        let floats = [
            s.distance(),
            s.altitude(),
            s.velocity(),
            s.cadence(),
            s.temp(),
        ];
        for column in floats.into_iter().flatten() {
            assert_eq!(column.len(), n);
            assert!(column.iter().all(|x| x.is_finite()));
        }
        for column in [s.heartrate(), s.watts()].into_iter().flatten() {
            assert_eq!(column.len(), n);
            assert!(column.iter().flatten().all(|x| x.is_finite() && *x >= 0.0));
        }
        if let Some(ll) = s.latlng() {
            assert_eq!(ll.len(), n);
            assert!(
                ll.iter()
                    .flatten()
                    .all(|(a, b)| a.is_finite() && b.is_finite())
            );
        }
        if let Some(d) = s.distance() {
            assert_eq!(d[0], 0.0);
            assert!(d.windows(2).all(|w| w[1] >= w[0]), "{}", a.name);
        }
    });
    assert!(count > 50, "only {count} activities");
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let d = Dataset::generate(5, anchor(), DatasetSize::Demo);
    let json = |a: &Activity, seed: u64| {
        let c = StreamContext {
            seed,
            ..ctx(&d, a, 5)
        };
        generate(a, &c).to_json(&a.id, &TYPES)
    };
    let mut sports = BTreeSet::new();
    for a in &d.activities {
        if !sports.insert(format!("{:?}{}", a.sport, a.trainer)) {
            continue;
        }
        assert_eq!(json(a, 5), json(a, 5), "{}", a.name);
        assert_ne!(json(a, 5), json(a, 6), "{}", a.name);
    }
    assert!(sports.len() >= 5, "{sports:?}");
}

#[test]
fn moving_time_and_stops_add_up() {
    each(|d, a, s| {
        let moving = s.moving().iter().filter(|m| **m).count();
        assert_eq!(moving, a.moving_time_s as usize, "{}", a.name);
        for i in 1..s.len() {
            if s.moving()[i] {
                continue;
            }
            if let Some(v) = s.velocity() {
                assert_eq!(v[i], 0.0, "{} at {i}", a.name);
            }
            if let Some(d) = s.distance()
                && !s.moving()[i - 1]
            {
                assert_eq!(d[i], d[i - 1], "{} at {i}", a.name);
            }
            if let Some(c) = s.cadence() {
                assert_eq!(c[i], 0.0);
            }
            if let Some(w) = s.watts() {
                assert!(w[i].is_none_or(|w| w == 0.0));
            }
        }
        // Heart rate falls during every stop of a minute or more.
        let hr = s.heartrate().unwrap();
        let mut i = 0;
        while i < s.len() {
            let start = i;
            while i < s.len() && !s.moving()[i] {
                i += 1;
            }
            if i - start >= 60
                && let (Some(first), Some(last)) = (hr[start], hr[i - 1])
            {
                assert!(last < first, "{}: {first} → {last} in a stop", a.name);
                assert!(last >= f64::from(d.owner().hr_rest));
            }
            i += 1;
        }
    });
}

#[test]
fn dropouts_are_rare_short_and_present() {
    let (mut hr_gaps, mut power_gaps, mut gps_gaps) = (0, 0, 0);
    each(|_, a, s| {
        let n = s.len() as f64;
        let share = |nulls: usize| nulls as f64 / n;
        let hr_nulls = s
            .heartrate()
            .unwrap()
            .iter()
            .filter(|x| x.is_none())
            .count();
        assert!(
            share(hr_nulls) < 0.01,
            "{}: {hr_nulls} heart-rate nulls",
            a.name
        );
        hr_gaps += usize::from(hr_nulls > 0);
        if let Some(w) = s.watts() {
            let nulls = w.iter().filter(|x| x.is_none()).count();
            assert!(share(nulls) < 0.01, "{}: {nulls} power nulls", a.name);
            power_gaps += usize::from(nulls > 0);
        }
        if let Some(ll) = s.latlng() {
            let nulls = ll.iter().filter(|x| x.is_none()).count();
            assert!(share(nulls) <= 0.01, "{}: {nulls} GPS nulls", a.name);
            gps_gaps += usize::from(nulls > 0);
        }
    });
    assert!(
        hr_gaps >= 5 && power_gaps >= 5 && gps_gaps >= 3,
        "{hr_gaps} {power_gaps} {gps_gaps}"
    );
}

#[test]
fn swims_go_by_pool_lengths_with_rests_at_the_wall() {
    let mut swims = 0;
    each(|_, a, s| {
        if a.sport != Sport::Swim {
            return;
        }
        swims += 1;
        let d = s.distance().unwrap();
        let mut rests = 0;
        for (i, m) in s.moving().windows(2).enumerate() {
            if m[0] && !m[1] {
                rests += 1;
                let lengths = d[i + 1] / 25.0;
                assert!((lengths - lengths.round()).abs() < 0.01, "{}", a.name);
            }
        }
        assert!(rests >= 3, "{}: {rests} rests", a.name);
    });
    assert!(swims >= 3);
}

#[test]
fn streams_json_parses_back_with_exactly_the_requested_types() {
    let (_, d, streams) = &all()[0];
    let mut seen = BTreeSet::new();
    for (a, s) in d.activities.iter().zip(streams) {
        if !seen.insert(format!("{:?}{}", a.sport, a.trainer)) {
            continue;
        }
        let listed: BTreeSet<&str> = a.stream_types.iter().map(String::as_str).collect();
        for request in [
            TYPES.to_vec(),
            vec!["latlng", "time", "watts", "bogus", "temp"],
            vec!["heartrate"],
            vec![],
        ] {
            let text = s.to_json(&a.id, &request);
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(v["activity_id"], a.id.as_str());
            assert_eq!(v["resolution_s"], 1);
            let body = v["streams"].as_object().unwrap();
            let keys: BTreeSet<&str> = body.keys().map(String::as_str).collect();
            let want: BTreeSet<&str> = request
                .iter()
                .copied()
                .filter(|t| listed.contains(t))
                .collect();
            assert_eq!(keys, want, "{}", a.name);
            // In the contract's order.
            let at: Vec<usize> = TYPES
                .iter()
                .filter(|t| keys.contains(*t))
                .map(|t| text.find(&format!("\"{t}\":[")).unwrap())
                .collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]));
            for (kind, column) in body {
                let column = column.as_array().unwrap();
                assert_eq!(column.len(), s.len(), "{kind}");
                for (i, x) in column.iter().enumerate() {
                    let same = match kind.as_str() {
                        "time" => x.as_u64() == Some(i as u64),
                        "distance" => x.as_f64() == Some(s.distance().unwrap()[i]),
                        "altitude" => x.as_f64() == Some(s.altitude().unwrap()[i]),
                        "velocity" => x.as_f64() == Some(s.velocity().unwrap()[i]),
                        "cadence" => x.as_u64().map(|c| c as f64) == Some(s.cadence().unwrap()[i]),
                        "heartrate" => match s.heartrate().unwrap()[i] {
                            Some(h) => x.as_u64().map(|c| c as f64) == Some(h),
                            None => x.is_null(),
                        },
                        "watts" => match s.watts().unwrap()[i] {
                            Some(w) => x.as_u64().map(|c| c as f64) == Some(w),
                            None => x.is_null(),
                        },
                        "latlng" => match s.latlng().unwrap()[i] {
                            Some((lat, lng)) => {
                                x[0].as_f64() == Some(lat) && x[1].as_f64() == Some(lng)
                            }
                            None => x.is_null(),
                        },
                        _ => false,
                    };
                    assert!(same, "{kind}[{i}] = {x} in {}", a.name);
                }
            }
        }
    }
    assert!(seen.len() >= 5);
}

#[test]
fn odd_activities_still_give_consistent_streams() {
    let d = Dataset::generate(3, anchor(), DatasetSize::Demo);
    let mut odd = Vec::new();
    for a in &d.activities {
        let mut empty = a.clone();
        empty.elapsed_time_s = 0;
        empty.moving_time_s = 0;
        let mut resting = a.clone();
        resting.moving_time_s = 0;
        let mut bare = a.clone();
        bare.distance_m = None;
        bare.elevation_gain_m = None;
        bare.avg_power_w = None;
        bare.normalized_power_w = None;
        bare.avg_hr = None;
        bare.avg_cadence = None;
        bare.stream_types.push("temp".to_string());
        let mut short = a.clone();
        short.elapsed_time_s = 95;
        short.moving_time_s = 61;
        odd.extend([empty, resting, bare, short]);
    }
    for a in &odd {
        let s = generate(a, &ctx(&d, a, 3));
        assert_eq!(s.len(), a.elapsed_time_s as usize, "{}", a.name);
        let moving = s.moving().iter().filter(|m| **m).count();
        assert_eq!(moving, a.moving_time_s as usize, "{}", a.name);
        let v: serde_json::Value = serde_json::from_str(&s.to_json(&a.id, &TYPES)).unwrap();
        for column in v["streams"].as_object().unwrap().values() {
            assert_eq!(column.as_array().unwrap().len(), s.len());
        }
    }
}
