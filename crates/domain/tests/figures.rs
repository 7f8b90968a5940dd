//! Activity figures on hand-checkable series: constant power, known interval blocks, gaps,
//! dropouts, zones that add up, and what is left when the athlete or the series is missing.

use offpeak_domain::figures::{self, DURATIONS_S, MAX_SAMPLE_WEIGHT_S};
use offpeak_domain::{Athlete, StreamData, StreamKind, Streams};

const FTP: u32 = 250;

fn athlete() -> Athlete {
    Athlete {
        id: "a_1".into(),
        name: "Ana".into(),
        ftp_w: Some(FTP),
        hr_max: Some(190),
        hr_rest: Some(50),
        power_zones_w: vec![138, 188, 225, 263, 300, 375, 2000],
        hr_zones_bpm: vec![114, 133, 152, 171, 190],
        ..Athlete::default()
    }
}

/// `(seconds, value)` blocks, one sample per second.
fn blocks(parts: &[(usize, f64)]) -> Vec<Option<f64>> {
    parts
        .iter()
        .flat_map(|&(seconds, value)| std::iter::repeat_n(Some(value), seconds))
        .collect()
}

fn streams(series: Vec<(StreamKind, Vec<Option<f64>>)>) -> Streams {
    let mut streams = Streams::default();
    for (kind, values) in series {
        streams.insert(kind, StreamData::Scalar(values));
    }
    streams
}

/// Watts as the figures round them.
fn tenths(watts: f64) -> f64 {
    (watts * 10.0).round() / 10.0
}

fn best(curve: &[(u32, f64)], seconds: u32) -> Option<f64> {
    curve.iter().find(|(s, _)| *s == seconds).map(|(_, w)| *w)
}

#[test]
fn constant_power_gives_a_flat_curve_and_equal_normalized_power() {
    let watts = blocks(&[(1200, 237.0)]);
    let figures = figures::compute(
        None,
        Some(&athlete()),
        &streams(vec![(StreamKind::Watts, watts)]),
    );
    let expected: Vec<u32> = DURATIONS_S.into_iter().filter(|&d| d <= 1200).collect();
    let durations: Vec<u32> = figures.power_curve.iter().map(|(s, _)| *s).collect();
    assert_eq!(durations, expected);
    assert!(figures.power_curve.iter().all(|&(_, w)| w == 237.0));
    assert_eq!(figures.normalized_power_w, Some(237.0));
    assert_eq!(figures.intensity_factor, Some(0.95));
}

#[test]
fn a_block_of_intervals_gives_the_known_best_efforts() {
    // 10 min at 100 W, 20 min at 300 W, 10 min at 150 W.
    let watts = blocks(&[(600, 100.0), (1200, 300.0), (600, 150.0)]);
    let figures = figures::compute(None, None, &streams(vec![(StreamKind::Watts, watts)]));
    let curve = &figures.power_curve;
    assert_eq!(best(curve, 1), Some(300.0));
    assert_eq!(best(curve, 1200), Some(300.0));
    // 20 min at 300 W and 10 min at 150 W beat 10 min at 100 W and 20 min at 300 W.
    assert_eq!(
        best(curve, 1800),
        Some((1200.0 * 300.0 + 600.0 * 150.0) / 1800.0)
    );
    assert_eq!(best(curve, 900), Some(300.0));
    assert_eq!(best(curve, 2700), None, "45 min does not fit in 40");
}

#[test]
fn seconds_missing_from_the_time_stream_and_dropouts_count_as_zero_watts() {
    // 10 min at 200 W, the recorder paused for 10 min, 10 min more at 200 W.
    let time: Vec<Option<f64>> = (0..600)
        .chain(1200..1800)
        .map(|t| Some(f64::from(t)))
        .collect();
    let watts = blocks(&[(1200, 200.0)]);
    let figures = figures::compute(
        None,
        None,
        &streams(vec![(StreamKind::Time, time), (StreamKind::Watts, watts)]),
    );
    assert_eq!(best(&figures.power_curve, 600), Some(200.0));
    assert_eq!(
        best(&figures.power_curve, 720),
        Some(tenths(200.0 * 600.0 / 720.0))
    );
    assert_eq!(
        best(&figures.power_curve, 1800),
        Some(tenths(200.0 * 1200.0 / 1800.0))
    );

    let mut with_dropout = blocks(&[(60, 300.0)]);
    with_dropout[20..30].fill(None);
    let figures = figures::compute(
        None,
        None,
        &streams(vec![(StreamKind::Watts, with_dropout)]),
    );
    assert_eq!(best(&figures.power_curve, 60), Some(250.0));
    assert_eq!(best(&figures.power_curve, 20), Some(300.0));
}

