//! Where an outdoor activity goes: a polyline from home (a wobbly loop, several loops for a long
//! ride, or an out-and-back) and a smooth altitude profile along it, both looked up by the
//! distance covered. Past the route's end it starts over (another lap).

use std::f64::consts::{PI, TAU};

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::Wander;

const EARTH_RADIUS_M: f64 = 6_371_000.0;
/// The longest single loop; a longer ride is several loops from home.
const MAX_LOOP_M: f64 = 90_000.0;
/// Out-and-backs only up to this length, so that nothing strays far from home.
pub(super) const MAX_OUT_AND_BACK_M: f64 = 80_000.0;
/// The steepest grade the physics sees.
const MAX_GRADE: f64 = 0.35;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    Loop,
    OutAndBack,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Spec {
    /// Metres.
    pub length: f64,
    /// Total ascent over the route, metres.
    pub climb: f64,
    pub layout: Layout,
    /// Range of the length of one climb or descent, metres.
    pub hill: (f64, f64),
    /// Chance that a stretch of an out-and-back's way out goes uphill.
    pub uphill: f64,
}

#[derive(Debug, Clone)]
pub(super) struct Route {
    home: (f64, f64),
    /// Vertices in metres east and north of home, and the distance along the route at each.
    east: Vec<f64>,
    north: Vec<f64>,
    at: Vec<f64>,
    length: f64,
    /// Altitude knots (monotone cubic between them, so ascent is exactly the rises of `h`).
    x: Vec<f64>,
    h: Vec<f64>,
    slope: Vec<f64>,
}

/// Where the last lookup was, so that lookups at increasing distances cost O(1).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Cursor {
    vertex: usize,
    knot: usize,
}

impl Route {
    pub fn build(rng: &mut ChaCha8Rng, spec: Spec, home: (f64, f64)) -> Route {
        let length = spec.length.max(200.0);
        let mut route = Route {
            home,
            east: vec![0.0],
            north: vec![0.0],
            at: vec![0.0],
            length,
            x: vec![0.0],
            h: vec![rng.random_range(640.0..690.0)],
            slope: Vec::new(),
        };
        let heading = rng.random_range(0.0..TAU);
        let mut rises: Vec<(f64, f64)> = Vec::new();
        match spec.layout {
            Layout::OutAndBack => {
                let out = route.path_out(rng, length / 2.0, heading);
                route.extend(&out);
                let back: Vec<(f64, f64)> = out.iter().rev().skip(1).copied().collect();
                route.extend(&back);
                let way_out = hills(rng, length / 2.0, &spec, false);
                rises.extend(&way_out);
                rises.extend(way_out.iter().rev().map(|&(len, dh)| (len, -dh)));
            }
            Layout::Loop => {
                let loops = (length / MAX_LOOP_M).ceil().max(1.0) as usize;
                for i in 0..loops {
                    let towards =
                        heading + TAU * i as f64 / loops as f64 + rng.random_range(-0.3..0.3);
                    let petal = petal(rng, length / loops as f64, towards);
                    route.extend(&petal);
                    rises.extend(hills(rng, length / loops as f64, &spec, true));
                }
            }
        }
        route.fit(length);
        route.profile(&rises, spec.climb);
        route
    }

    /// The way out of an out-and-back: 100 m steps on a heading that wanders but keeps going,
    /// with one slow S-bend so that no road out is a ruler line.
    fn path_out(&self, rng: &mut ChaCha8Rng, half: f64, heading: f64) -> Vec<(f64, f64)> {
        let steps = (half / 100.0).ceil().max(2.0) as usize;
        let mut turn = Wander::new(rng, 0.5, (steps as f64 / 6.0).clamp(4.0, 15.0));
        let (mut e, mut n) = (0.0, 0.0);
        let mut out = vec![(0.0, 0.0)];
        for i in 0..steps {
            let bend = 0.5 * (std::f64::consts::TAU * i as f64 / steps as f64).sin();
            let dir = heading + bend + turn.next(rng) + 0.2 * super::gauss(rng);
            e += 100.0 * dir.cos();
            n += 100.0 * dir.sin();
            out.push((e, n));
        }
        out
    }

    fn extend(&mut self, points: &[(f64, f64)]) {
        for &(e, n) in points {
            let (pe, pn) = (
                self.east[self.east.len() - 1],
                self.north[self.north.len() - 1],
            );
            let step = (e - pe).hypot(n - pn);
            if step > 1e-6 {
                self.east.push(e);
                self.north.push(n);
                self.at.push(self.at[self.at.len() - 1] + step);
            }
        }
    }

    /// Scales the polyline about home so that it is exactly `length` long.
    fn fit(&mut self, length: f64) {
        let total = self.at[self.at.len() - 1];
        if total <= 0.0 {
            self.east.push(length);
            self.north.push(0.0);
            self.at.push(length);
            return;
        }
        let k = length / total;
        for v in self
            .east
            .iter_mut()
            .chain(self.north.iter_mut())
            .chain(self.at.iter_mut())
        {
            *v *= k;
        }
        self.length = length;
    }

