//! Calendar notes: what a platform files on the calendar besides workouts — a reminder, a
//! holiday, an illness or an injury — possibly spanning several days.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What a note marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Note,
    Holiday,
    Sick,
    Injured,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Note => "note",
            NoteKind::Holiday => "holiday",
            NoteKind::Sick => "sick",
            NoteKind::Injured => "injured",
        }
    }

    /// Reads a kind from its [`NoteKind::as_str`] name or a platform's category name
    /// (`HOLIDAY`, `SICK`, …).
    pub fn parse(text: &str) -> Option<NoteKind> {
        match text.to_ascii_lowercase().as_str() {
            "note" => Some(NoteKind::Note),
            "holiday" => Some(NoteKind::Holiday),
            "sick" => Some(NoteKind::Sick),
            "injured" => Some(NoteKind::Injured),
            _ => None,
        }
    }
}

/// A note on an athlete's calendar, from `start_date` to `end_date` (inclusive, local dates).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarNote {
    pub id: String,
    pub athlete_id: String,
    pub kind: NoteKind,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub name: String,
    pub description: Option<String>,
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_their_own_names_and_the_platforms() {
        for kind in [
            NoteKind::Note,
            NoteKind::Holiday,
            NoteKind::Sick,
            NoteKind::Injured,
        ] {
            assert_eq!(NoteKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(NoteKind::parse("SICK"), Some(NoteKind::Sick));
        assert_eq!(NoteKind::parse("WORKOUT"), None);
    }
}
