//! One sync of one connection: its record, the platform client with the connection's network
//! manners, the current access token, the cancel switch and the progress tracker. Every
//! request goes through [`Session::call`] (VeloPeak-style, with a token) or
//! [`Session::run`]: a cancelled sync stops at once, a refused token is refreshed once.

use super::Syncer;
use crate::access::{AccessToken, AccessTokens};
use crate::progress::{ProgressTracker, SyncPhase};
use crate::{SyncError, credentials};
use offpeak_domain::{AuthKind, ProviderKind, Sensitive};
use offpeak_provider::ProviderError;
use offpeak_provider::intervals::{IntervalsAuth, IntervalsClient};
use offpeak_provider::manners::Manners;
use offpeak_provider::velopeak::VelopeakClient;
use offpeak_store::{ConnectionRecord, Store};
use tokio_util::sync::CancellationToken;

/// The platform side of a session.
pub(crate) enum Platform {
    Velopeak(VelopeakClient),
    Intervals(IntervalsClient),
}

pub(crate) struct Session<'a> {
    pub store: &'a Store,
    pub record: ConnectionRecord,
    pub platform: Platform,
    pub manners: Manners,
    pub progress: ProgressTracker,
    pub cancel: CancellationToken,
    tokens: &'a AccessTokens,
    token: tokio::sync::Mutex<Option<AccessToken>>,
}

impl<'a> Session<'a> {
    pub(crate) async fn open(
        syncer: &'a Syncer,
        record: ConnectionRecord,
        manners: Manners,
        progress: ProgressTracker,
        cancel: CancellationToken,
    ) -> Result<Session<'a>, SyncError> {
        let (store, vault, http, tokens) =
            (&syncer.store, &syncer.vault, &syncer.http, &syncer.tokens);
        let platform = match record.provider {
            ProviderKind::Velopeak | ProviderKind::Velocity => Platform::Velopeak(
                VelopeakClient::new(http.clone(), &record.origin).with_manners(manners.clone()),
            ),
            ProviderKind::Intervals => {
                let auth = match record.auth_kind {
                    AuthKind::ApiKey => IntervalsAuth::ApiKey(
                        credentials::load_api_key(vault, &record.id)
                            .await?
                            .ok_or(SyncError::MissingCredentials)?,
                    ),
                    AuthKind::OAuth => IntervalsAuth::Bearer(tokens.current(&record).await?.token),
                };
                Platform::Intervals(
                    IntervalsClient::new(http.clone(), &record.origin, auth)
                        .with_manners(manners.clone()),
                )
            }
        };
        Ok(Session {
            store,
            record,
            platform,
            manners,
            progress,
            cancel,
            tokens,
            token: tokio::sync::Mutex::new(None),
        })
    }

    /// Requests and bytes so far, for progress reports.
    pub(crate) fn counters(&self) -> (u64, u64) {
        let stats = self.manners.stats();
        (stats.requests, stats.bytes)
    }

    pub(crate) fn phase(&self, phase: SyncPhase, total: Option<u64>) {
        self.progress.phase(phase, total, self.counters());
    }

    pub(crate) fn advance(&self, n: u64) {
        self.progress.advance(n, self.counters());
    }

    /// Fails with [`SyncError::Cancelled`] once the sync was cancelled.
    pub(crate) fn check_cancelled(&self) -> Result<(), SyncError> {
        if self.cancel.is_cancelled() {
            Err(SyncError::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Runs a request unless or until the sync is cancelled.
    pub(crate) async fn run<T>(
        &self,
        request: impl Future<Output = Result<T, ProviderError>>,
    ) -> Result<T, SyncError> {
        tokio::select! {
            biased;
            () = self.cancel.cancelled() => Err(SyncError::Cancelled),
            result = request => Ok(result?),
        }
    }

    async fn token(&self) -> Result<Sensitive<String>, SyncError> {
        let mut held = self.token.lock().await;
        match held.as_ref() {
            Some(token) if !token.due() => Ok(token.token.clone()),
            _ => {
                let fresh = self.tokens.current(&self.record).await?;
                let token = fresh.token.clone();
                *held = Some(fresh);
                Ok(token)
            }
        }
    }

    /// Runs a request that needs the access token; a refused token is refreshed once (or the
    /// one another request already refreshed is used) and the request asked again.
    pub(crate) async fn call<T, F, Fut>(&self, request: F) -> Result<T, SyncError>
    where
        F: Fn(Sensitive<String>) -> Fut,
        Fut: Future<Output = Result<T, ProviderError>>,
    {
        let token = self.token().await?;
        match self.run(request(token.clone())).await {
            Err(SyncError::Provider(ProviderError::AccessTokenRejected)) => {
                let fresh = {
                    let mut held = self.token.lock().await;
                    let fresh = self.tokens.after_rejection(&self.record, &token).await?;
                    let value = fresh.token.clone();
                    *held = Some(fresh);
                    value
                };
                match self.run(request(fresh)).await {
                    Err(SyncError::Provider(ProviderError::AccessTokenRejected)) => {
                        Err(ProviderError::ReauthRequired.into())
                    }
                    other => other,
                }
            }
            other => other,
        }
    }
}
