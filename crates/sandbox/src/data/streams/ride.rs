//! Rides: power that follows the plan (pushing on climbs, freewheeling down steep descents),
//! speed from the cycling power equation along the route (on a trainer: on flat ground), and
//! three knobs (power scale, spread, drag area) tuned so that average power, normalized power and
//! distance come out as the activity's summary says.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::super::{Activity, Sport};
use super::route::{self, Cursor, Layout, Route};
use super::shape::{self, COAST};
use super::stops::{self, Clock, Stop, Tick, Track};
use super::{Motion, Normalized, StreamContext, Wander, Wants, gauss, heart};

const G: f64 = 9.80665;
/// Air density, kg/m³.
const AIR: f64 = 1.2;
const DRIVETRAIN: f64 = 0.97;
/// Seconds per step of the quick, steady-state simulation used for tuning.
const BLOCK: usize = 10;

#[derive(Debug, Clone, Copy)]
struct Bike {
    /// Rider, bike and kit, kg.
    mass: f64,
    crr: f64,
    /// Drag area, m² (it also stands for the day's wind).
    cda: f64,
    /// Braking keeps descents under this, m/s.
    v_max: f64,
    /// Above this the rider stops pedalling, m/s.
    v_coast: f64,
}

impl Bike {
    /// Rolling resistance and gravity on `grade`, newtons.
    fn slope(&self, grade: f64) -> f64 {
        self.mass * G * (self.crr + grade) / (1.0 + grade * grade).sqrt()
    }

    /// Rolling resistance, gravity and drag at speed `v` on `grade`, newtons.
    fn resistance(&self, v: f64, grade: f64) -> f64 {
        self.slope(grade) + 0.5 * AIR * self.cda * v * v
    }

    /// Steady speed at power `p` on `grade`: the positive root of ½ρ·CdA·v³ + F·v = η·P, by
    /// Newton's method from `near` (the last speed) when the cubic rises there, else from above.
    fn steady(&self, p: f64, grade: f64, near: f64) -> f64 {
        let a = 0.5 * AIR * self.cda;
        let b = self.slope(grade);
        let p = DRIVETRAIN * p;
        let sag = if b < 0.0 { (-b / a).sqrt() } else { 0.0 };
        if p <= 0.0 {
            return sag;
        }
        // Past the first step the iterates stay above the root, where the cubic is convex and
        // rising, so Newton's method converges monotonically.
        let mut v = if 3.0 * a * near * near + b > 0.0 && near > 0.0 {
            near
        } else {
            (p / a).cbrt() + sag
        };
        for _ in 0..40 {
            let step = (a * v * v * v + b * v - p) / (3.0 * a * v * v + b);
            v -= step;
            if step.abs() < 1e-3 {
                break;
            }
        }
        v
    }
}

/// Power scale (W), spread of the effort around its mean, and drag area.
#[derive(Debug, Clone, Copy)]
struct Knobs {
    base: f64,
    spread: f64,
    cda: f64,
}

#[derive(Debug, Clone, Copy)]
struct Outcome {
    avg: f64,
    np: f64,
    distance: f64,
}

/// The rider's extra push uphill and easing off downhill, relative to the mean.
fn terrain(grade: f64) -> f64 {
    (5.0 * grade).clamp(-0.9, 0.45)
}

fn power(k: &Knobs, level: f64, lean: f64) -> f64 {
    (k.base * (1.0 + k.spread * (level - 1.0 + lean))).max(0.0)
}

