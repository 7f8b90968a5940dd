//! A calendar week, Monday first, written as its Monday `YYYY-MM-DD`.

use chrono::{Datelike, Days, NaiveDate};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Week {
    monday: NaiveDate,
}

impl Week {
    pub fn containing(date: NaiveDate) -> Week {
        let back = date.weekday().num_days_from_monday() as u64;
        Week {
            monday: date - Days::new(back),
        }
    }
    pub fn first_day(self) -> NaiveDate {
        self.monday
    }
    pub fn last_day(self) -> NaiveDate {
        self.monday + Days::new(6)
    }
    pub fn next(self) -> Week {
        Week {
            monday: self.monday + Days::new(7),
        }
    }
    pub fn previous(self) -> Week {
        Week {
            monday: self.monday - Days::new(7),
        }
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.monday)
    }
}
