//! Strength sessions (and anything else without a distance): a warm-up, then sets and rests.
//! Sets are the moving time, rests the rest of the elapsed time; only the heart shows it.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::super::Activity;
use super::{Motion, apportion, heart};

pub(super) fn simulate(rng: &mut ChaCha8Rng, a: &Activity) -> Motion {
    let n = a.elapsed_time_s as usize;
    let moving = a.moving_time_s.min(a.elapsed_time_s);
    let pause = a.elapsed_time_s - moving;
    let warm = (moving / 5).min(rng.random_range(300..=480));
    // Sets: (seconds, effort).
    let mut sets = vec![(warm, 0.4)];
    let mut left = moving - warm;
    while left > 0 {
        let len = rng.random_range(30..=75).min(left);
        sets.push((len, rng.random_range(0.55..0.85)));
        left -= len;
    }
    let gaps: Vec<f64> = (0..sets.len())
        .map(|i| {
            if i + 1 < sets.len() {
                rng.random_range(0.6..1.4)
            } else {
                0.0
            }
        })
        .collect();
    let rests = apportion(pause, &gaps);
    let mut moving_col = Vec::with_capacity(n);
    let mut effort = Vec::with_capacity(n);
    for (&(len, level), &rest) in sets.iter().zip(&rests) {
        for s in 0..len {
            // The warm-up builds up; a set is hard from the first rep.
            let e = if level < 0.5 {
                0.2 + level * f64::from(s) / f64::from(len.max(1))
            } else {
                level
            };
            moving_col.push(true);
            effort.push(e);
        }
        for _ in 0..rest {
            moving_col.push(false);
            effort.push(0.05);
        }
    }
    moving_col.resize(n, false);
    effort.resize(n, 0.05);
    Motion {
        moving: moving_col,
        effort,
        heart: heart::Heart {
            tau_up: rng.random_range(20.0..30.0),
            tau_down: rng.random_range(80.0..120.0),
        },
        distance: None,
        velocity: None,
        watts: None,
        cadence: None,
        altitude: None,
        route: None,
    }
}
