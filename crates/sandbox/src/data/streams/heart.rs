//! Heart rate: a first-order lag toward a level set by effort (faster rising than falling), a
//! slow cardiac drift and a beat or two of noise, between the athlete's resting and maximum
//! rates, with the mean over moving time at the summary's average.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::super::Athlete;
use super::Wander;

/// How the heart answers effort in one activity.
#[derive(Debug, Clone, Copy)]
pub(super) struct Heart {
    /// Time constant when the heart rate rises, seconds.
    pub tau_up: f64,
    /// Time constant when it falls, seconds.
    pub tau_down: f64,
}

/// Lowest and highest share of the heart-rate reserve.
const FLOOR: f64 = 0.02;
const CEILING: f64 = 0.985;

/// Beats per minute at each second, from the effort at each second. Without effort the heart
/// settles toward a "just stopped" level, about a fifth of the reserve above resting; effort
/// adds to that with the gain that makes the mean over moving time the summary's average.
pub(super) fn rate(
    rng: &mut ChaCha8Rng,
    athlete: &Athlete,
    mut effort: Vec<f64>,
    moving: &[bool],
    avg_hr: f64,
    heart: Heart,
) -> Vec<f64> {
    let rest = f64::from(athlete.hr_rest);
    let span = f64::from(athlete.hr_max.saturating_sub(athlete.hr_rest).max(10));
    let up = 1.0 - (-1.0 / heart.tau_up).exp();
    let down = 1.0 - (-1.0 / heart.tau_down).exp();
    let drift = rng.random_range(0.015..0.035) / 3600.0;
    let want = ((avg_hr - rest) / span).clamp(FLOOR, CEILING);
    let settle = (0.5 * want).min(0.22);
    // In place: effort → lagged effort.
    let mut lagged = 0.0;
    for e in effort.iter_mut() {
        let target = e.clamp(0.0, 1.6);
        let rate = if target > lagged { up } else { down };
        lagged += (target - lagged) * rate;
        *e = lagged;
    }
    let any_moving = moving.iter().any(|m| *m);
    let counted = |i: usize| !any_moving || moving.get(i).copied().unwrap_or(true);
    let share = |gain: f64| {
        let (mut sum, mut count) = (0.0, 0usize);
        for (i, &y) in effort.iter().enumerate() {
            if counted(i) {
                sum += (settle + gain * y + drift * i as f64).clamp(FLOOR, CEILING);
                count += 1;
            }
        }
        sum / count.max(1) as f64
    };
    // The mean rises with the gain, about linearly: a few Newton steps.
    let (sum, count) = effort
        .iter()
        .enumerate()
        .filter(|(i, _)| counted(*i))
        .fold((0.0, 0usize), |(s, c), (_, y)| (s + y, c + 1));
    let slope = (sum / count.max(1) as f64).max(0.05);
    let mut gain = 0.6;
    for _ in 0..6 {
        let miss = want - share(gain);
        if miss.abs() < 2e-4 {
            break;
        }
        gain = (gain + miss / slope).clamp(0.0, 3.0);
    }
    let mut noise = Wander::new(rng, 0.01, 25.0);
    for (i, y) in effort.iter_mut().enumerate() {
        let hrr = settle + gain * *y + drift * i as f64 + noise.next(rng);
        *y = rest + span * hrr.clamp(FLOOR, CEILING);
    }
    effort
}
