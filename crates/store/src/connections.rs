//! The `connections` table: which accounts are connected, with what scopes, until when.
//! Never a secret — tokens are in the keychain.

use crate::{Store, StoreError};
use chrono::{DateTime, Utc};
use offpeak_domain::{ConnectionId, ProviderKind, Scope};

/// What is recorded when an account is connected.
#[derive(Debug, Clone, PartialEq)]
pub struct NewConnection {
    pub id: ConnectionId,
    pub provider: ProviderKind,
    pub origin: String,
    pub client_id: String,
    pub athlete_id: String,
    pub athlete_name: String,
    pub scopes: Vec<Scope>,
    pub access_expires_at: Option<DateTime<Utc>>,
}

/// A connection as the cache knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionRecord {
    pub id: ConnectionId,
    pub provider: ProviderKind,
    pub origin: String,
    pub client_id: String,
    pub athlete_id: String,
    pub athlete_name: String,
    pub scopes: Vec<Scope>,
    pub access_expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    provider: String,
    origin: String,
    client_id: String,
    athlete_id: String,
    athlete_name: String,
    scopes: String,
    access_expires_at: Option<String>,
    created_at: String,
    last_sync_at: Option<String>,
    last_error: Option<String>,
}

impl TryFrom<Row> for ConnectionRecord {
    type Error = StoreError;

    fn try_from(row: Row) -> Result<ConnectionRecord, StoreError> {
        let provider = ProviderKind::parse(&row.provider)
            .ok_or_else(|| StoreError::BadValue(format!("unknown provider {}", row.provider)))?;
        Ok(ConnectionRecord {
            id: ConnectionId(row.id),
            provider,
            origin: row.origin,
            client_id: row.client_id,
            athlete_id: row.athlete_id,
            athlete_name: row.athlete_name,
            scopes: Scope::parse_list(&row.scopes),
            access_expires_at: row
                .access_expires_at
                .as_deref()
                .map(parse_instant)
                .transpose()?,
            created_at: parse_instant(&row.created_at)?,
            last_sync_at: row.last_sync_at.as_deref().map(parse_instant).transpose()?,
            last_error: row.last_error,
        })
    }
}

pub(crate) fn parse_instant(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::BadValue(format!("timestamp {text}")))
}

pub(crate) fn instant_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn scope_text(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(Scope::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

const COLUMNS: &str = "id, provider, origin, client_id, athlete_id, athlete_name, scopes, access_expires_at, created_at, last_sync_at, last_error";

impl Store {
    /// Records a new connection, or refreshes the one with the same id (a reconnect).
    pub async fn save_connection(
        &self,
        new: &NewConnection,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO connections (id, provider, origin, client_id, athlete_id, athlete_name, scopes, access_expires_at, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(id) DO UPDATE SET origin = excluded.origin, client_id = excluded.client_id,
               athlete_id = excluded.athlete_id, athlete_name = excluded.athlete_name, scopes = excluded.scopes,
               access_expires_at = excluded.access_expires_at, last_error = NULL",
        )
        .bind(&new.id.0)
        .bind(new.provider.as_str())
        .bind(&new.origin)
        .bind(&new.client_id)
        .bind(&new.athlete_id)
        .bind(&new.athlete_name)
        .bind(scope_text(&new.scopes))
        .bind(new.access_expires_at.map(instant_text))
        .bind(instant_text(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Every connection, oldest first.
    pub async fn connections(&self) -> Result<Vec<ConnectionRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM connections ORDER BY created_at, id");
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_all(self.pool())
            .await?;
        rows.into_iter().map(ConnectionRecord::try_from).collect()
    }

    pub async fn connection(
        &self,
        id: &ConnectionId,
    ) -> Result<Option<ConnectionRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM connections WHERE id = ?");
        let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(&id.0)
            .fetch_optional(self.pool())
            .await?;
        row.map(ConnectionRecord::try_from).transpose()
    }

    /// Notes a new access-token expiry after a refresh.
    pub async fn set_access_expiry(
        &self,
        id: &ConnectionId,
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE connections SET access_expires_at = ? WHERE id = ?")
            .bind(expires_at.map(instant_text))
            .bind(&id.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Notes a sync that ended cleanly at `at`.
    pub async fn record_sync_success(
        &self,
        id: &ConnectionId,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE connections SET last_sync_at = ?, last_error = NULL WHERE id = ?")
            .bind(instant_text(at))
            .bind(&id.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Notes why the last sync failed, as a sentence for a person.
    pub async fn record_sync_error(
        &self,
        id: &ConnectionId,
        message: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE connections SET last_error = ? WHERE id = ?")
            .bind(message)
            .bind(&id.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Forgets a connection and everything cached for it.
    pub async fn delete_connection(&self, id: &ConnectionId) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM connections WHERE id = ?")
            .bind(&id.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