pub(super) fn simulate(
    rng: &mut ChaCha8Rng,
    a: &Activity,
    ctx: &StreamContext<'_>,
    wants: &Wants,
) -> Motion {
    let n = a.elapsed_time_s as usize;
    let moving = a.moving_time_s.min(a.elapsed_time_s);
    let ftp = f64::from(ctx.athlete.ftp_w.max(100));
    let avg = a.avg_power_w.map_or(0.6 * ftp, f64::from).max(20.0);
    let np = a.normalized_power_w.map_or(avg * 1.05, f64::from).max(avg);
    let length = a
        .distance_m
        .filter(|d| *d > 0.0)
        .unwrap_or(f64::from(moving) * 7.5);
    let outdoor = !a.trainer && (wants.has("latlng") || wants.has("altitude"));
    let route = outdoor.then(|| {
        let climb = a.elevation_gain_m.unwrap_or(length / 1000.0 * 8.0);
        let hilly = climb / length * 1000.0 > 15.0;
        let layout = if length <= route::MAX_OUT_AND_BACK_M && rng.random_bool(0.3) {
            Layout::OutAndBack
        } else {
            Layout::Loop
        };
        let spec = route::Spec {
            length,
            climb,
            layout,
            hill: if hilly {
                (2500.0, 8000.0)
            } else {
                (700.0, 3000.0)
            },
            uphill: 0.6,
        };
        Route::build(rng, spec, ctx.home)
    });
    let style = shape::Style {
        noise: if a.trainer { 0.035 } else { 0.07 },
        wander: if a.trainer { 0.025 } else { 0.05 },
        surges: !a.trainer,
        coasts: outdoor,
        ramp: 3.0,
        untargeted: 0.5,
        hard: 0.75,
    };
    let shape = shape::build(rng, moving, ctx.plan, ctx.athlete, Sport::Ride, &style);
    let stop_style = if a.trainer {
        stops::Style::Trainer
    } else {
        stops::Style::Road
    };
    let stops = stops::schedule(rng, moving, n as u32 - moving, stop_style, &shape.hard);
    let bike = Bike {
        mass: ctx.athlete.weight_kg + rng.random_range(8.5..10.5),
        crr: rng.random_range(0.004..0.006),
        cda: 0.35,
        v_max: rng.random_range(15.0..18.0),
        v_coast: if outdoor {
            rng.random_range(13.5..15.5)
        } else {
            f64::INFINITY
        },
    };
    let targets = Outcome {
        avg,
        np,
        distance: length,
    };
    let climb = if outdoor {
        a.elevation_gain_m.unwrap_or(0.0)
    } else {
        0.0
    };
    let mut knobs = tune(&shape.level, route.as_ref(), bike, &targets, climb);
    let mut ride = Ride::with_capacity(n);
    for attempt in 0..3 {
        let o = ride.pass(&shape.level, &stops, route.as_ref(), bike, &knobs, n);
        if attempt == 2 || settled(&o, &targets, 0.015, 0.05, 0.04) {
            break;
        }
        knobs = adjust(knobs, &o, &targets);
    }
    cadence(rng, a, &ride.watts, &mut ride.track.grade, avg);
    let effort = ride.watts.iter().map(|p| p / ftp).collect();
    Motion {
        moving: ride.track.moving,
        effort,
        heart: heart::Heart {
            tau_up: rng.random_range(30.0..45.0),
            tau_down: rng.random_range(80.0..120.0),
        },
        distance: Some(ride.track.distance),
        velocity: Some(ride.track.velocity),
        watts: Some(ride.watts),
        cadence: Some(ride.track.grade),
        altitude: outdoor.then_some(ride.track.altitude),
        route,
    }
}

/// Whether `o` is within `avg` and `distance` (shares) of the targets, with normalized power
/// within `np` of the target's.
fn settled(o: &Outcome, t: &Outcome, avg: f64, np: f64, distance: f64) -> bool {
    (o.avg / t.avg - 1.0).abs() < avg
        && (o.np / t.np - 1.0).abs() < np
        && (o.distance / t.distance - 1.0).abs() < distance
}

/// Moves the knobs toward the targets: the power scale for the average, the spread for the
/// ratio of normalized to average power (only when it leaves the band that keeps the ride's own
/// shape), the drag area for the distance.
fn adjust(k: Knobs, o: &Outcome, t: &Outcome) -> Knobs {
    let ratio = o.np / o.avg.max(1.0);
    let aim = ratio.clamp(t.np / t.avg * (1.0 - NP_AIM), t.np / t.avg * (1.0 + NP_AIM));
    let spread = if aim == ratio {
        k.spread
    } else if ratio > 1.0005 {
        k.spread * ((aim - 1.0).max(0.0005) / (ratio - 1.0)).powf(0.8)
    } else {
        k.spread * 1.5
    };
    Knobs {
        base: k.base * t.avg / o.avg.max(1.0),
        spread: spread.clamp(0.05, 3.0),
        cda: (k.cda * (o.distance / t.distance).powi(3)).clamp(0.15, 1.2),
    }
}

/// Normalized power may stay this far (a share) from the summary's, to keep the plan's shape.
const NP_AIM: f64 = 0.035;

/// Finds the knobs with the quick simulation, starting from a drag area that the average speed
/// suggests.
fn tune(level: &[f64], route: Option<&Route>, bike: Bike, t: &Outcome, climb: f64) -> Knobs {
    let secs = level.len().max(1) as f64;
    let v = (t.distance / secs).max(1.0);
    let rolling = bike.crr * bike.mass * G * v;
    let climbing = 0.5 * bike.mass * G * climb / secs;
    let drag = (DRIVETRAIN * t.avg - rolling - climbing).max(0.2 * t.avg);
    let mut k = Knobs {
        base: t.avg,
        spread: 1.0,
        cda: (drag / (0.55 * AIR * v * v * v)).clamp(0.15, 1.2),
    };
    for _ in 0..10 {
        let o = quick(level, route, Bike { cda: k.cda, ..bike }, &k);
        if settled(&o, t, 0.004, NP_AIM + 0.005, 0.005) {
            break;
        }
        k = adjust(k, &o, t);
    }
    k
}

