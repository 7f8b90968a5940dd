//! A calendar week, Monday to Sunday, written as its Monday's date `YYYY-MM-DD`.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A calendar week, Monday first, written as its Monday's date `YYYY-MM-DD`. Any date inside it
/// names it: parsing `2026-11-29` (a Sunday) gives the week written `2026-11-23`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    monday: NaiveDate,
}

impl Week {
    pub fn containing(date: NaiveDate) -> Week {
        let back = u64::from(date.weekday().num_days_from_monday());
        Week {
            monday: date - Days::new(back),
        }
    }

    /// The Monday.
    pub fn first_day(self) -> NaiveDate {
        self.monday
    }

    /// The Sunday.
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

    pub fn contains(self, date: NaiveDate) -> bool {
        Week::containing(date) == self
    }

    /// Monday to Sunday.
    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.monday.iter_days().take(7)
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.monday.format("%Y-%m-%d"))
    }
}

/// Why a `YYYY-MM-DD` string was refused as a week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadWeek(pub String);

impl fmt::Display for BadWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "“{}” is not a week; write any of its days as YYYY-MM-DD, for example 2026-11-23",
            self.0
        )
    }
}

impl std::error::Error for BadWeek {}

impl FromStr for Week {
    type Err = BadWeek;

    fn from_str(s: &str) -> Result<Week, BadWeek> {
        let text = s.trim();
        let well_formed = text.len() == 10
            && text.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !well_formed {
            return Err(BadWeek(s.to_owned()));
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Week::containing)
            .map_err(|_| BadWeek(s.to_owned()))
    }
}

impl Serialize for Week {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Week {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Week, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn monday_and_sunday_share_a_week() {
        let monday = Week::containing(date("2026-11-23"));
        let sunday = Week::containing(date("2026-11-29"));
        assert_eq!(monday, sunday);
        assert_eq!(monday.first_day(), date("2026-11-23"));
        assert_eq!(monday.last_day(), date("2026-11-29"));
        assert_ne!(Week::containing(date("2026-11-30")), monday);
        assert!(monday.contains(date("2026-11-26")));
        assert!(!monday.contains(date("2026-11-22")));
    }

    #[test]
    fn days_run_monday_to_sunday() {
        let days: Vec<NaiveDate> = Week::containing(date("2026-11-25")).days().collect();
        assert_eq!(days.len(), 7);
        assert_eq!(days[0], date("2026-11-23"));
        assert_eq!(days[0].weekday(), Weekday::Mon);
        assert_eq!(days[6], date("2026-11-29"));
    }

    #[test]
    fn weeks_step_across_years() {
        // 2026-12-31 is a Thursday: its week runs from Monday 28 December to Sunday 3 January.
        let week = Week::containing(date("2026-12-31"));
        assert_eq!(week.first_day(), date("2026-12-28"));
        assert_eq!(week.last_day(), date("2027-01-03"));
        assert!(week.contains(date("2027-01-02")));
        assert_eq!(week.next().first_day(), date("2027-01-04"));
        assert_eq!(week.next().previous(), week);
        assert_eq!(
            Week::containing(date("2027-01-04")).previous().to_string(),
            "2026-12-28"
        );
    }

    #[test]
    fn written_as_the_mondays_date_and_parsed_from_any_day() {
        let week: Week = "2026-11-29".parse().unwrap();
        assert_eq!(week.to_string(), "2026-11-23");
        assert_eq!(serde_json::to_string(&week).unwrap(), "\"2026-11-23\"");
        let back: Week = serde_json::from_str("\"2026-11-27\"").unwrap();
        assert_eq!(back, week);
    }

    #[test]
    fn malformed_weeks_are_refused_with_a_hint() {
        for bad in [
            "2026-11",
            "2026-11-31",
            "2026-1-05",
            "26-11-23",
            "monday",
            "",
        ] {
            let err = bad.parse::<Week>().unwrap_err();
            assert!(err.to_string().contains("YYYY-MM-DD"), "{bad}");
        }
        assert!(serde_json::from_str::<Week>("\"2026-02-30\"").is_err());
    }
}
