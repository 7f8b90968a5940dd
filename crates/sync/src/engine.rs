//! Syncing one connection: page through the platform's lists into the cache, resumably.

use crate::SyncError;
use crate::credentials::{self, StoredTokens};
use chrono::{DateTime, Utc};
use offpeak_domain::ConnectionId;
use offpeak_provider::velopeak::{self, Page, VelopeakClient};
use offpeak_provider::{ProviderError, oauth};
use offpeak_store::{Checkpoint, ConnectionRecord, Resource, Store};
use offpeak_vault::Vault;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Refresh an access token this long before it expires.
const REFRESH_AHEAD: chrono::Duration = chrono::Duration::seconds(120);

/// What a finished sync left in the cache for the connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub workouts: u64,
    pub activities: u64,
    pub finished_at: DateTime<Utc>,
}

/// Syncs connections. One sync at a time per connection (so one refresh at a time); different
/// connections sync side by side.
#[derive(Debug)]
pub struct Syncer {
    store: Store,
    vault: Vault,
    http: reqwest::Client,
    running: Mutex<HashMap<ConnectionId, Arc<tokio::sync::Mutex<()>>>>,
}

impl Syncer {
    pub fn new(store: Store, vault: Vault, http: reqwest::Client) -> Syncer {
        Syncer {
            store,
            vault,
            http,
            running: Mutex::new(HashMap::new()),
        }
    }

    /// Brings the cache up to date for one connection and records how it went.
    pub async fn sync(&self, id: &ConnectionId) -> Result<SyncReport, SyncError> {
        let lock = self
            .running
            .lock()
            .expect("sync lock map poisoned")
            .entry(id.clone())
            .or_default()
            .clone();
        let _one_at_a_time = lock.lock().await;
        let record = self
            .store
            .connection(id)
            .await?
            .ok_or_else(|| SyncError::UnknownConnection(id.0.clone()))?;
        let result = self.sync_connection(&record).await;
        match &result {
            Ok(report) => {
                self.store
                    .record_sync_success(id, report.finished_at)
                    .await?
            }
            Err(error) => {
                tracing::warn!(connection = %id, code = error.code().as_str(), "sync failed: {error}");
                self.store.record_sync_error(id, &error.message()).await?;
            }
        }
        result
    }

    async fn sync_connection(&self, record: &ConnectionRecord) -> Result<SyncReport, SyncError> {
        let tokens = credentials::load_tokens(&self.vault, &record.id)
            .await?
            .ok_or(SyncError::MissingCredentials)?;
        let mut session = Session {
            syncer: self,
            record,
            tokens,
            client: VelopeakClient::new(self.http.clone(), &record.origin),
        };
        session.refresh_if_due().await?;
        for resource in [Resource::Workouts, Resource::Activities] {
            session.sync_resource(resource).await?;
        }
        Ok(SyncReport {
            workouts: self.store.workout_count(&record.id).await?,
            activities: self.store.activity_count(&record.id).await?,
            finished_at: Utc::now(),
        })
    }
}

/// One sync of one connection, holding its current tokens.
struct Session<'a> {
    syncer: &'a Syncer,
    record: &'a ConnectionRecord,
    tokens: StoredTokens,
    client: VelopeakClient,
}

impl Session<'_> {
    /// Pages through one resource from its checkpoint (or the start) to the end.
    async fn sync_resource(&mut self, resource: Resource) -> Result<(), SyncError> {
        let store = &self.syncer.store;
        let id = &self.record.id;
        let mut cursor = store.sync_state(id, resource).await?.next_cursor;
        loop {
            let next = match resource {
                Resource::Workouts => {
                    let page = self
                        .fetch(
                            |client, token, c| Box::pin(client.workouts_page(token, c)),
                            cursor.as_deref(),
                        )
                        .await?;
                    store
                        .save_workouts_page(id, &page.items, &checkpoint(&page))
                        .await?;
                    page.next_cursor
                }
                Resource::Activities => {
                    let page = self
                        .fetch(
                            |client, token, c| Box::pin(client.activities_page(token, c)),
                            cursor.as_deref(),
                        )
                        .await?;
                    store
                        .save_activities_page(id, &page.items, &checkpoint(&page))
                        .await?;
                    page.next_cursor
                }
            };
            match next {
                Some(c) => cursor = Some(c),
                None => return Ok(()),
            }
        }
    }

    /// Fetches one page; a rejected access token is refreshed once and the page asked again.
    async fn fetch<T, F>(&mut self, call: F, cursor: Option<&str>) -> Result<Page<T>, SyncError>
    where
        F: for<'c> Fn(
            &'c VelopeakClient,
            &'c offpeak_domain::Sensitive<String>,
            Option<&'c str>,
        ) -> PageFuture<'c, T>,
    {
        match call(&self.client, &self.tokens.access_token, cursor).await {
            Err(ProviderError::AccessTokenRejected) => {
                self.refresh().await?;
                match call(&self.client, &self.tokens.access_token, cursor).await {
                    Err(ProviderError::AccessTokenRejected) => {
                        Err(ProviderError::ReauthRequired.into())
                    }
                    other => Ok(other?),
                }
            }
            other => Ok(other?),
        }
    }

    async fn refresh_if_due(&mut self) -> Result<(), SyncError> {
        match self.tokens.expires_at {
            Some(at) if at - Utc::now() < REFRESH_AHEAD && self.tokens.refresh_token.is_some() => {
                self.refresh().await
            }
            _ => Ok(()),
        }
    }

    /// Refreshes the access token. The answer (with its rotated refresh token) is in the
    /// keychain before the new access token is used.
    async fn refresh(&mut self) -> Result<(), SyncError> {
        let Some(refresh_token) = self.tokens.refresh_token.clone() else {
            return Err(ProviderError::ReauthRequired.into());
        };
        let vault = &self.syncer.vault;
        let secret = credentials::load_client_secret(vault, &self.record.id).await?;
        let profile = velopeak::oauth_profile(&self.record.origin, &self.record.client_id, secret);
        let fresh = oauth::refresh(&self.syncer.http, &profile, &refresh_token).await?;
        credentials::save_tokens(vault, &self.record.id, &fresh).await?;
        self.syncer
            .store
            .set_access_expiry(&self.record.id, fresh.expires_at)
            .await?;
        self.tokens = StoredTokens {
            access_token: fresh.access_token,
            refresh_token: fresh.refresh_token,
            expires_at: fresh.expires_at,
        };
        Ok(())
    }
}

type PageFuture<'c, T> =
    std::pin::Pin<Box<dyn Future<Output = Result<Page<T>, ProviderError>> + Send + 'c>>;

fn checkpoint<T>(page: &Page<T>) -> Checkpoint {
    match &page.next_cursor {
        Some(cursor) => Checkpoint::Continue(cursor.clone()),
        None => Checkpoint::Complete(Utc::now()),
    }
}
