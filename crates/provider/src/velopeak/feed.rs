//! What a VeloPeak read asks and answers beyond a plain page: the date window, the change
//! feed's entries (an item as it is now, or a tombstone), and answers conditional on an ETag.

use crate::ProviderError;
use crate::convert::instant;
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Local dates, inclusive; an open end when `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateWindow {
    pub oldest: Option<NaiveDate>,
    pub newest: Option<NaiveDate>,
}

impl DateWindow {
    pub fn between(oldest: NaiveDate, newest: NaiveDate) -> DateWindow {
        DateWindow {
            oldest: Some(oldest),
            newest: Some(newest),
        }
    }

    pub(super) fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if let Some(oldest) = self.oldest {
            params.push(("oldest", oldest.to_string()));
        }
        if let Some(newest) = self.newest {
            params.push(("newest", newest.to_string()));
        }
        params
    }
}

/// One entry of a change feed.
#[derive(Debug, Clone, PartialEq)]
pub enum Change<T> {
    /// Created or changed: the item as it is now.
    Upsert(T),
    /// Deleted at `at`.
    Deleted { id: String, at: DateTime<Utc> },
}

/// An answer asked for with the ETag of the one before.
#[derive(Debug, Clone, PartialEq)]
pub enum Conditional<T> {
    /// Nothing changed since the answer with that tag.
    NotModified,
    /// A new answer, and its tag for next time.
    Fresh { value: T, etag: Option<String> },
}

/// A feed entry: a tombstone (`{"id","deleted":true,"deleted_at"}`), or an item read as `D`
/// and translated into `T`.
pub(super) fn entry<D, T>(value: Value) -> Result<Change<T>, ProviderError>
where
    D: DeserializeOwned,
    T: TryFrom<D, Error = ProviderError>,
{
    if value.get("deleted").and_then(Value::as_bool) == Some(true) {
        let id = value
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| ProviderError::BadResponse("a deleted item came without its id".into()))?
            .to_owned();
        let at = value
            .get("deleted_at")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                ProviderError::BadResponse(format!("deleted item {id} came without its time"))
            })?;
        let at = instant(at, &id)?;
        return Ok(Change::Deleted { id, at });
    }
    let dto: D = serde_json::from_value(value)
        .map_err(|e| ProviderError::BadResponse(format!("a changed item: {e}")))?;
    Ok(Change::Upsert(T::try_from(dto)?))
}

#[cfg(test)]
mod tests {
    use super::super::dto::WorkoutDto;
    use super::*;
    use offpeak_domain::Workout;
    use serde_json::json;

    #[test]
    fn tombstones_and_items_are_told_apart() {
        let gone: Change<Workout> = entry::<WorkoutDto, _>(
            json!({"id":"w_1","deleted":true,"deleted_at":"2026-11-20T08:00:00.123Z"}),
        )
        .unwrap();
        assert_eq!(
            gone,
            Change::Deleted {
                id: "w_1".into(),
                at: "2026-11-20T08:00:00.123Z".parse().unwrap()
            }
        );
        let live: Change<Workout> = entry::<WorkoutDto, _>(json!({
            "id":"w_2","athlete_id":"a_1","date":"2026-11-21","sport":"run","name":"Easy",
            "planned_duration_s":1800,"updated_at":"2026-11-20T09:00:00Z","deleted":false
        }))
        .unwrap();
        assert!(matches!(live, Change::Upsert(w) if w.id == "w_2"));
        assert!(entry::<WorkoutDto, Workout>(json!({"deleted":true})).is_err());
    }

    #[test]
    fn an_open_window_sends_only_its_ends() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let window = DateWindow {
            oldest: Some(d),
            newest: None,
        };
        assert_eq!(window.params(), vec![("oldest", "2026-11-01".to_owned())]);
        assert!(DateWindow::default().params().is_empty());
    }
}
