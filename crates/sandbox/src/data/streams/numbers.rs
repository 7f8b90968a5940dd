//! Small numerical helpers: noise, rounding, normalized power, splitting a whole.

use rand::RngCore;
use rand_chacha::ChaCha8Rng;

/// Roughly normal noise with unit spread, within ±3.5 (Irwin–Hall: the sum of four uniforms,
/// the four 16-bit quarters of one draw).
pub(super) fn gauss(rng: &mut ChaCha8Rng) -> f64 {
    let r = rng.next_u64();
    let sum = (r & 0xFFFF) + (r >> 16 & 0xFFFF) + (r >> 32 & 0xFFFF) + (r >> 48);
    (sum as f64 / 65536.0 - 2.0) * 3f64.sqrt()
}

/// Rounds to `decimals` places (0 to 6) without a call into libm.
pub(super) fn round(x: f64, decimals: usize) -> f64 {
    const SCALE: [f64; 7] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];
    let f = SCALE[decimals.min(6)];
    let y = x * f;
    let r = if y >= 0.0 {
        (y + 0.5) as i64
    } else {
        (y - 0.5) as i64
    };
    r as f64 / f
}

/// A slowly wandering value around 0: a first-order autoregressive process with spread `sd`
/// and a correlation time of `tau` steps.
#[derive(Debug, Clone)]
pub(super) struct Wander {
    pub value: f64,
    keep: f64,
    kick: f64,
}

impl Wander {
    pub fn new(rng: &mut ChaCha8Rng, sd: f64, tau: f64) -> Wander {
        let keep = (-1.0 / tau).exp();
        Wander {
            value: sd * gauss(rng),
            keep,
            kick: sd * (1.0 - keep * keep).sqrt(),
        }
    }

    pub fn next(&mut self, rng: &mut ChaCha8Rng) -> f64 {
        self.value = self.value * self.keep + self.kick * gauss(rng);
        self.value
    }
}

/// Normalized power as it is usually computed: the fourth-power mean of the 30-sample rolling
/// average, fourth root. `window` may be shorter for coarser samples.
#[derive(Debug, Clone)]
pub(super) struct Normalized {
    ring: [f64; 30],
    window: usize,
    pos: usize,
    seen: usize,
    sum: f64,
    fourth: f64,
    count: usize,
    plain: f64,
}

impl Normalized {
    pub fn new(window: usize) -> Normalized {
        Normalized {
            ring: [0.0; 30],
            window: window.clamp(1, 30),
            pos: 0,
            seen: 0,
            sum: 0.0,
            fourth: 0.0,
            count: 0,
            plain: 0.0,
        }
    }

    pub fn push(&mut self, p: f64) {
        self.sum += p - self.ring[self.pos];
        self.ring[self.pos] = p;
        self.pos = (self.pos + 1) % self.window;
        self.seen += 1;
        self.plain += p;
        if self.seen >= self.window {
            self.fourth += (self.sum / self.window as f64).powi(4);
            self.count += 1;
        }
    }

    pub fn value(&self) -> f64 {
        if self.count == 0 {
            self.plain / self.seen.max(1) as f64
        } else {
            (self.fourth / self.count as f64).powf(0.25)
        }
    }
}

/// Splits `total` into integer parts proportional to `weights` (cumulative rounding, so the
/// parts add up to `total` exactly).
pub(super) fn apportion(total: u32, weights: &[f64]) -> Vec<u32> {
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 {
        let mut parts = vec![0; weights.len()];
        if let Some(last) = parts.last_mut() {
            *last = total;
        }
        return parts;
    }
    let mut acc = 0.0;
    let mut given = 0u32;
    weights
        .iter()
        .map(|w| {
            acc += w;
            let upto = ((acc / sum) * f64::from(total)).round() as u32;
            let part = upto.min(total) - given.min(upto.min(total));
            given += part;
            part
        })
        .collect()
}
