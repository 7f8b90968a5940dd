//! Pool swims: 25 m lengths at the pace of the plan's sets (a push-off, then easing into the
//! wall), with rests at the wall where the plan rests. The lengths add up to the distance and
//! the rests to the gap between elapsed and moving time, exactly.

use std::f64::consts::PI;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::super::athlete::css_pace;
use super::super::steps::factor;
use super::super::{Activity, Athlete, Sport, Step};
use super::{Motion, StreamContext, apportion, gauss, heart};

const POOL_M: f64 = 25.0;

/// A set swum without stopping, and the rest at the wall after it.
#[derive(Debug, Clone, Copy)]
struct Block {
    metres: f64,
    level: f64,
    rest: f64,
}

pub(super) fn simulate(rng: &mut ChaCha8Rng, a: &Activity, ctx: &StreamContext<'_>) -> Motion {
    let n = a.elapsed_time_s as usize;
    let moving = a.moving_time_s.min(a.elapsed_time_s);
    let pause = a.elapsed_time_s - moving;
    let lengths = (a.distance_m.unwrap_or(0.0) / POOL_M).round().max(0.0) as u32;
    let mut blocks = Vec::new();
    if let Some(s) = ctx
        .plan
        .filter(|w| w.sport == Sport::Swim)
        .and_then(|w| w.structure.as_ref())
    {
        sets(&s.steps, ctx.athlete, &mut blocks);
    }
    if blocks.is_empty() {
        let mut left = lengths.max(1);
        while left > 0 {
            let len = [4, 8, 12, 16][rng.random_range(0..4)].min(left);
            blocks.push(Block {
                metres: f64::from(len) * POOL_M,
                level: 1.0 + rng.random_range(-0.05..0.05),
                rest: rng.random_range(10.0..40.0),
            });
            left -= len;
        }
    }
    if let Some(last) = blocks.last_mut() {
        last.rest = 0.0;
    }
    if blocks.iter().all(|b| b.rest <= 0.0) && blocks.len() > 1 {
        blocks.iter_mut().rev().skip(1).for_each(|b| b.rest = 1.0);
    }
    let metres: Vec<f64> = blocks.iter().map(|b| b.metres).collect();
    let per_block = apportion(lengths, &metres);
    // Most of the pause is the rests between sets; a share is a few seconds at the wall here
    // and there (goggles, a breath, the clock).
    let breathers = if lengths > 1 {
        (f64::from(pause) * rng.random_range(0.2..0.35)) as u32
    } else {
        0
    };
    let rests: Vec<f64> = blocks.iter().map(|b| b.rest).collect();
    let rest_s = apportion(pause - breathers, &rests);
    // Seconds per length (slower sets take longer, a push-off from rest is a little quicker)
    // and seconds at the wall after it.
    let mut weights = Vec::with_capacity(lengths as usize);
    let mut wall = Vec::with_capacity(lengths as usize);
    for ((block, &count), &rest) in blocks.iter().zip(&per_block).zip(&rest_s) {
        for k in 0..count {
            let fresh = if k == 0 { 0.97 } else { 1.0 };
            weights.push(fresh / (block.level * (1.0 + 0.03 * gauss(rng))).max(0.3));
            wall.push(if k + 1 == count { rest } else { 0 });
        }
        if count == 0
            && let Some(last) = wall.last_mut()
        {
            *last += rest;
        }
    }
    let mut left = breathers;
    while left > 0 {
        let k = rng.random_range(0..wall.len() - 1);
        let secs = rng.random_range(2..=6).min(left);
        wall[k] += secs;
        left -= secs;
    }
    let secs = apportion(moving, &weights);
    let mut moving_col = Vec::with_capacity(n);
    let mut distance = Vec::with_capacity(n);
    let mut effort = Vec::with_capacity(n);
    let mut done = 0.0;
    let levels = blocks
        .iter()
        .zip(&per_block)
        .flat_map(|(b, &count)| std::iter::repeat_n(b.level, count as usize));
    for ((&t, &rest), level) in secs.iter().zip(&wall).zip(levels) {
        for s in 0..t {
            let u = f64::from(s) / f64::from(t);
            distance.push(done + POOL_M * (u + 0.1 * (PI * u).sin()));
            moving_col.push(true);
            effort.push(level);
        }
        done += POOL_M;
        for _ in 0..rest {
            distance.push(done);
            moving_col.push(false);
            effort.push(0.0);
        }
    }
    // Whatever is left (only when there are no lengths at all): standing in the water.
    let mut moved = moving_col.iter().filter(|m| **m).count();
    while distance.len() < n {
        let on = moved < moving as usize;
        moved += usize::from(on);
        moving_col.push(on);
        distance.push(done);
        effort.push(if on { 0.3 } else { 0.0 });
    }
    distance.truncate(n);
    moving_col.truncate(n);
    effort.truncate(n);
    Motion {
        moving: moving_col,
        effort,
        heart: heart::Heart {
            tau_up: rng.random_range(25.0..40.0),
            tau_down: rng.random_range(80.0..120.0),
        },
        distance: Some(distance),
        velocity: None,
        watts: None,
        cadence: None,
        altitude: None,
        route: None,
    }
}

/// The plan's sets: each leaf with a distance is swum; a leaf with only a duration and no target
/// is a rest after the set before it.
fn sets(steps: &[Step], athlete: &Athlete, out: &mut Vec<Block>) {
    for step in steps {
        match (&step.steps, step.repeat) {
            (Some(children), Some(times)) => {
                for _ in 0..times {
                    sets(children, athlete, out);
                }
            }
            _ => {
                let level = step
                    .target
                    .map_or(1.0, |t| factor(&t, athlete, Sport::Swim));
                match (step.distance_m, step.duration_s, step.target) {
                    (Some(m), _, _) => out.push(Block {
                        metres: m,
                        level,
                        rest: 0.0,
                    }),
                    (None, Some(d), None) => {
                        if let Some(last) = out.last_mut() {
                            last.rest += f64::from(d);
                        }
                    }
                    (None, Some(d), Some(_)) => out.push(Block {
                        metres: f64::from(d) * 1000.0 / f64::from(css_pace(athlete)) * level,
                        level,
                        rest: 0.0,
                    }),
                    (None, None, _) => {}
                }
            }
        }
    }
}
