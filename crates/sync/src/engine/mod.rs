//! Syncing connections: the athletes and their profiles first, then the calendar window of
//! every athlete (usable within seconds), then history and changes, then activity streams.
//! Each page is written in one transaction with its checkpoint, so a killed sync resumes where
//! it stopped and nothing is read twice into the cache or missed. A sync can be cancelled at
//! any moment: what was written stays, the rest is fetched next time.

mod athletes;
mod intervals;
mod objects;
mod session;
mod streams;
mod velopeak;
pub mod windows;

use crate::access::AccessTokens;
use crate::progress::{ProgressHub, ProgressTracker, SyncPhase};
use crate::settings::SyncSettings;
use crate::{ErrorCode, SyncError};
use chrono::{DateTime, Local, Utc};
use offpeak_domain::{Activity, ConnectionId, ConnectionStatus, Workout};
use offpeak_provider::ProviderError;
use offpeak_provider::manners::{Manners, RetryPolicy};
use offpeak_provider::velopeak::WebhookSubscription;
use offpeak_store::{ConnectionRecord, Store};
use offpeak_vault::Vault;
use session::{Platform, Session};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio_util::sync::CancellationToken;

/// What a finished sync left in the cache for the connection, and what it cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub workouts: u64,
    pub activities: u64,
    pub streams_fetched: u64,
    pub requests: u64,
    pub bytes: u64,
    pub finished_at: DateTime<Utc>,
}

/// Syncs connections. One sync at a time per connection; different connections sync side by
/// side. Owns the [`AccessTokens`] so refreshes are serialized across everything it does, and
/// one set of network manners per connection, so its rate limit is shared by every request.
#[derive(Debug)]
pub struct Syncer {
    store: Store,
    vault: Vault,
    http: reqwest::Client,
    tokens: AccessTokens,
    hub: ProgressHub,
    policy: RetryPolicy,
    running: Mutex<HashMap<ConnectionId, Arc<tokio::sync::Mutex<()>>>>,
    cancels: Mutex<HashMap<ConnectionId, CancellationToken>>,
    manners: Mutex<HashMap<ConnectionId, Manners>>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Syncer {
    pub fn new(store: Store, vault: Vault, http: reqwest::Client) -> Syncer {
        Syncer {
            tokens: AccessTokens::new(store.clone(), vault.clone(), http.clone()),
            store,
            vault,
            http,
            hub: ProgressHub::default(),
            policy: RetryPolicy::default(),
            running: Mutex::default(),
            cancels: Mutex::default(),
            manners: Mutex::default(),
        }
    }

    /// The same syncer with other retry delays and limits (tests shorten them).
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Syncer {
        self.policy = policy;
        self
    }

    pub fn tokens(&self) -> &AccessTokens {
        &self.tokens
    }

    /// Where progress reports go.
    pub fn progress(&self) -> &ProgressHub {
        &self.hub
    }

    /// Requests and bytes of the connection since start-up.
    pub fn request_stats(&self, id: &ConnectionId) -> offpeak_provider::manners::RequestStats {
        lock(&self.manners)
            .get(id)
            .map(Manners::stats)
            .unwrap_or_default()
    }

    fn manners_for(&self, id: &ConnectionId) -> Manners {
        lock(&self.manners)
            .entry(id.clone())
            .or_insert_with(|| Manners::with_policy(self.policy.clone()))
            .clone()
    }

    /// Stops the connection's sync under way, if any; what it wrote stays.
    pub fn cancel(&self, id: &ConnectionId) -> bool {
        match lock(&self.cancels).get(id) {
            Some(cancel) => {
                cancel.cancel();
                true
            }
            None => false,
        }
    }

    /// True while the connection syncs.
    pub fn is_syncing(&self, id: &ConnectionId) -> bool {
        lock(&self.cancels).contains_key(id)
    }

    async fn session(
        &self,
        record: ConnectionRecord,
        cancel: CancellationToken,
    ) -> Result<Session<'_>, SyncError> {
        let manners = self.manners_for(&record.id);
        let progress = ProgressTracker::new(self.hub.clone(), record.id.clone());
        Session::open(self, record, manners, progress, cancel).await
    }

