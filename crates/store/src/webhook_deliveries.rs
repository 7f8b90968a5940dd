//! The `webhook_deliveries` table: the ids of webhook deliveries already handled, so a replayed
//! delivery is recognised and ignored. Ids are kept for 30 days.

use crate::connections::instant_text;
use crate::{Store, StoreError};
use chrono::{DateTime, TimeDelta, Utc};
use offpeak_domain::ConnectionId;

/// How long a delivery id is remembered.
const KEPT_FOR_DAYS: i64 = 30;

impl Store {
    /// Notes a delivery received `at`: `true` the first time its id is seen, `false` for a
    /// replay. Forgets deliveries received more than 30 days before `at`.
    pub async fn record_delivery(
        &self,
        delivery_id: &str,
        connection: Option<&ConnectionId>,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool().begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("DELETE FROM webhook_deliveries WHERE received_at < ?")
            .bind(instant_text(at - TimeDelta::days(KEPT_FOR_DAYS)))
            .execute(&mut *tx)
            .await?;
        let inserted = sqlx::query(
            "INSERT INTO webhook_deliveries (delivery_id, connection_id, received_at) VALUES (?, ?, ?)
             ON CONFLICT(delivery_id) DO NOTHING",
        )
        .bind(delivery_id)
        .bind(connection.map(|c| c.0.as_str()))
        .bind(instant_text(at))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(inserted == 1)
    }
}
