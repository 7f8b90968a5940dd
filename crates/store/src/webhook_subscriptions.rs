//! The `webhook_subscriptions` table: the webhook subscription a connection holds at its
//! platform. The subscription's signing secret lives in the OS keychain, never here.

use crate::connections::{instant_text, parse_instant};
use crate::{Store, StoreError};
use chrono::{DateTime, Utc};
use offpeak_domain::ConnectionId;

/// A connection's webhook subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookSubscription {
    /// The platform's id for the subscription.
    pub subscription_id: String,
    /// Where the platform delivers events.
    pub callback_url: String,
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Records (or replaces) a connection's webhook subscription.
    pub async fn save_webhook_subscription(
        &self,
        connection: &ConnectionId,
        subscription: &WebhookSubscription,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO webhook_subscriptions (connection_id, subscription_id, callback_url, created_at)
             VALUES (?, ?, ?, ?)
             ON CONFLICT(connection_id) DO UPDATE SET subscription_id = excluded.subscription_id,
               callback_url = excluded.callback_url, created_at = excluded.created_at",
        )
        .bind(&connection.0)
        .bind(&subscription.subscription_id)
        .bind(&subscription.callback_url)
        .bind(instant_text(subscription.created_at))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn webhook_subscription(
        &self,
        connection: &ConnectionId,
    ) -> Result<Option<WebhookSubscription>, StoreError> {
        let row: Option<(String, String, String)> = sqlx::query_as(
            "SELECT subscription_id, callback_url, created_at FROM webhook_subscriptions
             WHERE connection_id = ?",
        )
        .bind(&connection.0)
        .fetch_optional(self.pool())
        .await?;
        row.map(|(subscription_id, callback_url, created_at)| {
            Ok(WebhookSubscription {
                subscription_id,
                callback_url,
                created_at: parse_instant(&created_at)?,
            })
        })
        .transpose()
    }

    pub async fn delete_webhook_subscription(
        &self,
        connection: &ConnectionId,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM webhook_subscriptions WHERE connection_id = ?")
            .bind(&connection.0)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
