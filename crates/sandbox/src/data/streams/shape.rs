//! How hard, second by second of moving time: the planned structure stretched to the moving time
//! (or, without one, a warm-up, a long middle with surges and a cool-down), with the slow wander
//! and second-to-second noise of a real athlete. Levels are relative: mean 1 over the seconds
//! that are not [`COAST`].

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::super::athlete::css_pace;
use super::super::steps::factor;
use super::super::{Athlete, Sport, Step, TargetKind, Workout};
use super::{Wander, gauss};

/// A second of freewheeling (a corner, a junction): no power whatever the spread.
pub(super) const COAST: f64 = -10.0;

#[derive(Debug, Clone, Copy)]
pub(super) struct Style {
    /// Second-to-second noise, relative.
    pub noise: f64,
    /// Slow wander, relative.
    pub wander: f64,
    /// Surges now and then when there is no plan (attacks, short hills, sprints to a sign).
    pub surges: bool,
    /// Short freewheeling spells.
    pub coasts: bool,
    /// How fast effort follows a change of step, seconds.
    pub ramp: f64,
    /// The level of a step without a target, relative to threshold.
    pub untargeted: f64,
    /// Steps at or above this level (relative to threshold) are hard: no stops there.
    pub hard: f64,
}

#[derive(Debug, Clone)]
pub(super) struct Shape {
    pub level: Vec<f64>,
    /// Ranges of moving seconds spent on hard steps.
    pub hard: Vec<(u32, u32)>,
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    secs: f64,
    level: f64,
}

pub(super) fn build(
    rng: &mut ChaCha8Rng,
    moving: u32,
    plan: Option<&Workout>,
    athlete: &Athlete,
    sport: Sport,
    style: &Style,
) -> Shape {
    let mut segments = Vec::new();
    if let Some(steps) = plan
        .filter(|w| w.sport == sport)
        .and_then(|w| w.structure.as_ref())
    {
        flatten(
            &steps.steps,
            athlete,
            sport,
            style.untargeted,
            &mut segments,
        );
    }
    let planned = !segments.is_empty();
    if !planned {
        let m = f64::from(moving);
        let warm = (m / 6.0).min(rng.random_range(600.0..900.0));
        let cool = (m / 8.0).min(rng.random_range(300.0..600.0));
        segments = vec![
            Segment {
                secs: warm,
                level: 0.8,
            },
            Segment {
                secs: (m - warm - cool).max(0.0),
                level: 1.0,
            },
            Segment {
                secs: cool,
                level: 0.85,
            },
        ];
    }
    for s in &mut segments {
        s.level *= 1.0 + rng.random_range(-0.02..0.02);
    }
    let weights: Vec<f64> = segments.iter().map(|s| s.secs).collect();
    let lengths = super::apportion(moving, &weights);
    let mut level = Vec::with_capacity(moving as usize);
    let mut hard = Vec::new();
    let mut wander = Wander::new(rng, style.wander, 240.0);
    let keep = (-1.0 / style.ramp).exp();
    let mut now = segments.first().map_or(1.0, |s| s.level * 0.8);
    let mut surge = (rng.random_range(240..720), 0u32, 0.0);
    let mut coast = (rng.random_range(60..300), 0u32);
    for (seg, &len) in segments.iter().zip(&lengths) {
        let start = level.len() as u32;
        if seg.level >= style.hard && planned && len > 0 {
            hard.push((start, start + len));
        }
        for _ in 0..len {
            now = seg.level + (now - seg.level) * keep;
            let mut x = now * (1.0 + wander.next(rng) + style.noise * gauss(rng));
            if style.surges && !planned {
                surge.0 -= 1;
                if surge.0 == 0 {
                    surge = (
                        rng.random_range(240..720),
                        rng.random_range(10..60),
                        rng.random_range(0.4..0.9),
                    );
                }
                if surge.1 > 0 {
                    surge.1 -= 1;
                    x *= 1.0 + surge.2;
                }
            }
            if style.coasts {
                coast.0 -= 1;
                if coast.0 == 0 {
                    coast = (rng.random_range(60..300), rng.random_range(2..12));
                }
                if coast.1 > 0 {
                    coast.1 -= 1;
                    x = COAST;
                }
            }
            level.push(if x == COAST { COAST } else { x.max(0.05) });
        }
    }
    let (sum, count) = level
        .iter()
        .filter(|&&x| x != COAST)
        .fold((0.0, 0usize), |(s, c), &x| (s + x, c + 1));
    if count > 0 && sum > 0.0 {
        let mean = sum / count as f64;
        for x in level.iter_mut().filter(|x| **x != COAST) {
            *x /= mean;
        }
    }
    Shape { level, hard }
}

/// The leaves of a structure, repeats unrolled, with their length in seconds and their level
/// relative to threshold (FTP, threshold pace or LTHR).
fn flatten(
    steps: &[Step],
    athlete: &Athlete,
    sport: Sport,
    untargeted: f64,
    out: &mut Vec<Segment>,
) {
    for step in steps {
        match (&step.steps, step.repeat) {
            (Some(children), Some(times)) => {
                for _ in 0..times {
                    flatten(children, athlete, sport, untargeted, out);
                }
            }
            _ => {
                let secs = match (step.duration_s, step.distance_m, step.target) {
                    (Some(d), _, _) => f64::from(d),
                    (None, Some(m), Some(t)) if t.kind == TargetKind::Pace => {
                        m / 1000.0 * f64::from(t.low + t.high) / 2.0
                    }
                    (None, Some(m), _) => m / 1000.0 * f64::from(css_pace(athlete)) * 1.1,
                    _ => 0.0,
                };
                let level = step
                    .target
                    .map_or(untargeted, |t| factor(&t, athlete, sport));
                if secs > 0.0 {
                    out.push(Segment { secs, level });
                }
            }
        }
    }
}
