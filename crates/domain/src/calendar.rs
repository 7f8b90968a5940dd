//! How a month is laid out on screen (whole weeks, Monday first), the calendar week, and what
//! became of a plan.

use crate::training::{Activity, Workout};
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::str::FromStr;

mod week;

pub use week::{BadWeek, Week};

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    first: NaiveDate,
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| Month { first })
    }

    pub fn containing(date: NaiveDate) -> Month {
        Month {
            first: date.with_day(1).expect("day 1 exists in every month"),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    pub fn last_day(self) -> NaiveDate {
        self.next()
            .first
            .pred_opt()
            .expect("a month has a day before the next one")
    }

    pub fn next(self) -> Month {
        let (y, m) = if self.first.month() == 12 {
            (self.first.year() + 1, 1)
        } else {
            (self.first.year(), self.first.month() + 1)
        };
        Month::new(y, m).expect("the month after a valid month is valid")
    }

    pub fn previous(self) -> Month {
        let (y, m) = if self.first.month() == 1 {
            (self.first.year() - 1, 12)
        } else {
            (self.first.year(), self.first.month() - 1)
        };
        Month::new(y, m).expect("the month before a valid month is valid")
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Month::containing(date) == self
    }

    /// The whole weeks (Monday to Sunday) that show this month.
    pub fn grid(self) -> CalendarGrid {
        let lead = self.first.weekday().num_days_from_monday() as u64;
        let start = self.first - Days::new(lead);
        let last = self.last_day();
        let trail = 6 - last.weekday().num_days_from_monday() as u64;
        let end = last + Days::new(trail);
        CalendarGrid {
            month: self,
            start,
            end,
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.first.year(), self.first.month())
    }
}

/// Why a `YYYY-MM` string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadMonth(pub String);

impl fmt::Display for BadMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "“{}” is not a month; write it as YYYY-MM, for example 2026-11",
            self.0
        )
    }
}

impl std::error::Error for BadMonth {}

impl FromStr for Month {
    type Err = BadMonth;

    fn from_str(s: &str) -> Result<Month, BadMonth> {
        let bad = || BadMonth(s.to_owned());
        let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        Month::new(year, month).ok_or_else(bad)
    }
}

impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The days shown for a month: from the Monday on or before the 1st to the Sunday on or after the
/// last day, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarGrid {
    pub month: Month,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl CalendarGrid {
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.start.iter_days().take_while(|d| *d <= self.end)
    }
}

/// What became of a planned workout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// An activity fulfils it.
    Done,
    /// Its day has passed and nothing fulfils it.
    Missed,
    /// Today or later, not yet done.
    Upcoming,
}

/// The status of a workout planned on `date`, seen on `today`.
pub fn plan_status(date: NaiveDate, fulfilled: bool, today: NaiveDate) -> PlanStatus {
    if fulfilled {
        PlanStatus::Done
    } else if date < today {
        PlanStatus::Missed
    } else {
        PlanStatus::Upcoming
    }
}

/// One thing on a calendar day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CalendarEntry<'a> {
    Planned(&'a Workout, PlanStatus),
    Completed(&'a Activity),
}

/// Every day of `grid` with its entries: planned workouts first (with what became of them, seen
/// on `today`), then completed activities, each in the order given.
pub fn entries_by_day<'a>(
    grid: CalendarGrid,
    today: NaiveDate,
    workouts: &'a [Workout],
    activities: &'a [Activity],
) -> Vec<(NaiveDate, Vec<CalendarEntry<'a>>)> {
    let fulfilled: HashSet<&str> = activities
        .iter()
        .filter_map(|a| a.planned_workout_id.as_deref())
        .collect();
    let mut by_day: BTreeMap<NaiveDate, Vec<CalendarEntry<'a>>> = BTreeMap::new();
    for w in workouts {
        let status = plan_status(w.date, fulfilled.contains(w.id.as_str()), today);
        by_day
            .entry(w.date)
            .or_default()
            .push(CalendarEntry::Planned(w, status));
    }
    for a in activities {
        by_day
            .entry(a.local_date)
            .or_default()
            .push(CalendarEntry::Completed(a));
    }
    grid.days()
        .map(|day| (day, by_day.remove(&day).unwrap_or_default()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn grid_covers_whole_weeks_monday_first() {
        // November 2026 starts on a Sunday and ends on a Monday.
        let grid: Month = "2026-11".parse().unwrap();
        let grid = grid.grid();
        assert_eq!(grid.start, date("2026-10-26"));
        assert_eq!(grid.end, date("2026-12-06"));
        assert_eq!(grid.start.weekday(), Weekday::Mon);
        assert_eq!(grid.end.weekday(), Weekday::Sun);
        assert_eq!(grid.days().count(), 42);
    }

    #[test]
    fn a_month_starting_on_monday_has_no_leading_days() {
        let grid = Month::new(2026, 6).unwrap().grid();
        assert_eq!(grid.start, date("2026-06-01"));
        assert_eq!(grid.days().count() % 7, 0);
    }

    #[test]
    fn months_step_across_years() {
        let dec: Month = "2026-12".parse().unwrap();
        assert_eq!(dec.next().to_string(), "2027-01");
        assert_eq!(dec.next().previous(), dec);
        assert_eq!(dec.last_day(), date("2026-12-31"));
        assert_eq!(Month::new(2028, 2).unwrap().last_day(), date("2028-02-29"));
    }

    #[test]
    fn malformed_months_are_refused_with_a_hint() {
        for bad in ["2026-13", "2026-1", "26-11", "november", ""] {
            let err = bad.parse::<Month>().unwrap_err();
            assert!(err.to_string().contains("YYYY-MM"), "{bad}");
        }
    }

    #[test]
    fn plans_are_done_missed_or_upcoming() {
        let today = date("2026-11-23");
        assert_eq!(
            plan_status(date("2026-11-20"), true, today),
            PlanStatus::Done
        );
        assert_eq!(
            plan_status(date("2026-11-20"), false, today),
            PlanStatus::Missed
        );
        assert_eq!(plan_status(today, false, today), PlanStatus::Upcoming);
        assert_eq!(
            plan_status(date("2026-11-30"), true, today),
            PlanStatus::Done
        );
    }
}

#[cfg(test)]
mod entry_tests {
    use super::*;
    use crate::samples::{activity, workout};

    #[test]
    fn entries_fall_on_their_days_with_plans_first() {
        let grid = "2026-11".parse::<Month>().unwrap().grid();
        let today = "2026-11-23".parse().unwrap();
        let workouts = [
            workout("w1", "2026-11-10", "a"),
            workout("w2", "2026-11-12", "b"),
            workout("w3", "2026-11-25", "c"),
        ];
        // An activity done a day late still fulfils its plan.
        let activities = [
            activity("a1", "2026-11-10", None),
            activity("a2", "2026-11-13", Some("w2")),
        ];
        let days = entries_by_day(grid, today, &workouts, &activities);
        assert_eq!(days.len(), 42);
        let on = |d: &str| &days.iter().find(|(day, _)| day.to_string() == d).unwrap().1;
        assert!(matches!(
            on("2026-11-10")[..],
            [
                CalendarEntry::Planned(_, PlanStatus::Missed),
                CalendarEntry::Completed(_)
            ]
        ));
        assert!(matches!(
            on("2026-11-12")[..],
            [CalendarEntry::Planned(_, PlanStatus::Done)]
        ));
        assert!(matches!(
            on("2026-11-25")[..],
            [CalendarEntry::Planned(_, PlanStatus::Upcoming)]
        ));
        assert!(on("2026-11-23").is_empty());
    }
}