#[test]
fn zone_seconds_fall_on_bounds_and_add_up_to_the_duration() {
    let athlete = Athlete {
        power_zones_w: vec![100, 200, 300],
        ..athlete()
    };
    // 100 W is on the first bound: zone 1. 400 W is above the last bound: the last zone.
    let watts = blocks(&[(10, 50.0), (5, 100.0), (10, 150.0), (20, 250.0), (5, 400.0)]);
    let hr = blocks(&[(15, 120.0), (20, 160.0), (15, 185.0)]);
    let figures = figures::compute(
        None,
        Some(&athlete),
        &streams(vec![
            (StreamKind::Heartrate, hr),
            (StreamKind::Watts, watts),
        ]),
    );
    assert_eq!(figures.power_zone_s, [15, 10, 25]);
    assert_eq!(figures.hr_zone_s, [0, 15, 0, 20, 15]);
    assert_eq!(figures.hr_zone_s.iter().sum::<u32>(), 50);
}

#[test]
fn a_pause_in_the_time_stream_counts_at_most_the_cap_in_zones() {
    let time: Vec<Option<f64>> = [0, 1, 2, 300, 301].map(|t| Some(f64::from(t))).to_vec();
    let hr = blocks(&[(3, 120.0), (2, 160.0)]);
    let figures = figures::compute(
        None,
        Some(&athlete()),
        &streams(vec![(StreamKind::Time, time), (StreamKind::Heartrate, hr)]),
    );
    let cap = MAX_SAMPLE_WEIGHT_S as u32;
    assert_eq!(figures.hr_zone_s, [0, 2 + cap, 0, 2, 0]);
}

#[test]
fn normalized_power_matches_a_direct_computation_and_exceeds_the_mean() {
    let watts: Vec<Option<f64>> = (0..3600)
        .map(|t| {
            Some(if (t / 45) % 3 == 0 {
                420.0
            } else {
                140.0 + f64::from(t % 7)
            })
        })
        .collect();
    let values: Vec<f64> = watts.iter().map(|w| w.unwrap_or(0.0)).collect();
    let rolling: Vec<f64> = values
        .windows(30)
        .map(|w| w.iter().sum::<f64>() / 30.0)
        .collect();
    let fourth = rolling.iter().map(|p| p.powi(4)).sum::<f64>() / rolling.len() as f64;
    let expected = tenths(fourth.powf(0.25));
    let mean = values.iter().sum::<f64>() / values.len() as f64;

    let figures = figures::compute(
        None,
        Some(&athlete()),
        &streams(vec![(StreamKind::Watts, watts)]),
    );
    assert_eq!(figures.normalized_power_w, Some(expected));
    assert!(expected > mean + 10.0, "{expected} vs mean {mean}");
}

#[test]
fn an_hour_at_ftp_scores_one_hundred() {
    let watts = blocks(&[(3600, f64::from(FTP))]);
    let figures = figures::compute(
        Some(55.0),
        Some(&athlete()),
        &streams(vec![(StreamKind::Watts, watts)]),
    );
    assert_eq!(figures.intensity_factor, Some(1.0));
    assert_eq!(figures.load, Some(100.0));

    let two_hours_easy = blocks(&[(7200, 0.75 * f64::from(FTP))]);
    let figures = figures::compute(
        Some(55.0),
        Some(&athlete()),
        &streams(vec![(StreamKind::Watts, two_hours_easy)]),
    );
    assert_eq!(figures.load, Some(112.5));
}

