//! Runs and hikes: a pace around the activity's average that follows the plan, slowed by climbs
//! and quickened by gentle descents, along a route from home; the pace is scaled until the
//! distance comes out as the summary says.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::super::{Activity, Sport};
use super::route::{self, Cursor, Layout, Route};
use super::shape;
use super::stops::{self, Clock, Stop, Tick, Track};
use super::{Motion, StreamContext, Wander, Wants, gauss, heart};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gait {
    Run,
    Hike,
}

impl Gait {
    /// Speed on `grade` relative to the flat.
    fn on(self, grade: f64) -> f64 {
        match self {
            Gait::Run if grade >= 0.0 => (-3.5 * grade).exp(),
            Gait::Run if grade > -0.08 => (-2.0 * grade).exp(),
            Gait::Run => (0.16f64).exp() * (-3.0 * (-grade - 0.08)).exp(),
            // Tobler's hiking function, 1 on the flat.
            Gait::Hike => (-3.5 * (grade + 0.05).abs() + 0.175).exp(),
        }
    }
}

pub(super) fn simulate(
    rng: &mut ChaCha8Rng,
    a: &Activity,
    ctx: &StreamContext<'_>,
    wants: &Wants,
    gait: Gait,
) -> Motion {
    let n = a.elapsed_time_s as usize;
    let moving = a.moving_time_s.min(a.elapsed_time_s);
    let length = a.distance_m.filter(|d| *d > 0.0).unwrap_or(0.0);
    let outdoor = length > 0.0 && (wants.has("latlng") || wants.has("altitude"));
    let route = outdoor.then(|| {
        let climb = a.elevation_gain_m.unwrap_or(length / 1000.0 * 8.0);
        let layout = if gait == Gait::Hike || rng.random_bool(0.5) {
            Layout::OutAndBack
        } else {
            Layout::Loop
        };
        let spec = route::Spec {
            length,
            climb,
            layout,
            hill: match gait {
                Gait::Run => (250.0, 1200.0),
                Gait::Hike => (500.0, 2000.0),
            },
            uphill: if gait == Gait::Hike { 0.8 } else { 0.5 },
        };
        Route::build(rng, spec, ctx.home)
    });
    let style = shape::Style {
        noise: if gait == Gait::Run { 0.015 } else { 0.04 },
        wander: if gait == Gait::Run { 0.03 } else { 0.06 },
        surges: false,
        coasts: false,
        ramp: 6.0,
        untargeted: 0.6,
        hard: 0.9,
    };
    let sport = if gait == Gait::Run {
        Sport::Run
    } else {
        Sport::Other
    };
    let shape = shape::build(rng, moving, ctx.plan, ctx.athlete, sport, &style);
    let stop_style = match gait {
        Gait::Run => stops::Style::Run,
        Gait::Hike => stops::Style::Hike,
    };
    let stops = stops::schedule(rng, moving, n as u32 - moving, stop_style, &shape.hard);
    let mut walk = Walk {
        gait,
        track: Track::with_capacity(n),
    };
    let mean_speed = length / f64::from(moving.max(1));
    let mut scale = mean_speed;
    for _ in 0..4 {
        let covered = walk.pass(&shape.level, &stops, route.as_ref(), scale, n);
        if length <= 0.0 || covered <= 0.0 || (covered / length - 1.0).abs() < 0.003 {
            break;
        }
        scale *= length / covered;
    }
    let threshold = 1000.0 / f64::from(ctx.athlete.threshold_pace_s_per_km.max(150));
    // Effort for the heart, written over the grade column: climbs cost more than their pace.
    let mut effort = std::mem::take(&mut walk.track.grade);
    for (e, &v) in effort.iter_mut().zip(&walk.track.velocity) {
        let grade = *e;
        *e = match gait {
            Gait::Run => v / threshold * (1.0 + 4.0 * grade).max(0.3),
            Gait::Hike if v > 0.0 => v / 1.3 * (0.45 + 8.0 * grade.max(0.0)) + 0.1,
            Gait::Hike => 0.0,
        };
    }
    let cadence = (gait == Gait::Run).then(|| cadence(rng, a, &walk, mean_speed));
    Motion {
        heart: heart::Heart {
            tau_up: rng.random_range(30.0..50.0),
            tau_down: rng.random_range(80.0..120.0),
        },
        effort,
        moving: walk.track.moving,
        distance: Some(walk.track.distance),
        velocity: Some(walk.track.velocity),
        watts: None,
        cadence,
        altitude: outdoor.then_some(walk.track.altitude),
        route,
    }
}

struct Walk {
    gait: Gait,
    track: Track,
}

impl Walk {
    /// Goes the whole activity at 1 Hz at `scale` m/s times the level and the grade's factor,
    /// easing into each change of speed; returns the distance covered.
    fn pass(
        &mut self,
        level: &[f64],
        stops: &[Stop],
        route: Option<&Route>,
        scale: f64,
        n: usize,
    ) -> f64 {
        self.track.clear();
        let mut clock = Clock::new(stops);
        let mut cur = Cursor::default();
        let (mut x, mut v) = (0.0, 0.0);
        for _ in 0..n {
            let (tick, grade) = self.track.second(&mut clock, route, &mut cur, x, &mut v);
            let Tick::Moving { j, to_stop } = tick else {
                continue;
            };
            let want = scale * level.get(j).copied().unwrap_or(1.0) * self.gait.on(grade);
            let mut next = v + (want - v).clamp(-1.0, 0.7);
            next = next
                .min(1.2 * f64::from(to_stop.saturating_sub(1)))
                .max(0.0);
            x += 0.5 * (v + next);
            v = next;
        }
        x
    }
}

/// Running cadence (steps per minute / 2): a little quicker with speed, zero when stopped.
fn cadence(rng: &mut ChaCha8Rng, a: &Activity, walk: &Walk, mean_speed: f64) -> Vec<f64> {
    let target = a.avg_cadence.map_or(85.0, f64::from);
    let mut wander = Wander::new(rng, 1.2, 60.0);
    walk.track
        .velocity
        .iter()
        .zip(&walk.track.moving)
        .map(|(&v, &on)| {
            let drift = wander.next(rng) + 0.8 * gauss(rng);
            if !on || v < 0.5 {
                return 0.0;
            }
            let quick = 6.0 * (v / mean_speed.max(0.5) - 1.0).clamp(-0.5, 0.5);
            (target + quick + drift).clamp(79.0, 93.0)
        })
        .collect()
}
