//! The store's errors, in words a person can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not open the local cache at {path}: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error("could not update the local cache's layout: {0}")]
    Migrate(String),
    #[error(
        "the disk is full, so the local cache could not be updated; nothing was lost — free some space and sync again"
    )]
    DiskFull,
    #[error("the local cache is damaged ({0})")]
    Corrupt(String),
    #[error("the local cache holds a value it cannot read: {0}")]
    BadValue(String),
    #[error("a page of athlete {expected}'s items held one of athlete {found}")]
    ForeignItem { expected: String, found: String },
    #[error("the local cache failed: {0}")]
    Database(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> StoreError {
        if let Some(db) = error.as_database_error() {
            // SQLITE_FULL (13), possibly extended.
            if db
                .code()
                .and_then(|c| c.parse::<i32>().ok())
                .is_some_and(|c| c & 0xff == 13)
            {
                return StoreError::DiskFull;
            }
        }
        StoreError::Database(error.to_string())
    }
}
