//! The channel writer as format 1 first shipped it, kept as the reference the faster writer is
//! held to: caches already hold its blobs, so the bytes may never change.

use super::super::varint::{write_u64, zigzag};
use super::{MAX_DECIMALS, MAX_SCALED, POW10, RAW, nearest_integer, write};
use chrono::NaiveDate;
use offpeak_sandbox::DatasetSize;
use offpeak_sandbox::data::streams::{self, StreamContext, TYPES};
use offpeak_sandbox::data::{Dataset, Sport};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The first writer, unchanged.
fn reference_write(values: impl Iterator<Item = f64> + Clone, out: &mut Vec<u8>) {
    if let Some((decimals, scaled)) = reference_fixed_point(values.clone()) {
        out.push(decimals);
        let mut previous = 0i64;
        for scaled in scaled {
            write_u64(zigzag(scaled - previous), out);
            previous = scaled;
        }
        return;
    }
    out.push(RAW);
    for value in values {
        out.extend_from_slice(&value.to_le_bytes());
    }
}

fn reference_fixed_point(values: impl Iterator<Item = f64>) -> Option<(u8, Vec<i64>)> {
    let mut decimals = 0;
    let mut all_scaled: Vec<i64> = Vec::with_capacity(values.size_hint().0);
    for value in values {
        let scaled = loop {
            if let Some(scaled) = reference_scaled(value, decimals) {
                break scaled;
            }
            decimals += 1;
            if decimals > MAX_DECIMALS {
                return None;
            }
            for earlier in &mut all_scaled {
                *earlier = earlier.checked_mul(10).filter(|s| s.abs() <= MAX_SCALED)?;
            }
        };
        all_scaled.push(scaled);
    }
    Some((decimals, all_scaled))
}

fn reference_scaled(value: f64, decimals: u8) -> Option<i64> {
    let scale = POW10[usize::from(decimals)];
    let scaled = nearest_integer(value * scale)?;
    ((scaled as f64 / scale).to_bits() == value.to_bits()).then_some(scaled)
}

/// Both writers' bytes for `values`, which must be equal.
fn assert_same_bytes(values: &[f64]) {
    let mut expected = Vec::new();
    reference_write(values.iter().copied(), &mut expected);
    let mut written = Vec::new();
    write(values.iter().copied(), values.len(), &mut written);
    assert_eq!(written, expected, "{values:?}");
}

/// A value with `decimals` places as a JSON parser reads it.
fn decimal(scaled: i64, decimals: u32) -> f64 {
    format!("{scaled}e-{decimals}").parse().expect("a decimal")
}

/// A random value of one of the shapes recordings and damaged data have.
fn random_value(rng: &mut StdRng, previous: f64) -> f64 {
    match rng.random_range(0..20) {
        0..=5 => previous,
        6..=11 => decimal(rng.random_range(-100_000..100_000), rng.random_range(0..=3)),
        12..=14 => decimal(
            rng.random_range(-(1 << 40)..(1 << 40)),
            rng.random_range(0..=9),
        ),
        15 => [0.0, -0.0, f64::NAN, f64::INFINITY, 0.1 + 0.2][rng.random_range(0..5)],
        16 => decimal(
            rng.random_range((1 << 52)..(1 << 54)),
            rng.random_range(0..=2),
        ),
        17 => f64::from_bits(rng.random()),
        _ => rng.random_range(-1000.0..1000.0),
    }
}

#[test]
fn random_channels_are_written_as_the_first_writer_wrote_them() {
    let mut rng = StdRng::seed_from_u64(0xc0dec);
    for _ in 0..20_000 {
        let len = rng.random_range(0..40);
        let mut values = Vec::with_capacity(len);
        let mut previous = 0.0;
        for _ in 0..len {
            previous = random_value(&mut rng, previous);
            values.push(previous);
        }
        assert_same_bytes(&values);
    }
    // Walks that need more decimals partway, and long runs of repeats.
    for decimals in 0..=8 {
        let mut values: Vec<f64> = (0..500).map(|i| f64::from(i / 7)).collect();
        values.push(decimal(rng.random_range(-99_999..99_999), decimals));
        values.extend((0..500).map(|i| decimal(i * 3, decimals.min(7))));
        assert_same_bytes(&values);
    }
}

#[test]
fn real_recordings_are_written_as_the_first_writer_wrote_them() {
    let anchor = NaiveDate::from_ymd_opt(2026, 6, 15).expect("a date");
    let data = Dataset::generate(2026, anchor, DatasetSize::Demo);
    let mut sports = Vec::new();
    let mut channels = 0;
    for activity in data
        .activities
        .iter()
        .filter(|a| !a.stream_types.is_empty())
    {
        if sports.contains(&(activity.sport, activity.trainer)) {
            continue;
        }
        sports.push((activity.sport, activity.trainer));
        let athlete = data.athlete(&activity.athlete_id).expect("its athlete");
        let context = StreamContext {
            seed: 2026,
            athlete,
            plan: activity
                .planned_workout_id
                .as_deref()
                .and_then(|id| data.workout(id)),
            home: activity.start_latlng.unwrap_or(athlete.home),
        };
        let json = streams::generate(activity, &context).to_json(&activity.id, &TYPES);
        let body: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let series = body["streams"].as_object().expect("a streams object");
        for samples in series.values() {
            let samples = samples.as_array().expect("an array");
            let mut columns = [Vec::new(), Vec::new()];
            for sample in samples {
                match sample.as_array() {
                    Some(point) => {
                        columns[0].extend(point[0].as_f64());
                        columns[1].extend(point[1].as_f64());
                    }
                    None => columns[0].extend(sample.as_f64()),
                }
            }
            for column in columns.iter().filter(|c| !c.is_empty()) {
                assert_same_bytes(column);
                channels += 1;
            }
        }
    }
    assert!(sports.contains(&(Sport::Ride, false)), "an outdoor ride");
    assert!(channels >= 20, "{channels} channels");
}
