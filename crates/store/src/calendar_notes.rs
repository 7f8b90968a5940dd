//! The `calendar_notes` table: notes, holidays, illnesses and injuries on an athlete's calendar,
//! one row per connection and platform id, possibly spanning several days.

use crate::changes::{self, Applied, Changes, ItemTable, column_list};
use crate::connections::{instant_text, parse_instant};
use crate::sync_checkpoints::PageCheckpoint;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use offpeak_domain::{CalendarNote, ConnectionId, NoteKind};
use sqlx::Sqlite;
use sqlx::query_builder::Separated;

/// A note as stored.
#[derive(Debug, PartialEq, sqlx::FromRow)]
pub(crate) struct Row {
    id: String,
    athlete_id: String,
    kind: String,
    start_date: String,
    end_date: String,
    name: String,
    description: Option<String>,
    updated_at: String,
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

pub(crate) struct CalendarNotes;

impl ItemTable for CalendarNotes {
    type Row = Row;
    const TABLE: &'static str = "calendar_notes";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "athlete_id",
        "kind",
        "start_date",
        "end_date",
        "name",
        "description",
        "updated_at",
    ];
    const KEY: &'static str = "id";
    const KEY_PER_ATHLETE: bool = false;
    const DATE: &'static str = "start_date";

    fn key(row: &Row) -> &str {
        &row.id
    }

    fn push_row(values: &mut Separated<'_, Sqlite, &'static str>, row: &Row) {
        values
            .push_bind(&row.id)
            .push_bind(&row.athlete_id)
            .push_bind(&row.kind)
            .push_bind(&row.start_date)
            .push_bind(&row.end_date)
            .push_bind(&row.name)
            .push_bind(&row.description)
            .push_bind(&row.updated_at);
    }
}

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
        let rows = changes.upserts.iter().map(Row::from).collect();
        changes::apply::<CalendarNotes>(
            self,
            connection,
            athlete_id,
            rows,
            &changes.deleted,
            changes.window.as_ref(),
            checkpoint,
        )
        .await
    }

    /// A connection's notes that overlap `from..=to`, by start date.
    pub async fn notes_between(
        &self,
        connection: &ConnectionId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<CalendarNote>, StoreError> {
        let sql = format!(
            "SELECT {} FROM calendar_notes
             WHERE connection_id = ? AND start_date <= ? AND end_date >= ?
             ORDER BY start_date, end_date, id",
            column_list::<CalendarNotes>()
        );
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(&connection.0)
            .bind(to.to_string())
            .bind(from.to_string())
            .fetch_all(self.pool())
            .await?;
        rows.into_iter().map(CalendarNote::try_from).collect()
    }

    /// Every note of a connection, by id.
    pub async fn all_notes(
        &self,
        connection: &ConnectionId,
    ) -> Result<Vec<CalendarNote>, StoreError> {
        let sql = format!(
            "SELECT {} FROM calendar_notes WHERE connection_id = ? ORDER BY id",
            column_list::<CalendarNotes>()
        );
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(&connection.0)
            .fetch_all(self.pool())
            .await?;
        rows.into_iter().map(CalendarNote::try_from).collect()
    }
}
