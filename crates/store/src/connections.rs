//! The `connections` table: which accounts are connected, how they sign in, with what scopes,
//! until when, and whether they still work. Never a secret — tokens and keys are in the keychain.

use crate::{Store, StoreError};
use chrono::{DateTime, Utc};
use offpeak_domain::{AuthKind, ConnectionId, ConnectionStatus, ProviderKind, Scope};

/// What is recorded when an account is connected (or reconnected).
#[derive(Debug, Clone, PartialEq)]
pub struct NewConnection {
    pub id: ConnectionId,
    pub provider: ProviderKind,
    pub auth_kind: AuthKind,
    pub origin: String,
    /// The OAuth client id; empty for an API key.
    pub client_id: String,
    /// The app registration whose client secret signs this connection's token requests.
    pub registration_id: Option<String>,
    pub athlete_id: String,
    pub athlete_name: String,
    /// What the platform granted.
    pub scopes: Vec<Scope>,
    /// What Offpeak asked for; the accounts screen shows what is missing.
    pub requested_scopes: Vec<Scope>,
    pub access_expires_at: Option<DateTime<Utc>>,
}

/// A connection as the cache knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionRecord {
    pub id: ConnectionId,
    pub provider: ProviderKind,
    pub auth_kind: AuthKind,
    pub status: ConnectionStatus,
    pub origin: String,
    pub client_id: String,
    pub registration_id: Option<String>,
    pub athlete_id: String,
    pub athlete_name: String,
    pub scopes: Vec<Scope>,
    pub requested_scopes: Vec<Scope>,
    pub access_expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub last_refresh_at: Option<DateTime<Utc>>,
    pub last_sync_at: Option<DateTime<Utc>>,
    /// The last failure, as a sentence for a person, and its error code.
    pub last_error: Option<String>,
    pub last_error_code: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    provider: String,
    auth_kind: String,
    status: String,
    origin: String,
    client_id: String,
    registration_id: Option<String>,
    athlete_id: String,
    athlete_name: String,
    scopes: String,
    requested_scopes: String,
    access_expires_at: Option<String>,
    created_at: String,
    last_refresh_at: Option<String>,
    last_sync_at: Option<String>,
    last_error: Option<String>,
    last_error_code: Option<String>,
}

impl TryFrom<Row> for ConnectionRecord {
    type Error = StoreError;

    fn try_from(row: Row) -> Result<ConnectionRecord, StoreError> {
        let provider = ProviderKind::parse(&row.provider)
            .ok_or_else(|| StoreError::BadValue(format!("unknown provider {}", row.provider)))?;
        let auth_kind = AuthKind::parse(&row.auth_kind)
            .ok_or_else(|| StoreError::BadValue(format!("unknown auth kind {}", row.auth_kind)))?;
        let status = ConnectionStatus::parse(&row.status)
            .ok_or_else(|| StoreError::BadValue(format!("unknown status {}", row.status)))?;
        let instant = |text: Option<String>| text.as_deref().map(parse_instant).transpose();
        Ok(ConnectionRecord {
            id: ConnectionId(row.id),
            provider,
            auth_kind,
            status,
            origin: row.origin,
            client_id: row.client_id,
            registration_id: row.registration_id,
            athlete_id: row.athlete_id,
            athlete_name: row.athlete_name,
            scopes: Scope::parse_list(&row.scopes),
            requested_scopes: Scope::parse_list(&row.requested_scopes),
            access_expires_at: instant(row.access_expires_at)?,
            created_at: parse_instant(&row.created_at)?,
            last_refresh_at: instant(row.last_refresh_at)?,
            last_sync_at: instant(row.last_sync_at)?,
            last_error: row.last_error,
            last_error_code: row.last_error_code,
        })
    }
}

pub(crate) fn parse_instant(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::BadValue(format!("timestamp {text}")))
}

pub(crate) fn instant_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn scope_text(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(Scope::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

const COLUMNS: &str = "id, provider, auth_kind, status, origin, client_id, registration_id, athlete_id, athlete_name, scopes, requested_scopes, access_expires_at, created_at, last_refresh_at, last_sync_at, last_error, last_error_code";

impl Store {
    /// Records a new connection, or refreshes the one with the same id (a reconnect): it is
    /// active again, its last error is cleared, and its cache is untouched.
    pub async fn save_connection(
        &self,
        new: &NewConnection,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO connections (id, provider, auth_kind, status, origin, client_id, registration_id,
               athlete_id, athlete_name, scopes, requested_scopes, access_expires_at, created_at, last_refresh_at)
             VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
             ON CONFLICT(id) DO UPDATE SET auth_kind = excluded.auth_kind, status = 'active',
               origin = excluded.origin, client_id = excluded.client_id, registration_id = excluded.registration_id,
               athlete_id = excluded.athlete_id, athlete_name = excluded.athlete_name, scopes = excluded.scopes,
               requested_scopes = excluded.requested_scopes, access_expires_at = excluded.access_expires_at,
               last_error = NULL, last_error_code = NULL",
        )
        .bind(&new.id.0)
        .bind(new.provider.as_str())
        .bind(new.auth_kind.as_str())
        .bind(&new.origin)
        .bind(&new.client_id)
        .bind(&new.registration_id)
        .bind(&new.athlete_id)
        .bind(&new.athlete_name)
        .bind(scope_text(&new.scopes))
        .bind(scope_text(&new.requested_scopes))
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

    /// Notes a token refresh at `at` and the new access token's expiry.
    pub async fn record_refresh(
        &self,
        id: &ConnectionId,
        at: DateTime<Utc>,
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE connections SET access_expires_at = ?, last_refresh_at = ? WHERE id = ?",
        )
        .bind(expires_at.map(instant_text))
        .bind(instant_text(at))
        .bind(&id.0)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The platform no longer accepts the sign-in: the connection waits for a reconnect, with
    /// `message` saying why. Nothing cached is touched.
    pub async fn mark_reauth_required(
        &self,
        id: &ConnectionId,
        message: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE connections SET status = 'reauth_required', last_error = ?,
               last_error_code = 'reauth_required' WHERE id = ?",
        )
        .bind(message)
        .bind(&id.0)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The person disconnected and chose to keep the cached data: the connection stays, as a
    /// record of where that data came from, with no expiry and no error.
    pub async fn mark_disconnected(&self, id: &ConnectionId) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE connections SET status = 'disconnected', access_expires_at = NULL,
               last_error = NULL, last_error_code = NULL WHERE id = ?",
        )
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
        sqlx::query(
            "UPDATE connections SET last_sync_at = ?, last_error = NULL, last_error_code = NULL
             WHERE id = ?",
        )
        .bind(instant_text(at))
        .bind(&id.0)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Notes why the last sync failed: its error code and a sentence for a person.
    pub async fn record_sync_error(
        &self,
        id: &ConnectionId,
        code: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE connections SET last_error = ?, last_error_code = ? WHERE id = ?")
            .bind(message)
            .bind(code)
            .bind(&id.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Forgets a connection and everything cached for it (the purge of a disconnect).
    pub async fn delete_connection(&self, id: &ConnectionId) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM connections WHERE id = ?")
            .bind(&id.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
