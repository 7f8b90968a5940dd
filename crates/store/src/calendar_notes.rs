//! The `calendar_notes` table: notes, holidays, illnesses and injuries on an athlete's calendar,
//! one row per connection and platform id, possibly spanning several days.

use crate::connections::{instant_text, parse_instant};
use crate::item_table::{item_table, select_items};
use crate::sync_checkpoints::PageCheckpoint;
use crate::{Applied, Changes, Store, StoreError};
use chrono::NaiveDate;
use offpeak_domain::{CalendarNote, ConnectionId, NoteKind};

item_table! {
    /// Calendar notes, named by id, dated (for a window) by their first day.
    table CalendarNotes {
        name: "calendar_notes",
        item: CalendarNote,
        key: id,
        key_per_athlete: false,
        date: start_date,
    }
    /// A note as stored.
    row Row {
        id: String,
        athlete_id: String,
        kind: String,
        start_date: String,
        end_date: String,
        name: String,
        description: Option<String>,
        updated_at: String,
    }
}

impl From<&CalendarNote> for Row {
    fn from(n: &CalendarNote) -> Row {
        Row {
            id: n.id.clone(),
            athlete_id: n.athlete_id.clone(),
            kind: n.kind.as_str().to_owned(),
            start_date: n.start_date.to_string(),
            end_date: n.end_date.to_string(),
            name: n.name.clone(),
            description: n.description.clone(),
            updated_at: instant_text(n.updated_at),
        }
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, StoreError> {
    text.parse()
        .map_err(|_| StoreError::BadValue(format!("date {text}")))
}

impl TryFrom<Row> for CalendarNote {
    type Error = StoreError;

    fn try_from(row: Row) -> Result<CalendarNote, StoreError> {
        Ok(CalendarNote {
            kind: NoteKind::parse(&row.kind)
                .ok_or_else(|| StoreError::BadValue(format!("note kind {}", row.kind)))?,
            start_date: parse_date(&row.start_date)?,
            end_date: parse_date(&row.end_date)?,
            updated_at: parse_instant(&row.updated_at)?,
            id: row.id,
            athlete_id: row.athlete_id,
            name: row.name,
            description: row.description,
        })
    }
}

/// One athlete's notes overlapping `?4..=?3` (the end first: a note starting by the end of
/// the range and ending at or after its start), in the order of their first day.
pub(crate) const OF_ATHLETE: &str =
    "WHERE connection_id = ? AND athlete_id = ? AND start_date <= ? AND end_date >= ?
     ORDER BY start_date, end_date, id";

impl Store {
    /// Applies a page of changes to an athlete's calendar notes together with its checkpoint, in
    /// one transaction (see [`Changes`]; a window covers the notes' start dates).
    pub async fn apply_notes(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        changes: &Changes<CalendarNote>,
        checkpoint: &PageCheckpoint<'_>,
    ) -> Result<Applied, StoreError> {
        self.apply_changes(connection, athlete_id, changes, checkpoint)
            .await
    }

    /// A connection's notes that overlap `from..=to`, by start date.
    pub async fn notes_between(
        &self,
        connection: &ConnectionId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<CalendarNote>, StoreError> {
        select_items::<CalendarNotes>(
            self,
            "WHERE connection_id = ? AND start_date <= ? AND end_date >= ?
             ORDER BY start_date, end_date, id",
            &[&connection.0, &to.to_string(), &from.to_string()],
        )
        .await
    }

    /// The notes of one athlete of a connection that overlap `from..=to` (a note of several days
    /// that began before `from` included), by start date, end date and id.
    pub async fn notes_of(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<CalendarNote>, StoreError> {
        select_items::<CalendarNotes>(
            self,
            OF_ATHLETE,
            &[
                &connection.0,
                athlete_id,
                &to.to_string(),
                &from.to_string(),
            ],
        )
        .await
    }

    /// Every note of a connection, by id.
    pub async fn all_notes(
        &self,
        connection: &ConnectionId,
    ) -> Result<Vec<CalendarNote>, StoreError> {
        select_items::<CalendarNotes>(
            self,
            "WHERE connection_id = ? ORDER BY id",
            &[&connection.0],
        )
        .await
    }
}