    /// Lays the rises and falls (relative sizes) along the route, scaled to `climb` in all.
    fn profile(&mut self, rises: &[(f64, f64)], climb: f64) {
        let raw: f64 = rises.iter().map(|&(_, dh)| dh.max(0.0)).sum();
        let k = if raw > 0.0 { climb.max(0.0) / raw } else { 0.0 };
        let span: f64 = rises.iter().map(|&(len, _)| len).sum();
        let stretch = self.length / span.max(1.0);
        for &(len, dh) in rises {
            let x = self.x[self.x.len() - 1] + len * stretch;
            let h = self.h[self.h.len() - 1] + dh * k;
            self.x.push(x);
            self.h.push(h);
        }
        if let Some(last) = self.x.last_mut() {
            *last = self.length;
        }
        if self.x.len() < 2 {
            self.x.push(self.length);
            self.h.push(self.h[0]);
        }
        let low = self.h.iter().copied().fold(f64::INFINITY, f64::min);
        if low < 20.0 {
            self.h.iter_mut().for_each(|h| *h += 20.0 - low);
        }
        self.slope = monotone_slopes(&self.x, &self.h);
    }

    /// Altitude (m) and grade (rise over run) at `x` metres along the route.
    pub fn terrain(&self, x: f64, cur: &mut Cursor) -> (f64, f64) {
        let x = self.wrap(x);
        let k = locate(&self.x, x, &mut cur.knot);
        let dx = self.x[k + 1] - self.x[k];
        if dx <= 0.0 {
            return (self.h[k], 0.0);
        }
        let t = ((x - self.x[k]) / dx).clamp(0.0, 1.0);
        let (h0, h1, m0, m1) = (self.h[k], self.h[k + 1], self.slope[k], self.slope[k + 1]);
        let (t2, t3) = (t * t, t * t * t);
        let h = (2.0 * t3 - 3.0 * t2 + 1.0) * h0
            + (t3 - 2.0 * t2 + t) * dx * m0
            + (-2.0 * t3 + 3.0 * t2) * h1
            + (t3 - t2) * dx * m1;
        let g = (6.0 * t2 - 6.0 * t) * (h0 - h1) / dx
            + (3.0 * t2 - 4.0 * t + 1.0) * m0
            + (3.0 * t2 - 2.0 * t) * m1;
        (h, g.clamp(-MAX_GRADE, MAX_GRADE))
    }

    /// Distance along the route after whole laps (no call into libm's `fmod`).
    fn wrap(&self, x: f64) -> f64 {
        if (0.0..self.length).contains(&x) {
            x
        } else {
            let laps = (x / self.length) as i64 as f64;
            (x - laps * self.length).clamp(0.0, self.length)
        }
    }

    pub fn grade(&self, x: f64, cur: &mut Cursor) -> f64 {
        self.terrain(x, cur).1
    }

