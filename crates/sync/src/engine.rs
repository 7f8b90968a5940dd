//! Syncing one connection: page through the platform's lists into the cache, resumably. Each
//! page is written in one transaction with its checkpoint, so a killed sync resumes where it
//! stopped and a second sync duplicates nothing. A refused access token is refreshed once
//! (through [`AccessTokens`]) and the page asked again.

use crate::access::{AccessToken, AccessTokens};
use crate::{SyncError, credentials};
use chrono::{DateTime, Days, Utc};
use offpeak_domain::{AuthKind, ConnectionId, ConnectionStatus, ProviderKind, Sensitive};
use offpeak_provider::ProviderError;
use offpeak_provider::intervals::{IntervalsAuth, IntervalsClient};
use offpeak_provider::velopeak::{Page, VelopeakClient};
use offpeak_store::{Checkpoint, ConnectionRecord, Resource, Store};
use offpeak_vault::Vault;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How far back and ahead an Intervals.icu connection is read (it has no change feed).
const INTERVALS_PAST_DAYS: u64 = 400;
const INTERVALS_FUTURE_DAYS: u64 = 90;

/// What a finished sync left in the cache for the connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub workouts: u64,
    pub activities: u64,
    pub finished_at: DateTime<Utc>,
}

/// Syncs connections. One sync at a time per connection; different connections sync side by
/// side. Owns the [`AccessTokens`] so refreshes are serialized across everything it does.
#[derive(Debug)]
pub struct Syncer {
    store: Store,
    vault: Vault,
    http: reqwest::Client,
    tokens: AccessTokens,
    running: Mutex<HashMap<ConnectionId, Arc<tokio::sync::Mutex<()>>>>,
}

impl Syncer {
    pub fn new(store: Store, vault: Vault, http: reqwest::Client) -> Syncer {
        Syncer {
            tokens: AccessTokens::new(store.clone(), vault.clone(), http.clone()),
            store,
            vault,
            http,
            running: Mutex::new(HashMap::new()),
        }
    }

    pub fn tokens(&self) -> &AccessTokens {
        &self.tokens
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
        match record.status {
            ConnectionStatus::Active => {}
            ConnectionStatus::ReauthRequired => {
                return Err(SyncError::from(ProviderError::ReauthRequired)
                    .for_connection(record.provider, record.auth_kind));
            }
            ConnectionStatus::Disconnected => return Err(SyncError::Disconnected),
        }
        let result = self
            .sync_connection(&record)
            .await
            .map_err(|e| e.for_connection(record.provider, record.auth_kind));
        match &result {
            Ok(report) => {
                self.store
                    .record_sync_success(id, report.finished_at)
                    .await?
            }
            Err(error) => {
                let code = error.code();
                tracing::warn!(connection = %id, code = code.as_str(), "sync failed: {error}");
                if code == crate::ErrorCode::ReauthRequired {
                    self.store
                        .mark_reauth_required(id, &error.message())
                        .await?;
                } else {
                    self.store
                        .record_sync_error(id, code.as_str(), &error.message())
                        .await?;
                }
            }
        }
        result
    }

    async fn sync_connection(&self, record: &ConnectionRecord) -> Result<SyncReport, SyncError> {
        match record.provider {
            ProviderKind::Velopeak | ProviderKind::Velocity => {
                let mut session = Session {
                    syncer: self,
                    record,
                    token: self.tokens.current(record).await?,
                    client: VelopeakClient::new(self.http.clone(), &record.origin),
                };
                for resource in [Resource::Workouts, Resource::Activities] {
                    session.sync_resource(resource).await?;
                }
            }
            ProviderKind::Intervals => self.sync_intervals(record).await?,
        }
        Ok(SyncReport {
            workouts: self.store.workout_count(&record.id).await?,
            activities: self.store.activity_count(&record.id).await?,
            finished_at: Utc::now(),
        })
    }

    /// Intervals.icu has no change feed: read a window of planned events and activities.
    async fn sync_intervals(&self, record: &ConnectionRecord) -> Result<(), SyncError> {
        let auth = match record.auth_kind {
            AuthKind::ApiKey => IntervalsAuth::ApiKey(
                credentials::load_api_key(&self.vault, &record.id)
                    .await?
                    .ok_or(SyncError::MissingCredentials)?,
            ),
            AuthKind::OAuth => IntervalsAuth::Bearer(self.tokens.current(record).await?.token),
        };
        let client = IntervalsClient::new(self.http.clone(), &record.origin, auth);
        let today = Utc::now().date_naive();
        let oldest = today - Days::new(INTERVALS_PAST_DAYS);
        let newest = today + Days::new(INTERVALS_FUTURE_DAYS);
        let athlete = &record.athlete_id;
        let workouts = client.events(athlete, oldest, newest).await?;
        let done = Checkpoint::Complete(Utc::now());
        self.store
            .save_workouts_page(&record.id, &workouts, &done)
            .await?;
        let activities = client.activities(athlete, oldest, newest).await?;
        self.store
            .save_activities_page(&record.id, &activities.activities, &done)
            .await?;
        Ok(())
    }
}

/// One sync of one VeloPeak-style connection, holding its current access token.
struct Session<'a> {
    syncer: &'a Syncer,
    record: &'a ConnectionRecord,
    token: AccessToken,
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

    /// Fetches one page; a refused access token is refreshed once and the page asked again.
    /// A token about to expire is refreshed before the request.
    async fn fetch<T, F>(&mut self, call: F, cursor: Option<&str>) -> Result<Page<T>, SyncError>
    where
        F: for<'c> Fn(
            &'c VelopeakClient,
            &'c Sensitive<String>,
            Option<&'c str>,
        ) -> PageFuture<'c, T>,
    {
        let tokens = &self.syncer.tokens;
        if self.token.due() {
            self.token = tokens.current(self.record).await?;
        }
        match call(&self.client, &self.token.token, cursor).await {
            Err(ProviderError::AccessTokenRejected) => {
                self.token = tokens
                    .after_rejection(self.record, &self.token.token)
                    .await?;
                match call(&self.client, &self.token.token, cursor).await {
                    Err(ProviderError::AccessTokenRejected) => {
                        Err(ProviderError::ReauthRequired.into())
                    }
                    other => Ok(other?),
                }
            }
            other => Ok(other?),
        }
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
