//! Renders the charts of a six-hour ride (21 600 one-second samples of every stream, positions
//! included) at 1200 px: activity chart, power curve, both zone charts and the route, many
//! times over, and prints p50/p95/max milliseconds per chart and in total, with SVG sizes.
//! The budget is 50 ms for all of them together, in release.
//!
//! Run with `cargo bench -p offpeak-charts`.

use std::time::{Duration, Instant};

use offpeak_charts::{
    ChartOptions, Theme, Units, XAxis, ZoneKind, activity_chart, power_curve_chart, route_chart,
    zones_chart,
};
use offpeak_domain::{StreamData, StreamKind, Streams};

const SAMPLES: usize = 21_600;
const ROUNDS: usize = 40;
const POWER_BOUNDS: [u32; 6] = [137, 187, 225, 262, 300, 412];
const HEART_RATE_BOUNDS: [u32; 4] = [120, 140, 155, 165];

/// A small deterministic generator (xorshift64*), so every run draws the same ride.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in -1..1.
    fn noise(&mut self) -> f64 {
        self.next() * 2.0 - 1.0
    }
}

/// Draws one chart and returns its SVG.
type Render<'a> = Box<dyn Fn() -> String + 'a>;

struct Ride {
    streams: Streams,
    watts: Vec<Option<f64>>,
    heart_rate: Vec<Option<f64>>,
    latlng: Vec<Option<[f64; 2]>>,
}

fn ride() -> Ride {
    let mut rng = Seeded(0x0ff_9ea4);
    let (mut distance, mut altitude, mut heart) = (0.0, 420.0, 110.0);
    let (mut lat, mut lng, mut heading) = (46.5_f64, 7.5_f64, 0.3_f64);
    let mut columns: [Vec<Option<f64>>; 7] = Default::default();
    let mut latlng = Vec::with_capacity(SAMPLES);
    for i in 0..SAMPLES {
        let t = i as f64;
        let dropout = (10_000..10_030).contains(&i);
        let interval = if (i / 600) % 3 == 2 { 110.0 } else { 0.0 };
        let watts = (190.0 + interval + 25.0 * (t / 300.0).sin() + 30.0 * rng.noise()).max(0.0);
        let speed = 7.5 + 1.5 * (t / 900.0).sin() + 0.3 * rng.noise();
        distance += speed;
        altitude += 0.8 * (t / 1200.0).cos() + 0.2 * rng.noise();
        heart += (100.0 + watts * 0.3 - heart) / 30.0;
        heading += 0.02 * rng.noise();
        lat += speed * heading.cos() / 111_320.0;
        lng += speed * heading.sin() / (111_320.0 * lat.to_radians().cos());
        let values = [
            t,
            distance,
            altitude,
            speed,
            heart + rng.noise(),
            85.0 + 5.0 * rng.noise(),
            watts,
        ];
        for (column, value) in columns.iter_mut().zip(values) {
            column.push((!dropout || column.is_empty()).then_some(value));
        }
        columns[0][i] = Some(t);
        latlng.push((!dropout).then_some([lat, lng]));
    }
    let kinds = [
        StreamKind::Time,
        StreamKind::Distance,
        StreamKind::Altitude,
        StreamKind::Velocity,
        StreamKind::Heartrate,
        StreamKind::Cadence,
        StreamKind::Watts,
    ];
    let mut streams = Streams::default();
    for (kind, column) in kinds.into_iter().zip(&columns) {
        streams.insert(kind, StreamData::Scalar(column.clone()));
    }
    streams.insert(StreamKind::Latlng, StreamData::LatLng(latlng.clone()));
    Ride {
        watts: columns[6].clone(),
        heart_rate: columns[4].clone(),
        streams,
        latlng,
    }
}

/// A power curve for every second up to the ride's length, the shape of a real one.
fn power_curve(scale: f64) -> Vec<(u32, f64)> {
    (1..=SAMPLES as u32)
        .map(|secs| {
            let t = f64::from(secs);
            (
                secs,
                scale * (230.0 + 700.0 / (1.0 + t / 12.0) + 80.0 / (1.0 + t / 600.0)),
            )
        })
        .collect()
}

fn seconds_in_zones(values: &[Option<f64>], bounds: &[u32]) -> Vec<u32> {
    let mut seconds = vec![0; bounds.len() + 1];
    for value in values.iter().flatten() {
        let zone = bounds.partition_point(|b| f64::from(*b) < *value);
        seconds[zone] += 1;
    }
    seconds
}

fn percentile(sorted: &[Duration], share: f64) -> f64 {
    let at = ((sorted.len() - 1) as f64 * share).round() as usize;
    sorted[at].as_secs_f64() * 1000.0
}

fn main() {
    let ride = ride();
    let activity_curve = power_curve(1.0);
    let best_curve = power_curve(1.08);
    let power_zones = seconds_in_zones(&ride.watts, &POWER_BOUNDS);
    let heart_zones = seconds_in_zones(&ride.heart_rate, &HEART_RATE_BOUNDS);
    let opts = ChartOptions {
        width_px: 1200,
        theme: Theme::Dark,
        units: Units::Metric,
    };
    let charts: [(&str, Render); 5] = [
        (
            "activity",
            Box::new(|| {
                let chart = activity_chart(&ride.streams, XAxis::Time, None, &opts);
                chart.expect("activity chart").chart.svg
            }),
        ),
        (
            "power curve",
            Box::new(|| {
                let chart = power_curve_chart(&activity_curve, &best_curve, "Best", &opts);
                chart.expect("power curve").svg
            }),
        ),
        (
            "power zones",
            Box::new(|| {
                let chart = zones_chart(&power_zones, &POWER_BOUNDS, ZoneKind::Power, &opts);
                chart.expect("power zones").svg
            }),
        ),
        (
            "heart-rate zones",
            Box::new(|| {
                let chart =
                    zones_chart(&heart_zones, &HEART_RATE_BOUNDS, ZoneKind::HeartRate, &opts);
                chart.expect("heart-rate zones").svg
            }),
        ),
        (
            "route",
            Box::new(|| route_chart(&ride.latlng, &opts).expect("route").svg),
        ),
    ];
    let mut per_chart = vec![Vec::with_capacity(ROUNDS); charts.len()];
    let mut totals = Vec::with_capacity(ROUNDS);
    let mut sizes = vec![0; charts.len()];
    for _ in 0..ROUNDS {
        let round = Instant::now();
        for (i, (_, draw)) in charts.iter().enumerate() {
            let started = Instant::now();
            let svg = std::hint::black_box(draw());
            per_chart[i].push(started.elapsed());
            sizes[i] = svg.len();
        }
        totals.push(round.elapsed());
    }
    println!(
        "{SAMPLES} samples, width {} px, {ROUNDS} rounds",
        opts.width_px
    );
    println!(
        "{:<18} {:>8} {:>8} {:>8} {:>10}",
        "chart", "p50 ms", "p95 ms", "max ms", "svg bytes"
    );
    for (i, (name, _)) in charts.iter().enumerate() {
        let mut times = per_chart[i].clone();
        times.sort();
        println!(
            "{name:<18} {:>8.2} {:>8.2} {:>8.2} {:>10}",
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            percentile(&times, 1.0),
            sizes[i]
        );
    }
    totals.sort();
    println!(
        "{:<18} {:>8.2} {:>8.2} {:>8.2} {:>10}",
        "total",
        percentile(&totals, 0.5),
        percentile(&totals, 0.95),
        percentile(&totals, 1.0),
        sizes.iter().sum::<usize>()
    );
}