/// Steady-state speed, one step per [`BLOCK`] seconds, no stops.
fn quick(level: &[f64], route: Option<&Route>, bike: Bike, k: &Knobs) -> Outcome {
    let mut cur = Cursor::default();
    let mut np = Normalized::new(30 / BLOCK);
    let (mut x, mut energy, mut v) = (0.0, 0.0, 0.0);
    for block in level.chunks(BLOCK) {
        let secs = block.len() as f64;
        let grade = route.map_or(0.0, |r| r.grade(x, &mut cur));
        let lean = if route.is_some() { terrain(grade) } else { 0.0 };
        let mut p = block.iter().map(|&l| power(k, l, lean)).sum::<f64>() / secs;
        v = bike.steady(p, grade, v);
        if v > bike.v_coast {
            let free = bike.steady(0.0, grade, v);
            if free >= bike.v_coast {
                (p, v) = (0.0, free);
            } else {
                v = bike.v_coast;
                p = bike.resistance(v, grade) * v / DRIVETRAIN;
            }
        }
        x += v.min(bike.v_max) * secs;
        energy += p * secs;
        np.push(p);
    }
    Outcome {
        avg: energy / level.len().max(1) as f64,
        np: np.value(),
        distance: x,
    }
}

/// The columns of one ride, second by second.
struct Ride {
    track: Track,
    watts: Vec<f64>,
}

impl Ride {
    fn with_capacity(n: usize) -> Ride {
        Ride {
            track: Track::with_capacity(n),
            watts: Vec::with_capacity(n),
        }
    }

    /// Rides the whole activity at 1 Hz with inertia, stops, braking before them and speeding
    /// up after. Each sample holds the speed and distance at that second and the power of the
    /// second that follows.
    fn pass(
        &mut self,
        level: &[f64],
        stops: &[Stop],
        route: Option<&Route>,
        bike: Bike,
        k: &Knobs,
        n: usize,
    ) -> Outcome {
        let bike = Bike { cda: k.cda, ..bike };
        self.track.clear();
        self.watts.clear();
        let mut clock = Clock::new(stops);
        let mut cur = Cursor::default();
        let mut np = Normalized::new(30);
        let (mut x, mut v, mut energy, mut secs) = (0.0, 0.0, 0.0, 0usize);
        for _ in 0..n {
            let (tick, grade) = self.track.second(&mut clock, route, &mut cur, x, &mut v);
            let Tick::Moving { j, to_stop } = tick else {
                self.watts.push(0.0);
                continue;
            };
            let lean = if route.is_some() { terrain(grade) } else { 0.0 };
            let l = level.get(j).copied().unwrap_or(1.0);
            let mut p = if v >= bike.v_coast || l == COAST {
                0.0
            } else {
                power(k, l, lean)
            };
            let slope = bike.slope(grade);
            let mut next = v;
            for _ in 0..2 {
                let push = DRIVETRAIN * p / next.max(1.0);
                let drag = 0.5 * AIR * bike.cda * next * next;
                next += 0.5 * (push - slope - drag) / (bike.mass + 1.5);
                next = next.max(0.0);
            }
            next = next.min(bike.v_max);
            let brake = 1.6 * f64::from(to_stop.saturating_sub(1));
            if next > brake {
                next = brake;
                p = 0.0;
            }
            x += 0.5 * (v + next);
            v = next;
            self.watts.push(p);
            energy += p;
            secs += 1;
            np.push(p);
        }
        Outcome {
            avg: energy / secs.max(1) as f64,
            np: np.value(),
            distance: x,
        }
    }
}

/// Pedalling cadence, written over the grade column: none while freewheeling or stopped, a
/// little higher with power, lower on steep climbs; its mean over pedalling seconds is the
/// summary's.
fn cadence(rng: &mut ChaCha8Rng, a: &Activity, watts: &[f64], grade: &mut [f64], avg_power: f64) {
    let target = a.avg_cadence.map_or(88.0, f64::from);
    let mut wander = Wander::new(rng, 2.5, 40.0);
    let (mut sum, mut count) = (0.0, 0usize);
    for (&p, g) in watts.iter().zip(grade.iter_mut()) {
        let drift = wander.next(rng) + 1.5 * gauss(rng);
        if p < 1.0 {
            *g = 0.0;
            continue;
        }
        let push = 7.0 * (p / avg_power - 1.0).clamp(-0.6, 1.5);
        let climb = 120.0 * (*g - 0.03).max(0.0);
        *g = target + push - climb + drift;
        sum += *g;
        count += 1;
    }
    let shift = if count > 0 {
        target - sum / count as f64
    } else {
        0.0
    };
    for c in grade.iter_mut().filter(|c| **c > 0.0) {
        *c = (*c + shift).clamp(45.0, 125.0);
    }
}
