//! Applying one page of synced changes to a table of items, in one `BEGIN IMMEDIATE` transaction
//! together with the page's checkpoint: upserts that leave rows already equal in every column
//! untouched, deletions by id, and the deletions a date window reveals. Every table of synced
//! items (declared with the store's `item_table!`) is written this way, through
//! [`Store::apply_changes`].

use crate::item_table::{ItemTable, column_list};
use crate::sync_checkpoints::{self, PageCheckpoint};
use crate::{Store, StoreError};
use chrono::NaiveDate;
use offpeak_domain::ConnectionId;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use std::collections::{HashMap, HashSet};

/// The local dates a page covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateWindow {
    pub oldest: NaiveDate,
    pub newest: NaiveDate,
}

/// One page of changes to an athlete's items.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes<T> {
    /// Items new or changed (or simply listed again); written unless already equal.
    pub upserts: Vec<T>,
    /// Ids the platform reports as deleted; ids the cache does not hold are fine.
    pub deleted: Vec<String>,
    /// When set, the page lists every item of the athlete dated in this window: any other
    /// cached item dated in it was deleted at the platform.
    pub window: Option<DateWindow>,
}

impl<T> Default for Changes<T> {
    fn default() -> Changes<T> {
        Changes {
            upserts: Vec::new(),
            deleted: Vec::new(),
            window: None,
        }
    }
}

/// What applying a page did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub inserted: u64,
    pub updated: u64,
    /// Listed again with every column equal: not rewritten.
    pub unchanged: u64,
    pub deleted: u64,
}

/// Bound values per statement: SQLite's historic limit, safe with any build.
const MAX_VARIABLES: usize = 999;

/// An item the cache keeps in a table of synced items: [`offpeak_domain::Workout`],
/// [`offpeak_domain::Activity`], [`offpeak_domain::CalendarNote`] and
/// [`offpeak_domain::Wellness`].
pub trait CachedItem: Sized {
    /// The table holding the item; not nameable outside the store.
    #[doc(hidden)]
    type Table: ItemTable<Item = Self>;
}

/// Inserts `rows`, replacing the rows with the same key in place (an update, never a delete, so
/// what hangs off a row survives), in statements small enough for SQLite's variable limit.
async fn write_rows<T: ItemTable>(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    rows: &[&T::Row],
) -> Result<(), StoreError> {
    let conflict_target = if T::KEY_PER_ATHLETE {
        format!("connection_id, athlete_id, {}", T::KEY)
    } else {
        format!("connection_id, {}", T::KEY)
    };
    let assignments = T::COLUMNS
        .iter()
        .filter(|c| !conflict_target.split(", ").any(|k| k == **c))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let rows_per_statement = MAX_VARIABLES / (T::COLUMNS.len() + 1);
    for chunk in rows.chunks(rows_per_statement) {
        let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
            "INSERT INTO {} (connection_id, {}) ",
            T::TABLE,
            column_list::<T>()
        ));
        insert.push_values(chunk, |mut values, row| {
            values.push_bind(&connection.0);
            T::push_row(&mut values, row);
        });
        insert.push(format!(
            " ON CONFLICT({conflict_target}) DO UPDATE SET {assignments}"
        ));
        insert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Starts a statement over the items of a connection (and of the athlete, for per-athlete keys).
fn scoped(
    select: &str,
    connection: &ConnectionId,
    athlete_id: &str,
    per_athlete: bool,
) -> QueryBuilder<Sqlite> {
    let mut query = QueryBuilder::new(select);
    query
        .push(" WHERE connection_id = ")
        .push_bind(&connection.0);
    if per_athlete {
        query.push(" AND athlete_id = ").push_bind(athlete_id);
    }
    query
}

/// The stored rows with the given keys.
async fn existing_rows<T: ItemTable>(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    athlete_id: &str,
    keys: &[&str],
) -> Result<HashMap<String, T::Row>, StoreError> {
    let mut found = HashMap::new();
    let select = format!("SELECT {} FROM {}", column_list::<T>(), T::TABLE);
    for chunk in keys.chunks(MAX_VARIABLES - 2) {
        let mut query = scoped(&select, connection, athlete_id, T::KEY_PER_ATHLETE);
        query.push(format!(" AND {} IN (", T::KEY));
        let mut list = query.separated(", ");
        for key in chunk {
            list.push_bind(*key);
        }
        query.push(")");
        let rows: Vec<T::Row> = query.build_query_as().fetch_all(&mut *conn).await?;
        for row in rows {
            found.insert(T::key(&row).to_owned(), row);
        }
    }
    Ok(found)
}

