//! A numeric plotters axis whose ticks are chosen by [`crate::ticks`], linear or logarithmic.
//! (Plotters' own `with_key_points` loses the f64 label formatter, so the mesh could not draw.)

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

/// `low..high` with ticks at `ticks`; on a log axis, positions go by the logarithm.
#[derive(Debug, Clone)]
pub(crate) struct TickAxis {
    low: f64,
    high: f64,
    ticks: Vec<f64>,
    log: bool,
}

impl TickAxis {
    pub(crate) fn linear(low: f64, high: f64, ticks: Vec<f64>) -> TickAxis {
        TickAxis {
            low,
            high,
            ticks,
            log: false,
        }
    }

    /// A logarithmic axis; `low` must be above zero.
    pub(crate) fn log(low: f64, high: f64, ticks: Vec<f64>) -> TickAxis {
        TickAxis {
            low,
            high,
            ticks,
            log: true,
        }
    }

    fn scaled(&self, value: f64) -> f64 {
        if self.log {
            value.max(f64::MIN_POSITIVE).ln()
        } else {
            value
        }
    }
}

impl Ranged for TickAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    /// Same rounding as plotters' own f64 axis.
    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let (low, high) = (self.scaled(self.low), self.scaled(self.high));
        let share = (self.scaled(*value) - low) / (high - low);
        let length = limit.1 - limit.0;
        if length == 0 || !share.is_finite() {
            return limit.1;
        }
        if length > 0 {
            limit.0 + (f64::from(length) * share + 1e-3).floor() as i32
        } else {
            limit.0 + (f64::from(length) * share - 1e-3).ceil() as i32
        }
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.low..self.high
    }
}
