//! The performance-management chart: fitness (chronic training load, a 42-day exponentially
//! weighted average of daily load), fatigue (acute, 7 days) and form (fitness − fatigue of the
//! day before, so today's training does not change today's form).

use chrono::NaiveDate;

/// Fitness time constant, days.
pub const FITNESS_DAYS: f64 = 42.0;
/// Fatigue time constant, days.
pub const FATIGUE_DAYS: f64 = 7.0;

/// One day of the chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitnessDay {
    pub date: NaiveDate,
    /// The day's total load.
    pub load: f64,
    pub fitness: f64,
    pub fatigue: f64,
    pub form: f64,
}

/// Every day from `from` to `to` inclusive. `daily_loads` are `(date, load)`, any order,
/// possibly several per date (they add up), possibly starting long before `from` (the history
/// before `from` builds the starting fitness). Both averages start at 0 on the earliest date
/// given (or `from`, if earlier) and step once per day:
/// `fitness_d = fitness_{d−1} + (load_d − fitness_{d−1}) / 42`, likewise fatigue with 7;
/// `form_d = fitness_{d−1} − fatigue_{d−1}`. Values unrounded.
pub fn fitness(
    daily_loads: &[(NaiveDate, f64)],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<FitnessDay> {
    let _ = (daily_loads, from, to);
    todo!()
}
