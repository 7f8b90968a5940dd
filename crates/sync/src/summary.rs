//! What the accounts screen shows for each connection: the record, whom it reads, how much of
//! the cache it takes, and its webhook subscription (live updates).

use crate::SyncError;
use offpeak_store::{AthleteRecord, CacheUsage, ConnectionRecord, Store, WebhookSubscription};

#[derive(Debug, Clone, PartialEq)]
pub struct AccountSummary {
    pub connection: ConnectionRecord,
    pub athletes: Vec<AthleteRecord>,
    pub cache: CacheUsage,
    /// Where the platform delivers the connection's changes, when live updates are on.
    pub live_updates: Option<WebhookSubscription>,
}

/// Every connection, oldest first.
pub async fn accounts(store: &Store) -> Result<Vec<AccountSummary>, SyncError> {
    let mut all = Vec::new();
    for connection in store.connections().await? {
        all.push(account(store, connection).await?);
    }
    Ok(all)
}

/// One connection with its athletes and cache usage.
pub async fn account(
    store: &Store,
    connection: ConnectionRecord,
) -> Result<AccountSummary, SyncError> {
    Ok(AccountSummary {
        athletes: store.athletes(&connection.id).await?,
        cache: store.cache_usage(&connection.id).await?,
        live_updates: store.webhook_subscription(&connection.id).await?,
        connection,
    })
}