    /// The connection, when it may sync.
    async fn active(&self, id: &ConnectionId) -> Result<ConnectionRecord, SyncError> {
        let record = self
            .store
            .connection(id)
            .await?
            .ok_or_else(|| SyncError::UnknownConnection(id.0.clone()))?;
        match record.status {
            ConnectionStatus::Active => Ok(record),
            ConnectionStatus::ReauthRequired => Err(SyncError::from(ProviderError::ReauthRequired)
                .for_connection(record.provider, record.auth_kind)),
            ConnectionStatus::Disconnected => Err(SyncError::Disconnected),
        }
    }

    /// Brings the cache up to date for one connection and records how it went.
    pub async fn sync(&self, id: &ConnectionId) -> Result<SyncReport, SyncError> {
        let one = lock(&self.running).entry(id.clone()).or_default().clone();
        let _one_at_a_time = one.lock().await;
        let cancel = CancellationToken::new();
        lock(&self.cancels).insert(id.clone(), cancel.clone());
        let result = self.sync_locked(id, cancel).await;
        lock(&self.cancels).remove(id);
        result
    }

    /// Tells the progress listeners how a sync that could not start ended (a connection that
    /// needs reconnecting, a keychain without its sign-in).
    fn report_refusal(&self, id: &ConnectionId, error: &SyncError) {
        let phase = if error.code() == ErrorCode::Offline {
            SyncPhase::Offline
        } else {
            SyncPhase::Failed
        };
        ProgressTracker::new(self.hub.clone(), id.clone()).finish(
            phase,
            Some(error.message()),
            (0, 0),
        );
    }

    async fn sync_locked(
        &self,
        id: &ConnectionId,
        cancel: CancellationToken,
    ) -> Result<SyncReport, SyncError> {
        let record = match self.active(id).await {
            Ok(record) => record,
            Err(error) => {
                self.report_refusal(id, &error);
                return Err(error);
            }
        };
        let (provider, auth_kind) = (record.provider, record.auth_kind);
        let session = match self.session(record, cancel).await {
            Ok(session) => session,
            Err(error) => {
                let error = error.for_connection(provider, auth_kind);
                self.report_refusal(id, &error);
                return Err(error);
            }
        };
        let result = self
            .run(&session)
            .await
            .map_err(|e| e.for_connection(provider, auth_kind));
        let counters = session.counters();
        match &result {
            Ok(report) => {
                self.store
                    .record_sync_success(id, report.finished_at)
                    .await?;
                session.progress.finish(SyncPhase::Finished, None, counters);
            }
            Err(SyncError::Cancelled) => {
                session.progress.finish(
                    SyncPhase::Cancelled,
                    Some("Sync cancelled. What was already fetched is kept; the rest follows next time.".into()),
                    counters,
                );
            }
            Err(error) => {
                let code = error.code();
                let message = error.message();
                tracing::warn!(connection = %id, code = code.as_str(), "sync failed: {message}");
                if code == ErrorCode::ReauthRequired {
                    self.store.mark_reauth_required(id, &message).await?;
                } else {
                    self.store
                        .record_sync_error(id, code.as_str(), &message)
                        .await?;
                }
                let phase = if code == ErrorCode::Offline {
                    SyncPhase::Offline
                } else {
                    SyncPhase::Failed
                };
                session.progress.finish(phase, Some(message), counters);
            }
        }
        result
    }

    async fn run(&self, session: &Session<'_>) -> Result<SyncReport, SyncError> {
        let settings = SyncSettings::load(&self.store).await?;
        let today = Local::now().date_naive();
        let connection = &session.record.id;
        let athletes = athletes::refresh(session).await?;
        for reach in velopeak::Reach::IN_ORDER {
            for athlete in &athletes {
                summaries(session, athlete, reach, today).await?;
            }
        }
        let streams_fetched = streams::sync(session, settings.streams, today).await?;
        let (requests, bytes) = session.counters();
        Ok(SyncReport {
            workouts: self.store.workout_count(connection).await?,
            activities: self.store.activity_count(connection).await?,
            streams_fetched,
            requests,
            bytes,
            finished_at: Utc::now(),
        })
    }

    /// Fetches one activity's streams now, when the cache lacks them or holds stale ones (the
    /// activity a person just opened). True when streams were fetched.
    pub async fn fetch_streams_now(
        &self,
        id: &ConnectionId,
        activity_id: &str,
    ) -> Result<bool, SyncError> {
        let record = self.active(id).await?;
        let Some(task) = self.store.stream_task(id, activity_id).await? else {
            return Ok(false);
        };
        let (provider, auth_kind) = (record.provider, record.auth_kind);
        let session = self.session(record, CancellationToken::new()).await?;
        streams::fetch_one(&session, task)
            .await
            .map_err(|e| e.for_connection(provider, auth_kind))?;
        Ok(true)
    }