#[test]
fn heart_rate_gives_the_load_without_power() {
    // Zone 4 of five ends at threshold: an hour there scores 100; half an hour scores 50.
    let threshold = f64::from(athlete().hr_zones_bpm[3]);
    let hour = streams(vec![(StreamKind::Heartrate, blocks(&[(3600, threshold)]))]);
    let figures = figures::compute(Some(55.0), Some(&athlete()), &hour);
    assert_eq!(figures.load, Some(100.0));
    assert_eq!(figures.normalized_power_w, None);

    let half = streams(vec![(StreamKind::Heartrate, blocks(&[(1800, threshold)]))]);
    let figures = figures::compute(Some(55.0), Some(&athlete()), &half);
    assert_eq!(figures.load, Some(50.0));

    let easy = streams(vec![(StreamKind::Heartrate, blocks(&[(3600, 120.0)]))]);
    let figures = figures::compute(Some(55.0), Some(&athlete()), &easy);
    let easy_load = figures.load.expect("a heart-rate load");
    assert!(easy_load > 0.0 && easy_load < 50.0, "{easy_load}");
}

#[test]
fn without_the_athlete_or_zones_the_vectors_are_empty_and_the_platform_load_stays() {
    let series = streams(vec![
        (StreamKind::Heartrate, blocks(&[(600, 150.0)])),
        (StreamKind::Watts, blocks(&[(600, 200.0)])),
    ]);
    let figures = figures::compute(Some(42.0), None, &series);
    assert!(figures.power_zone_s.is_empty());
    assert!(figures.hr_zone_s.is_empty());
    assert!(!figures.power_curve.is_empty());
    assert_eq!(figures.normalized_power_w, Some(200.0));
    assert_eq!(figures.intensity_factor, None);
    assert_eq!(figures.load, Some(42.0));

    let zoneless = Athlete {
        power_zones_w: Vec::new(),
        hr_zones_bpm: Vec::new(),
        ftp_w: None,
        hr_rest: None,
        ..athlete()
    };
    let figures = figures::compute(Some(42.0), Some(&zoneless), &series);
    assert!(figures.power_zone_s.is_empty());
    assert!(figures.hr_zone_s.is_empty());
    assert_eq!(figures.load, Some(42.0));
}

#[test]
fn without_power_there_is_no_curve_and_an_all_missing_series_is_absent() {
    let no_power = streams(vec![(StreamKind::Cadence, blocks(&[(600, 90.0)]))]);
    let figures = figures::compute(Some(30.0), Some(&athlete()), &no_power);
    assert!(figures.power_curve.is_empty());
    assert!(figures.power_zone_s.is_empty());
    assert_eq!(figures.normalized_power_w, None);
    assert_eq!(figures.load, Some(30.0));

    let dead_meter = streams(vec![(StreamKind::Watts, vec![None; 600])]);
    let figures = figures::compute(None, Some(&athlete()), &dead_meter);
    assert!(figures.power_curve.is_empty());
    assert!(figures.power_zone_s.is_empty());
    assert_eq!(figures.load, None);

    let nothing = figures::compute(None, Some(&athlete()), &Streams::default());
    assert_eq!(nothing, figures::ActivityFigures::default());
}

/// A six-hour ride with every series, timed: `cargo test --release -p offpeak-domain --test
/// figures -- --ignored --nocapture`.
#[test]
#[ignore = "a timing run, not a check"]
fn six_hour_ride_timing() {
    let samples = 6 * 3600;
    let wave = |t: usize, period: usize, low: f64, high: f64| {
        low + (high - low) * ((t % period) as f64 / period as f64)
    };
    let series = streams(vec![
        (
            StreamKind::Time,
            (0..samples).map(|t| Some(t as f64)).collect(),
        ),
        (
            StreamKind::Heartrate,
            (0..samples)
                .map(|t| Some(wave(t, 600, 110.0, 175.0).round()))
                .collect(),
        ),
        (
            StreamKind::Watts,
            (0..samples)
                .map(|t| Some(wave(t, 97, 0.0, 450.0).round()))
                .collect(),
        ),
    ]);
    let runs = 50;
    let started = std::time::Instant::now();
    let mut figures = None;
    for _ in 0..runs {
        figures = Some(figures::compute(None, Some(&athlete()), &series));
    }
    let each = started.elapsed() / runs;
    let figures = figures.expect("computed");
    println!(
        "{samples} samples: {each:?} per compute; load {:?}",
        figures.load
    );
    assert_eq!(figures.power_zone_s.iter().sum::<u32>(), samples as u32);
}
