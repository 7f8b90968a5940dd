//! Stops: the seconds between moving and elapsed time, as traffic lights, a café on a long ride,
//! a break at the top of a hike. Placed in moving time, away from hard intervals. A [`Clock`]
//! walks elapsed time through them; a [`Track`] records, second by second, where a ride, run or
//! hike is along its route.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::route::{Cursor, Route};

/// After `at` seconds of moving, `len` seconds standing still.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stop {
    pub at: u32,
    pub len: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Road,
    Trainer,
    Run,
    Hike,
}

/// Splits `pause` seconds into stops within `moving` seconds of motion, none inside the `hard`
/// ranges of moving time if it can be helped. The lengths add up to `pause` exactly.
pub(super) fn schedule(
    rng: &mut ChaCha8Rng,
    moving: u32,
    pause: u32,
    style: Style,
    hard: &[(u32, u32)],
) -> Vec<Stop> {
    let mut stops: Vec<Stop> = Vec::new();
    if pause == 0 {
        return stops;
    }
    if moving < 120 {
        return vec![Stop {
            at: moving / 2,
            len: pause,
        }];
    }
    let mut left = pause;
    // One long stop: a café halfway round a long ride, lunch at the top of a hike.
    let long = match style {
        Style::Road if moving >= 7200 && pause >= 900 => {
            Some(((pause as f64 * 0.7) as u32).min(rng.random_range(600..=1500)))
        }
        Style::Hike if pause >= 600 => Some((pause as f64 * rng.random_range(0.35..0.6)) as u32),
        _ => None,
    };
    if let Some(len) = long {
        let around = match style {
            Style::Hike => rng.random_range(0.46..0.54),
            _ => rng.random_range(0.4..0.65),
        };
        let at = place(rng, moving, hard, &stops, |_| {
            (moving as f64 * around) as u32
        });
        stops.push(Stop { at, len });
        left -= len;
    }
    let (low, high) = match style {
        Style::Road => (10, 90),
        Style::Trainer => (15, 90),
        Style::Run => (8, 45),
        Style::Hike => (20, 240),
    };
    let edge = (moving as f64 * 0.15) as u32;
    while left > 0 {
        let mut len = rng.random_range(low..=high).min(left);
        if left - len < low / 2 {
            len = left;
        }
        let urban = matches!(style, Style::Road | Style::Run) && rng.random_bool(0.5);
        let at = place(rng, moving, hard, &stops, |rng| {
            if urban && edge > 40 {
                if rng.random_bool(0.5) {
                    rng.random_range(30..edge)
                } else {
                    rng.random_range(moving - edge..moving - 30)
                }
            } else {
                rng.random_range(30..moving - 30)
            }
        });
        stops.push(Stop { at, len });
        left -= len;
    }
    stops.sort_by_key(|s| s.at);
    // Two stops at the same second are one stop.
    stops.dedup_by(|next, kept| {
        let same = next.at == kept.at;
        if same {
            kept.len += next.len;
        }
        same
    });
    stops
}

/// Draws a position from `draw` until one is clear of hard efforts and other stops (or gives up
/// after a few tries and takes the last).
fn place(
    rng: &mut ChaCha8Rng,
    moving: u32,
    hard: &[(u32, u32)],
    stops: &[Stop],
    mut draw: impl FnMut(&mut ChaCha8Rng) -> u32,
) -> u32 {
    let mut at = draw(rng);
    for _ in 0..24 {
        let in_hard = hard
            .iter()
            .any(|&(from, to)| at + 20 >= from && at <= to + 10);
        let crowded = stops.iter().any(|s| s.at.abs_diff(at) < 45);
        if !in_hard && !crowded {
            break;
        }
        at = draw(rng);
    }
    at.min(moving)
}

/// Walks elapsed time second by second through the stops.
#[derive(Debug, Clone)]
pub(super) struct Clock<'a> {
    stops: &'a [Stop],
    next: usize,
    moved: u32,
    standing: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tick {
    /// The `j`th second of motion; the next stop begins after `to_stop` more seconds of motion
    /// (1: this is the last moving second before it).
    Moving {
        j: usize,
        to_stop: u32,
    },
    Stopped,
}

impl<'a> Clock<'a> {
    pub fn new(stops: &'a [Stop]) -> Clock<'a> {
        Clock {
            stops,
            next: 0,
            moved: 0,
            standing: 0,
        }
    }

    pub fn tick(&mut self) -> Tick {
        if self.standing > 0 {
            self.standing -= 1;
            return Tick::Stopped;
        }
        if let Some(stop) = self.stops.get(self.next)
            && stop.at <= self.moved
        {
            self.next += 1;
            if stop.len > 0 {
                self.standing = stop.len - 1;
                return Tick::Stopped;
            }
        }
        let to_stop = self
            .stops
            .get(self.next)
            .map_or(u32::MAX, |s| s.at.saturating_sub(self.moved));
        self.moved += 1;
        Tick::Moving {
            j: self.moved as usize - 1,
            to_stop,
        }
    }
}

/// The columns a ride, run or hike writes each second of elapsed time.
#[derive(Debug)]
pub(super) struct Track {
    pub moving: Vec<bool>,
    pub velocity: Vec<f64>,
    pub distance: Vec<f64>,
    pub altitude: Vec<f64>,
    pub grade: Vec<f64>,
}

impl Track {
    pub fn with_capacity(n: usize) -> Track {
        Track {
            moving: Vec::with_capacity(n),
            velocity: Vec::with_capacity(n),
            distance: Vec::with_capacity(n),
            altitude: Vec::with_capacity(n),
            grade: Vec::with_capacity(n),
        }
    }

    pub fn clear(&mut self) {
        self.moving.clear();
        self.velocity.clear();
        self.distance.clear();
        self.altitude.clear();
        self.grade.clear();
    }

    /// Starts the next second: ticks `clock` (a stop halts at once, setting `v` to 0) and
    /// records whether the second moves, the distance `x` and speed `v`, and the route's
    /// altitude and grade at `x` (flat without a route). Returns the tick and the grade.
    pub fn second(
        &mut self,
        clock: &mut Clock<'_>,
        route: Option<&Route>,
        cur: &mut Cursor,
        x: f64,
        v: &mut f64,
    ) -> (Tick, f64) {
        let tick = clock.tick();
        if tick == Tick::Stopped {
            *v = 0.0;
        }
        let (h, grade) = route.map_or((0.0, 0.0), |r| r.terrain(x, cur));
        self.moving.push(tick != Tick::Stopped);
        self.distance.push(x);
        self.velocity.push(*v);
        self.altitude.push(h);
        self.grade.push(grade);
        (tick, grade)
    }
}