    /// Makes the connection's next sync re-read all history, as the weekly reconciliation pass
    /// does, instead of waiting for that pass to fall due (a "check everything again" for a
    /// person who edited old activities). Only platforms read by date windows (Intervals.icu)
    /// need it: there, an edit older than the recent window is found by that pass alone. A
    /// platform with a change feed misses nothing, and `Ok(false)` says nothing was asked.
    /// Safe while a sync runs: the request is kept apart from the sync's own state.
    pub async fn request_reconciliation(&self, id: &ConnectionId) -> Result<bool, SyncError> {
        let record = self
            .store
            .connection(id)
            .await?
            .ok_or_else(|| SyncError::UnknownConnection(id.0.clone()))?;
        if record.provider != offpeak_domain::ProviderKind::Intervals {
            return Ok(false);
        }
        intervals::request_reconciliation(&self.store, id).await?;
        Ok(true)
    }

    /// Subscribes a VeloPeak connection to webhooks delivered to `callback_url`.
    pub async fn subscribe_webhooks(
        &self,
        id: &ConnectionId,
        callback_url: &str,
    ) -> Result<WebhookSubscription, SyncError> {
        let record = self.active(id).await?;
        let session = self.session(record, CancellationToken::new()).await?;
        let Platform::Velopeak(client) = &session.platform else {
            return Err(SyncError::InvalidInput(
                "webhooks are offered by VeloPeak-style platforms only".into(),
            ));
        };
        session
            .call(|token| async move {
                client
                    .subscribe_webhook(&token, callback_url, &crate::webhooks::EVENTS)
                    .await
            })
            .await
    }

    /// Ends a webhook subscription at the platform (one already gone counts as ended).
    pub async fn unsubscribe_webhooks(
        &self,
        id: &ConnectionId,
        subscription_id: &str,
    ) -> Result<(), SyncError> {
        let record = self.active(id).await?;
        let session = self.session(record, CancellationToken::new()).await?;
        let Platform::Velopeak(client) = &session.platform else {
            return Ok(());
        };
        session
            .call(|token| async move { client.delete_webhook(&token, subscription_id).await })
            .await
    }

    /// Brings one object a webhook named up to date (or removes it when it is gone).
    pub async fn sync_object(
        &self,
        id: &ConnectionId,
        object: &objects::ObjectRef,
    ) -> Result<(), SyncError> {
        let record = self.active(id).await?;
        let (provider, auth_kind) = (record.provider, record.auth_kind);
        let settings = SyncSettings::load(&self.store).await?;
        let session = self.session(record, CancellationToken::new()).await?;
        objects::sync(
            &session,
            object,
            settings.streams,
            Local::now().date_naive(),
        )
        .await
        .map_err(|e| e.for_connection(provider, auth_kind))
    }
}

pub use objects::{ObjectKind, ObjectRef};

/// The summaries of one athlete, as far as `reach`.
async fn summaries(
    session: &Session<'_>,
    athlete: &str,
    reach: velopeak::Reach,
    today: chrono::NaiveDate,
) -> Result<(), SyncError> {
    match &session.platform {
        Platform::Velopeak(client) => {
            velopeak::sync::<Workout>(session, client, athlete, reach, today).await?;
            velopeak::sync::<Activity>(session, client, athlete, reach, today).await
        }
        Platform::Intervals(client) => {
            for resource in intervals::Resource::ALL {
                if granted(&session.record, resource.scope()) {
                    intervals::sync(session, client, athlete, resource, reach, today).await?;
                }
            }
            Ok(())
        }
    }
}

/// True when the connection may read what `scope` covers: an API key reads everything; an
/// OAuth grant reads what the person ticked (a write scope includes reading).
fn granted(record: &ConnectionRecord, scope: &str) -> bool {
    if record.auth_kind == offpeak_domain::AuthKind::ApiKey {
        return true;
    }
    let area = scope.split(':').next().unwrap_or(scope);
    record
        .scopes
        .iter()
        .any(|s| s.as_str() == scope || s.as_str() == format!("{area}:WRITE"))
}
