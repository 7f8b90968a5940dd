//! The `app_registrations` table: the client ids a person registered with a platform, entered
//! once in the "App registration" form and used by every sign-in to that platform. A
//! confidential app's client secret is in the keychain under the registration's id, never here.

use crate::connections::{instant_text, parse_instant};
use crate::{Store, StoreError};
use chrono::{DateTime, Utc};
use offpeak_domain::ProviderKind;

/// One registered app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppRegistration {
    pub id: String,
    pub provider: ProviderKind,
    pub origin: String,
    pub client_id: String,
    /// True when a client secret is kept in the keychain for it.
    pub confidential: bool,
    /// The loopback ports the platform accepts for this app, for platforms that demand
    /// registered redirect ports; empty means any port.
    pub redirect_ports: Vec<u16>,
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    provider: String,
    origin: String,
    client_id: String,
    confidential: bool,
    redirect_ports: String,
    created_at: String,
}

impl TryFrom<Row> for AppRegistration {
    type Error = StoreError;

    fn try_from(row: Row) -> Result<AppRegistration, StoreError> {
        Ok(AppRegistration {
            provider: ProviderKind::parse(&row.provider).ok_or_else(|| {
                StoreError::BadValue(format!("unknown provider {}", row.provider))
            })?,
            id: row.id,
            origin: row.origin,
            client_id: row.client_id,
            confidential: row.confidential,
            redirect_ports: row
                .redirect_ports
                .split(',')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    p.parse()
                        .map_err(|_| StoreError::BadValue(format!("redirect port {p}")))
                })
                .collect::<Result<_, _>>()?,
            created_at: parse_instant(&row.created_at)?,
        })
    }
}

impl Store {
    /// Records a registration, or updates the one for the same platform, origin and client id
    /// (keeping its id, so the keychain entry and the connections that use it stay valid).
    /// Returns the registration as stored.
    pub async fn save_registration(
        &self,
        registration: &AppRegistration,
    ) -> Result<AppRegistration, StoreError> {
        sqlx::query(
            "INSERT INTO app_registrations (id, provider, origin, client_id, confidential, redirect_ports, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(provider, origin, client_id) DO UPDATE SET confidential = excluded.confidential,
               redirect_ports = excluded.redirect_ports",
        )
        .bind(&registration.id)
        .bind(registration.provider.as_str())
        .bind(&registration.origin)
        .bind(&registration.client_id)
        .bind(registration.confidential)
        .bind(
            registration
                .redirect_ports
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(","),
        )
        .bind(instant_text(registration.created_at))
        .execute(self.pool())
        .await?;
        let row: Row = sqlx::query_as(
            "SELECT id, provider, origin, client_id, confidential, redirect_ports, created_at FROM app_registrations
             WHERE provider = ? AND origin = ? AND client_id = ?",
        )
        .bind(registration.provider.as_str())
        .bind(&registration.origin)
        .bind(&registration.client_id)
        .fetch_one(self.pool())
        .await?;
        row.try_into()
    }

    /// Every registration, oldest first.
    pub async fn registrations(&self) -> Result<Vec<AppRegistration>, StoreError> {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, provider, origin, client_id, confidential, redirect_ports, created_at FROM app_registrations
             ORDER BY created_at, id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(AppRegistration::try_from).collect()
    }

    pub async fn registration(&self, id: &str) -> Result<Option<AppRegistration>, StoreError> {
        let row: Option<Row> = sqlx::query_as(
            "SELECT id, provider, origin, client_id, confidential, redirect_ports, created_at FROM app_registrations
             WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.map(AppRegistration::try_from).transpose()
    }

    /// Forgets a registration. Connections made with it keep working until their tokens need
    /// a refresh that needs the secret; the caller removes the secret from the keychain.
    pub async fn delete_registration(&self, id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM app_registrations WHERE id = ?")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
