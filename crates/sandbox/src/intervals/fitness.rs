//! Fitness (CTL), fatigue (ATL) and ramp rate by day, from the training load of an athlete's
//! activities: exponentially weighted averages over 42 and 7 days, as the platform's fitness
//! chart computes them.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use super::query::round;
use crate::data::Dataset;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Day {
    /// The day's training load.
    pub load: f64,
    pub ctl: f64,
    pub atl: f64,
    /// CTL now minus CTL a week ago.
    pub ramp: f64,
}

/// Every day from the athlete's first activity until `until`, rounded to two places.
pub(crate) fn series(
    data: &Dataset,
    athlete_id: &str,
    until: NaiveDate,
) -> BTreeMap<NaiveDate, Day> {
    let mut loads: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    for a in data
        .activities
        .iter()
        .filter(|a| a.athlete_id == athlete_id && a.local_date <= until)
    {
        *loads.entry(a.local_date).or_default() += f64::from(a.load.unwrap_or(0));
    }
    let mut out = BTreeMap::new();
    let Some(first) = loads.keys().next().copied() else {
        return out;
    };
    let (mut ctl, mut atl) = (0.0_f64, 0.0_f64);
    let mut history: Vec<f64> = Vec::new();
    let mut day = first;
    while day <= until {
        let load = loads.get(&day).copied().unwrap_or(0.0);
        ctl += (load - ctl) / 42.0;
        atl += (load - atl) / 7.0;
        let week_ago = history.len().checked_sub(7).map_or(0.0, |i| history[i]);
        history.push(ctl);
        out.insert(
            day,
            Day {
                load,
                ctl: round(ctl, 2),
                atl: round(atl, 2),
                ramp: round(ctl - week_ago, 2),
            },
        );
        day += Duration::days(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DatasetSize;

    #[test]
    fn fitness_rises_with_training_and_fatigue_reacts_faster() {
        let anchor = NaiveDate::from_ymd_opt(2025, 4, 10).unwrap();
        let data = Dataset::generate(42, anchor, DatasetSize::Demo);
        let owner = data.owner().id.clone();
        let days = series(&data, &owner, anchor);
        let first = *days.keys().next().unwrap();
        assert_eq!(
            first,
            data.activities.iter().map(|a| a.local_date).min().unwrap()
        );
        assert_eq!(*days.keys().last().unwrap(), anchor);
        let last = days[&anchor];
        assert!(last.ctl > 10.0, "{last:?}");
        let total: f64 = days.values().map(|d| d.load).sum();
        let expected: u32 = data.activities.iter().filter_map(|a| a.load).sum();
        assert!((total - f64::from(expected)).abs() < 1e-6);
        // After a day off fatigue falls faster than fitness.
        let rest = days.iter().find(|(d, day)| {
            day.load == 0.0
                && days
                    .get(&(**d - Duration::days(1)))
                    .is_some_and(|p| p.load > 0.0)
        });
        let (date, day) = rest.unwrap();
        let before = days[&(*date - Duration::days(1))];
        assert!(before.atl - day.atl > before.ctl - day.ctl);
        assert!(series(&data, "nobody", anchor).is_empty());
    }
}
