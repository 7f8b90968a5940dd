//! Where axes put their ticks: round numbers (1-2-5 steps), round durations, the power curve's
//! familiar durations, and calendar dates (days, Mondays, month starts, years).

use chrono::{Datelike, NaiveDate};

/// Days from 0001-01-01 (chrono's common era day 1) to 1970-01-01.
const EPOCH_FROM_CE: i32 = 719_163;

/// Ticks on round values (1, 2 or 5 × 10ⁿ apart) within `min..=max`, about `target` of them
/// (never more than `target`, at least 2 spans in practice); with the step used.
pub fn nice_ticks(min: f64, max: f64, target: usize) -> (Vec<f64>, f64) {
    let span = (max - min).abs();
    if !span.is_finite() || span == 0.0 {
        return (vec![min], 1.0);
    }
    let rough = span / target.max(1) as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    (multiples(min, max, step), step)
}

/// Ticks on round durations (10 s, 1 min, 5 min, 15 min, 1 h, …) within `min..=max` seconds,
/// at most `target` of them.
pub fn duration_ticks(min: f64, max: f64, target: usize) -> Vec<f64> {
    const STEPS: [f64; 16] = [
        1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0,
        10800.0, 21600.0,
    ];
    let span = max - min;
    let step = STEPS
        .into_iter()
        .find(|s| span / s <= target.max(1) as f64)
        .unwrap_or_else(|| (span / target.max(1) as f64 / 86400.0).ceil() * 86400.0);
    multiples(min, max, step)
}

/// The power curve's ticks up to `max` seconds: 1s 5s 15s 1m 5m 20m 1h 2h 4h 8h 16h.
pub fn power_curve_ticks(max: f64) -> Vec<f64> {
    [
        1.0, 5.0, 15.0, 60.0, 300.0, 1200.0, 3600.0, 7200.0, 14400.0, 28800.0, 57600.0,
    ]
    .into_iter()
    .filter(|t| *t <= max * (1.0 + 1e-9))
    .collect()
}

/// How a date tick is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateTickFormat {
    /// `Mar 4`.
    Day,
    /// `Mar`, or `Jan 2025` at a year's start.
    Month,
    /// `2025`.
    Year,
}

/// Days since 1970-01-01 of `date`.
pub fn epoch_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce() - EPOCH_FROM_CE)
}

/// The date `day` days after 1970-01-01.
pub fn date_of_epoch_day(day: i64) -> Option<NaiveDate> {
    let ce = i32::try_from(day).ok()?.checked_add(EPOCH_FROM_CE)?;
    NaiveDate::from_num_days_from_ce_opt(ce)
}

/// Date ticks (as epoch days) between `first` and `last` inclusive, at most `target` of them:
/// every day, every Monday, every other Monday, month starts every 1/2/3/6 months, or years.
pub fn date_ticks(first: i64, last: i64, target: usize) -> (Vec<f64>, DateTickFormat) {
    let target = target.max(1) as i64;
    let span = last - first + 1;
    let days = |keep: &dyn Fn(NaiveDate) -> bool| -> Vec<f64> {
        (first..=last)
            .filter(|d| date_of_epoch_day(*d).is_some_and(keep))
            .map(|d| d as f64)
            .collect()
    };
    if span <= target {
        return (days(&|_| true), DateTickFormat::Day);
    }
    for weeks in [1, 2] {
        if span / (7 * weeks) < target {
            let mondays: Vec<f64> = days(&|d| d.weekday() == chrono::Weekday::Mon)
                .into_iter()
                .step_by(weeks as usize)
                .collect();
            return (mondays, DateTickFormat::Day);
        }
    }
    for months in [1u32, 2, 3, 6] {
        if span / (30 * i64::from(months)) < target {
            let starts = days(&|d| d.day() == 1 && (d.month() - 1) % months == 0);
            return (starts, DateTickFormat::Month);
        }
    }
    let years = ((span / 365 + 1) as f64 / target as f64).ceil().max(1.0) as i32;
    let starts = days(&|d| d.ordinal() == 1 && d.year() % years == 0);
    (starts, DateTickFormat::Year)
}

/// The text of a date tick.
pub fn format_date_tick(day: f64, format: DateTickFormat) -> String {
    let Some(date) = date_of_epoch_day(day.round() as i64) else {
        return String::new();
    };
    match format {
        DateTickFormat::Day => date.format("%b %-d").to_string(),
        DateTickFormat::Month if date.month() == 1 => date.format("%b %Y").to_string(),
        DateTickFormat::Month => date.format("%b").to_string(),
        DateTickFormat::Year => date.format("%Y").to_string(),
    }
}

fn multiples(min: f64, max: f64, step: f64) -> Vec<f64> {
    let (low, high) = (min.min(max), min.max(max));
    let first = (low / step - 1e-9).ceil() as i64;
    let last = (high / step + 1e-9).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}