/// The keys of the athlete's items dated in `window`.
async fn keys_in_window<T: ItemTable>(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    athlete_id: &str,
    window: &DateWindow,
) -> Result<Vec<String>, StoreError> {
    let select = format!("SELECT {} FROM {}", T::KEY, T::TABLE);
    let mut query = scoped(&select, connection, athlete_id, true);
    query
        .push(format!(" AND {} BETWEEN ", T::DATE))
        .push_bind(window.oldest.to_string())
        .push(" AND ")
        .push_bind(window.newest.to_string());
    Ok(query.build_query_scalar().fetch_all(&mut *conn).await?)
}

/// Deletes the items with the given keys; how many there were.
async fn delete_keys<T: ItemTable>(
    conn: &mut SqliteConnection,
    connection: &ConnectionId,
    athlete_id: &str,
    keys: &[&str],
) -> Result<u64, StoreError> {
    let mut deleted = 0;
    let delete = format!("DELETE FROM {}", T::TABLE);
    for chunk in keys.chunks(MAX_VARIABLES - 2) {
        let mut query = scoped(&delete, connection, athlete_id, T::KEY_PER_ATHLETE);
        query.push(format!(" AND {} IN (", T::KEY));
        let mut list = query.separated(", ");
        for key in chunk {
            list.push_bind(*key);
        }
        query.push(")");
        deleted += query.build().execute(&mut *conn).await?.rows_affected();
    }
    Ok(deleted)
}

/// The last row listed for each key, in first-listed order.
fn last_of_each_key<T: ItemTable>(rows: Vec<T::Row>) -> Vec<T::Row> {
    let mut position: HashMap<String, usize> = HashMap::new();
    let mut unique: Vec<T::Row> = Vec::with_capacity(rows.len());
    for row in rows {
        match position.get(T::key(&row)) {
            Some(&at) => unique[at] = row,
            None => {
                position.insert(T::key(&row).to_owned(), unique.len());
                unique.push(row);
            }
        }
    }
    unique
}

impl Store {
    /// Applies a page of changes to an athlete's items together with its checkpoint, in one
    /// transaction (see [`Changes`]); what it did, in counts. A key both listed and deleted ends
    /// deleted. Where items are named only within their athlete (wellness days, by date), every
    /// upserted item must be `athlete_id`'s.
    pub async fn apply_changes<T: CachedItem>(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        changes: &Changes<T>,
        checkpoint: &PageCheckpoint<'_>,
    ) -> Result<Applied, StoreError> {
        apply::<T::Table>(self, connection, athlete_id, changes, checkpoint).await
    }
}

async fn apply<T: ItemTable>(
    store: &Store,
    connection: &ConnectionId,
    athlete_id: &str,
    changes: &Changes<T::Item>,
    checkpoint: &PageCheckpoint<'_>,
) -> Result<Applied, StoreError> {
    let rows: Vec<T::Row> = changes.upserts.iter().map(T::Row::from).collect();
    if T::KEY_PER_ATHLETE
        && let Some(foreign) = rows.iter().find(|row| T::athlete(row) != athlete_id)
    {
        return Err(StoreError::ForeignItem {
            expected: athlete_id.to_owned(),
            found: T::athlete(foreign).to_owned(),
        });
    }
    let rows = last_of_each_key::<T>(rows);
    let keys: Vec<&str> = rows.iter().map(T::key).collect();
    // IMMEDIATE: take the write lock first, so reading the current rows cannot race a writer.
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let existing = existing_rows::<T>(&mut tx, connection, athlete_id, &keys).await?;
    let mut applied = Applied::default();
    let mut to_write = Vec::new();
    for row in &rows {
        match existing.get(T::key(row)) {
            None => {
                applied.inserted += 1;
                to_write.push(row);
            }
            Some(stored) if stored == row => applied.unchanged += 1,
            Some(_) => {
                applied.updated += 1;
                to_write.push(row);
            }
        }
    }
    write_rows::<T>(&mut tx, connection, &to_write).await?;

    let mut doomed: Vec<&str> = changes.deleted.iter().map(String::as_str).collect();
    let in_window = match &changes.window {
        Some(window) => keys_in_window::<T>(&mut tx, connection, athlete_id, window).await?,
        None => Vec::new(),
    };
    let listed: HashSet<&str> = keys.iter().copied().collect();
    doomed.extend(
        in_window
            .iter()
            .map(String::as_str)
            .filter(|key| !listed.contains(key)),
    );
    applied.deleted = delete_keys::<T>(&mut tx, connection, athlete_id, &doomed).await?;

    sync_checkpoints::put(&mut tx, connection, checkpoint).await?;
    tx.commit().await?;
    Ok(applied)
}