    /// Metres east and north of home at `x` metres along the route.
    pub fn point(&self, x: f64, cur: &mut Cursor) -> (f64, f64) {
        let x = self.wrap(x);
        let k = locate(&self.at, x, &mut cur.vertex);
        let span = self.at[k + 1] - self.at[k];
        let t = if span > 0.0 {
            ((x - self.at[k]) / span).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (
            self.east[k] + t * (self.east[k + 1] - self.east[k]),
            self.north[k] + t * (self.north[k + 1] - self.north[k]),
        )
    }

    /// The GPS column for a distance column: the route plus a slowly wandering error of a metre
    /// or two, and now and then a tunnel with no fix.
    pub fn track(
        &self,
        rng: &mut ChaCha8Rng,
        distance: &[f64],
        moving: &[bool],
    ) -> Vec<Option<(f64, f64)>> {
        let n = distance.len();
        let (lat0, lng0) = self.home;
        let per_m_lat = 180.0 / PI / EARTH_RADIUS_M;
        let per_m_lng = per_m_lat / lat0.to_radians().cos();
        let mut cur = Cursor::default();
        let mut err_e = Wander::new(rng, 1.2, 60.0);
        let mut err_n = Wander::new(rng, 1.2, 60.0);
        let (mut de, mut dn) = (err_e.value, err_n.value);
        let mut track: Vec<Option<(f64, f64)>> = distance
            .iter()
            .zip(moving)
            .map(|(&x, &on)| {
                if on {
                    de = err_e.next(rng);
                    dn = err_n.next(rng);
                }
                let (e, north) = self.point(x, &mut cur);
                Some((lat0 + (north + dn) * per_m_lat, lng0 + (e + de) * per_m_lng))
            })
            .collect();
        if n > 1800 && rng.random_bool(0.3) {
            let len = rng.random_range(8..=40).min(n / 100);
            let start = rng.random_range(n / 10..n - n / 10 - len);
            track[start..start + len].fill(None);
        }
        track
    }
}

/// Index `k` with `xs[k] <= x < xs[k + 1]` (the last segment past the end), walking on from
/// `hint` when it can.
fn locate(xs: &[f64], x: f64, hint: &mut usize) -> usize {
    let last = xs.len() - 2;
    if *hint > last || xs[*hint] > x {
        *hint = xs.partition_point(|&v| v <= x).saturating_sub(1).min(last);
    }
    while *hint < last && xs[*hint + 1] <= x {
        *hint += 1;
    }
    *hint
}

/// Fritsch–Carlson slopes: the cubic between two knots never overshoots them.
fn monotone_slopes(x: &[f64], h: &[f64]) -> Vec<f64> {
    let n = x.len();
    let secant: Vec<f64> = (0..n - 1)
        .map(|k| (h[k + 1] - h[k]) / (x[k + 1] - x[k]).max(1e-9))
        .collect();
    let mut slope = vec![0.0; n];
    for k in 1..n - 1 {
        let (a, b) = (secant[k - 1], secant[k]);
        if a * b > 0.0 {
            let (d0, d1) = (x[k] - x[k - 1], x[k + 1] - x[k]);
            let (w0, w1) = (2.0 * d1 + d0, d1 + 2.0 * d0);
            slope[k] = (w0 + w1) / (w0 / a + w1 / b);
        }
    }
    slope
}

/// One loop from home and back in roughly the direction `towards`: an ellipse with a few
/// harmonics and road wiggles, `length` metres long.
fn petal(rng: &mut ChaCha8Rng, length: f64, towards: f64) -> Vec<(f64, f64)> {
    let vertices = ((length / 120.0).ceil() as usize).max(24);
    // Loops are longer one way than the other.
    let stretch = if rng.random_bool(0.5) {
        rng.random_range(0.5..0.8)
    } else {
        rng.random_range(1.25..2.0)
    };
    let sense = if rng.random_bool(0.5) { 1.0 } else { -1.0 };
    let mut bends: Vec<(f64, f64, f64)> = (2..=4)
        .map(|k| {
            let k = f64::from(k);
            (
                k,
                rng.random_range(0.03..0.22) / k,
                rng.random_range(0.0..TAU),
            )
        })
        .collect();
    for _ in 0..4 {
        let k = f64::from(rng.random_range(6..=18));
        bends.push((
            k,
            rng.random_range(0.004..0.015),
            rng.random_range(0.0..TAU),
        ));
    }
    let (sin_r, cos_r) = (towards - PI).sin_cos();
    let mut wobble = Wander::new(rng, 0.004, 4.0);
    let raw: Vec<(f64, f64)> = (0..=vertices)
        .map(|i| {
            let th = TAU * i as f64 / vertices as f64;
            let taper = (PI * i as f64 / vertices as f64).sin();
            let rho = 1.0
                + bends
                    .iter()
                    .map(|&(k, amp, ph)| amp * ((k * th + ph).sin() - ph.sin()))
                    .sum::<f64>()
                + taper * wobble.next(rng);
            let (x, y) = (stretch * (rho * th.cos() - 1.0), sense * rho * th.sin());
            (x * cos_r - y * sin_r, x * sin_r + y * cos_r)
        })
        .collect();
    let total: f64 = raw
        .windows(2)
        .map(|p| (p[1].0 - p[0].0).hypot(p[1].1 - p[0].1))
        .sum();
    let k = length / total.max(1e-9);
    raw.into_iter().map(|(x, y)| (x * k, y * k)).collect()
}

/// Rises and falls along `length` metres, as (length, relative rise): alternating climbs and
/// descents of the spec's size; a loop ends where it began.
fn hills(rng: &mut ChaCha8Rng, length: f64, spec: &Spec, closed: bool) -> Vec<(f64, f64)> {
    let (low, high) = spec.hill;
    let mut out: Vec<(f64, f64)> = Vec::new();
    let mut done = 0.0;
    let mut up = rng.random_bool(if closed { 0.5 } else { spec.uphill });
    while done < length {
        let mut len = rng.random_range(low..=high).min(length - done);
        if length - done - len < low / 2.0 {
            len = length - done;
        }
        let size = rng.random_range(0.6..1.0) * len;
        out.push((len, if up { size } else { -size }));
        done += len;
        up = if closed {
            if rng.random_bool(0.75) { !up } else { up }
        } else {
            rng.random_bool(spec.uphill)
        };
    }
    if closed {
        let net: f64 = out.iter().map(|&(_, dh)| dh).sum();
        for (len, dh) in &mut out {
            *dh -= net * *len / length;
        }
    }
    out
}
