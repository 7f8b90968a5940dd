//! What the tables of synced items (workouts, activities, calendar notes, wellness days) share:
//! the [`ItemTable`] description the page writer in [`crate::changes`] works from, the
//! `item_table!` declaration that gives a table its row type, columns, key and bindings from one
//! list of fields, and reading a table's items by a `WHERE … ORDER BY …` clause.

use crate::{Store, StoreError};
use sqlx::Sqlite;
use sqlx::query_builder::Separated;
use sqlx::sqlite::SqliteRow;

/// A table of synced items, as the page writer sees it. Declared with `item_table!`.
pub trait ItemTable {
    /// One item's columns as stored, so equal rows mean an unchanged item.
    type Row: for<'r> sqlx::FromRow<'r, SqliteRow>
        + for<'i> From<&'i Self::Item>
        + PartialEq
        + Send
        + Unpin;
    /// The domain type a row holds.
    type Item: TryFrom<Self::Row, Error = StoreError>;
    const TABLE: &'static str;
    /// Every column but `connection_id`, in the order [`ItemTable::push_row`] binds them.
    const COLUMNS: &'static [&'static str];
    /// The column naming an item: `id`, or `date` for a day of one athlete.
    const KEY: &'static str;
    /// Whether [`ItemTable::KEY`] names an item only within one athlete.
    const KEY_PER_ATHLETE: bool;
    /// The date column a window covers.
    const DATE: &'static str;

    fn key(row: &Self::Row) -> &str;
    fn athlete(row: &Self::Row) -> &str;
    /// Binds the row's values, in [`ItemTable::COLUMNS`] order.
    fn push_row(values: &mut Separated<'_, Sqlite, &'static str>, row: &Self::Row);
}

/// Declares a table of synced items: a unit type naming the table, its row type (deriving
/// `FromRow`, one field a column, in column order; `athlete_id` among them), and their
/// [`ItemTable`] and [`crate::CachedItem`] implementations. The module declaring it converts
/// between the row and the item (`From<&Item> for Row`, `TryFrom<Row> for Item`).
macro_rules! item_table {
    (
        $(#[$table_doc:meta])*
        table $table:ident {
            name: $name:literal,
            item: $item:ty,
            key: $key:ident,
            key_per_athlete: $key_per_athlete:literal,
            date: $date:ident $(,)?
        }
        $(#[$row_doc:meta])*
        row $row:ident { $($field:ident: $ty:ty),* $(,)? }
    ) => {
        $(#[$table_doc])*
        pub struct $table;

        $(#[$row_doc])*
        #[derive(Debug, PartialEq, sqlx::FromRow)]
        pub struct $row {
            $($field: $ty,)*
        }

        impl $crate::item_table::ItemTable for $table {
            type Row = $row;
            type Item = $item;
            const TABLE: &'static str = $name;
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),*];
            const KEY: &'static str = stringify!($key);
            const KEY_PER_ATHLETE: bool = $key_per_athlete;
            const DATE: &'static str = stringify!($date);

            fn key(row: &$row) -> &str {
                &row.$key
            }

            fn athlete(row: &$row) -> &str {
                &row.athlete_id
            }

            fn push_row(
                values: &mut sqlx::query_builder::Separated<'_, sqlx::Sqlite, &'static str>,
                row: &$row,
            ) {
                $(values.push_bind(&row.$field);)*
            }
        }

        impl $crate::CachedItem for $item {
            type Table = $table;
        }
    };
}
pub(crate) use item_table;

/// `a, b, c`: the columns of `T` for a SELECT.
pub(crate) fn column_list<T: ItemTable>() -> String {
    T::COLUMNS.join(", ")
}

/// `SELECT <columns of T> FROM <T> <clause>`.
pub(crate) fn select_sql<T: ItemTable>(clause: &str) -> String {
    format!("SELECT {} FROM {} {clause}", column_list::<T>(), T::TABLE)
}

/// The items of `T` that `clause` (`WHERE … ORDER BY …`, with `?` for each of `binds`, in
/// order) selects.
pub(crate) async fn select_items<T: ItemTable>(
    store: &Store,
    clause: &str,
    binds: &[&str],
) -> Result<Vec<T::Item>, StoreError> {
    let sql = select_sql::<T>(clause);
    let mut query = sqlx::query_as::<Sqlite, T::Row>(sqlx::AssertSqlSafe(sql));
    for value in binds {
        query = query.bind(*value);
    }
    let rows = query.fetch_all(store.pool()).await?;
    rows.into_iter().map(T::Item::try_from).collect()
}
