//! The performance-management chart: fitness (chronic training load, a 42-day exponentially
//! weighted average of daily load), fatigue (acute, 7 days) and form (fitness − fatigue of the
//! day before, so today's training does not change today's form).

use chrono::NaiveDate;
use std::collections::BTreeMap;

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
///
/// Days without a load count as 0; loads after `to` and loads that are not finite numbers are
/// ignored; `from` after `to` gives no days.
pub fn fitness(
    daily_loads: &[(NaiveDate, f64)],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<FitnessDay> {
    if from > to {
        return Vec::new();
    }
    let mut load_by_date: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    for &(date, load) in daily_loads {
        if date <= to && load.is_finite() {
            *load_by_date.entry(date).or_default() += load;
        }
    }
    let start = load_by_date
        .keys()
        .next()
        .map_or(from, |earliest| (*earliest).min(from));

    let (mut fitness, mut fatigue) = (0.0, 0.0);
    let mut days = Vec::new();
    for date in start.iter_days().take_while(|d| *d <= to) {
        let load = load_by_date.get(&date).copied().unwrap_or(0.0);
        let form = fitness - fatigue;
        fitness += (load - fitness) / FITNESS_DAYS;
        fatigue += (load - fatigue) / FATIGUE_DAYS;
        if date >= from {
            days.push(FitnessDay {
                date,
                load,
                fitness,
                fatigue,
                form,
            });
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 0.0005,
            "{actual} is not {expected}"
        );
    }

    #[test]
    fn one_load_then_rest_decays_by_hand() {
        let days = fitness(
            &[(date("2026-11-01"), 100.0)],
            date("2026-11-01"),
            date("2026-11-03"),
        );
        assert_eq!(days.len(), 3);
        assert_eq!(days[0].date, date("2026-11-01"));
        assert_eq!(days[0].load, 100.0);
        close(days[0].fitness, 2.381); // 100 / 42
        close(days[0].fatigue, 14.286); // 100 / 7
        close(days[0].form, 0.0);
        // Day 2, no load: both decay; form is day 1's fitness − fatigue.
        assert_eq!(days[1].load, 0.0);
        close(days[1].fitness, 2.324); // 2.381 × 41/42
        close(days[1].fatigue, 12.245); // 14.286 × 6/7
        close(days[1].form, -11.905);
        // Day 3: form is day 2's.
        close(days[2].form, 2.324 - 12.245);
        close(days[2].fitness, 100.0 / 42.0 * (41.0_f64 / 42.0).powi(2));
    }

    #[test]
    fn several_loads_on_one_date_add_up() {
        let day = date("2026-11-01");
        let split = fitness(&[(day, 60.0), (day, 40.0)], day, day);
        let whole = fitness(&[(day, 100.0)], day, day);
        assert_eq!(split[0].load, 100.0);
        assert_eq!(split, whole);
    }

    #[test]
    fn history_before_from_builds_the_start() {
        // 70 a day for 14 days before the 15th, then rest; the chart starts on the 15th.
        let history: Vec<(NaiveDate, f64)> = date("2026-11-01")
            .iter_days()
            .take(14)
            .map(|d| (d, 70.0))
            .collect();
        let days = fitness(&history, date("2026-11-15"), date("2026-11-16"));
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].date, date("2026-11-15"));
        assert_eq!(days[0].load, 0.0);
        // After n days of a constant load L from zero: L × (1 − (1 − 1/k)^n).
        let fitness_14 = 70.0 * (1.0 - (41.0_f64 / 42.0).powi(14));
        let fatigue_14 = 70.0 * (1.0 - (6.0_f64 / 7.0).powi(14));
        close(days[0].form, fitness_14 - fatigue_14);
        close(days[0].fitness, fitness_14 * 41.0 / 42.0);
        close(days[0].fatigue, fatigue_14 * 6.0 / 7.0);
    }

    #[test]
    fn loads_given_out_of_order_and_after_to_are_handled() {
        let loads = [
            (date("2026-11-03"), 50.0),
            (date("2026-11-01"), 100.0),
            (date("2026-11-09"), 500.0),
        ];
        let days = fitness(&loads, date("2026-11-02"), date("2026-11-03"));
        assert_eq!(days.len(), 2);
        close(days[0].fitness, 100.0 / 42.0 * 41.0 / 42.0);
        let expected = 100.0 / 42.0 * (41.0_f64 / 42.0).powi(2) + 50.0 / 42.0;
        close(days[1].fitness, expected);
    }

    #[test]
    fn from_after_to_gives_no_days() {
        assert!(fitness(&[], date("2026-11-02"), date("2026-11-01")).is_empty());
        assert_eq!(
            fitness(&[], date("2026-11-01"), date("2026-11-01")).len(),
            1
        );
    }
}
