//! Intervals.icu's JSON shapes (names from its OpenAPI description) and their translation into
//! domain types. Ids arrive as numbers or text and are kept as text; unknown fields are ignored;
//! a present but unreadable date fails the item with its id.
//!
//! Change stamps: an event's and a wellness day's `updated`, an activity's latest of
//! `icu_sync_date` and `analyzed`. An item without one gets a stable stand-in — an activity its
//! `created` time, anything else [`NO_STAMP`] — never the time of reading, which would make an
//! unchanged item look changed at every sync.

mod activities;
mod athlete;
mod events;
mod laps;
mod streams;
mod wellness;

pub(super) use activities::ActivityDto;
pub(super) use athlete::AthleteDto;
pub(super) use events::{EventDto, Filed};
pub(super) use laps::ActivityIntervalsDto;
pub(super) use streams::StreamDto;
pub(super) use wellness::WellnessDto;

use crate::ProviderError;
use crate::convert::instant;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer};

/// The change stamp of an item the platform sent without one: the Unix epoch, stable from one
/// sync to the next and older than any real stamp.
pub(super) const NO_STAMP: DateTime<Utc> = DateTime::UNIX_EPOCH;

/// A number or a string, as text (`1042`, `"i1042"`).
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

fn optional_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

/// The latest of the stamps that are there; `None` if none is.
fn latest_stamp(stamps: &[Option<&str>], id: &str) -> Result<Option<DateTime<Utc>>, ProviderError> {
    let mut latest = None;
    for stamp in stamps.iter().flatten() {
        let at = instant(stamp, id)?;
        latest = Some(latest.map_or(at, |l: DateTime<Utc>| l.max(at)));
    }
    Ok(latest)
}

/// `2025-04-10T06:30:00` (or a bare date) → the local date and time.
fn local_date_time(text: &str, id: &str) -> Result<NaiveDateTime, ProviderError> {
    let bad = || ProviderError::BadResponse(format!("item {id} has the date “{text}”"));
    let date: NaiveDate = text.get(..10).ok_or_else(bad)?.parse().map_err(|_| bad())?;
    match text.get(11..19).or_else(|| text.get(11..16)) {
        None => Ok(date.and_time(chrono::NaiveTime::MIN)),
        Some(time) => chrono::NaiveTime::parse_from_str(time, "%H:%M:%S")
            .or_else(|_| chrono::NaiveTime::parse_from_str(time, "%H:%M"))
            .map(|t| date.and_time(t))
            .map_err(|_| bad()),
    }
}

/// The date, and `HH:MM` unless it is midnight, which the platform uses for events without a
/// time.
fn local_start(text: &str, id: &str) -> Result<(NaiveDate, Option<String>), ProviderError> {
    let at = local_date_time(text, id)?;
    let time = (at.time() != chrono::NaiveTime::MIN).then(|| at.format("%H:%M").to_string());
    Ok((at.date(), time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_starts_read_with_or_without_a_time() {
        let (date, time) = local_start("2025-04-12T07:30:00", "e1").unwrap();
        assert_eq!(
            (date.to_string(), time.as_deref()),
            ("2025-04-12".into(), Some("07:30"))
        );
        assert_eq!(local_start("2025-04-12T00:00:00", "e1").unwrap().1, None);
        assert_eq!(local_start("2025-04-12", "e1").unwrap().1, None);
        assert!(local_start("12/04/2025", "e1").is_err());
    }

    #[test]
    fn the_latest_stamp_wins_and_none_is_none() {
        let latest = latest_stamp(
            &[
                Some("2025-04-10T01:00:00Z"),
                None,
                Some("2025-04-11T01:00:00.000Z"),
            ],
            "i1",
        )
        .unwrap();
        assert_eq!(latest.unwrap().to_rfc3339(), "2025-04-11T01:00:00+00:00");
        assert_eq!(latest_stamp(&[None, None], "i1").unwrap(), None);
        assert!(latest_stamp(&[Some("yesterday")], "i1").is_err());
    }
}
