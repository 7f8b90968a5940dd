//! Access tokens for syncing: read from the keychain, refreshed ahead of expiry, one refresh at
//! a time per connection. A refresh's answer — with its rotated refresh token — is in the
//! keychain before the new access token is used, because the old refresh token is dead the
//! moment the platform answers. A refresh runs to its end on a task of its own, holding the
//! connection's lock, even when the sync that asked for it is cancelled: dropped halfway, the
//! platform's answer would be lost and the next refresh would present a dead token, which ends
//! the grant. A refused refresh (`invalid_grant`) turns the connection into "reconnect needed"
//! and leaves the cache alone.

use crate::{SyncError, credentials, profiles};
use chrono::Utc;
use offpeak_domain::{ConnectionId, Sensitive};
use offpeak_provider::{ProviderError, oauth};
use offpeak_store::{ConnectionRecord, Store};
use offpeak_vault::Vault;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// Refresh an access token this long before it expires.
pub const REFRESH_AHEAD: chrono::Duration = chrono::Duration::seconds(120);

/// An access token and when it stops working.
#[derive(Debug, Clone)]
pub struct AccessToken {
    pub token: Sensitive<String>,
    pub expires_at: Option<chrono::DateTime<Utc>>,
}

impl AccessToken {
    /// True when it should be refreshed before its next use.
    pub fn due(&self) -> bool {
        self.expires_at
            .is_some_and(|at| at - Utc::now() < REFRESH_AHEAD)
    }
}

/// Hands out access tokens and refreshes them, one refresh at a time per connection.
#[derive(Debug)]
pub struct AccessTokens {
    store: Store,
    vault: Vault,
    http: reqwest::Client,
    locks: std::sync::Mutex<HashMap<ConnectionId, Arc<Mutex<()>>>>,
}

impl AccessTokens {
    pub fn new(store: Store, vault: Vault, http: reqwest::Client) -> AccessTokens {
        AccessTokens {
            store,
            vault,
            http,
            locks: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// The lock that serializes refreshes (and disconnects) of one connection.
    pub(crate) fn lock_for(&self, id: &ConnectionId) -> Arc<Mutex<()>> {
        self.locks
            .lock()
            .expect("token lock map poisoned")
            .entry(id.clone())
            .or_default()
            .clone()
    }

    /// A usable access token: the stored one, or a fresh one when it expires within
    /// [`REFRESH_AHEAD`] and a refresh token is at hand.
    pub async fn current(&self, record: &ConnectionRecord) -> Result<AccessToken, SyncError> {
        let one_refresh = self.lock_for(&record.id).lock_owned().await;
        let tokens = self.stored(record).await?;
        let stored = AccessToken {
            token: tokens.access_token,
            expires_at: tokens.expires_at,
        };
        if stored.due() && tokens.refresh_token.is_some() {
            return self
                .refresh(record, tokens.refresh_token, one_refresh)
                .await;
        }
        Ok(stored)
    }

    /// The platform refused `rejected`: refresh — unless another task already has, in which
    /// case its token is used and no second refresh is made.
    pub async fn after_rejection(
        &self,
        record: &ConnectionRecord,
        rejected: &Sensitive<String>,
    ) -> Result<AccessToken, SyncError> {
        let one_refresh = self.lock_for(&record.id).lock_owned().await;
        let tokens = self.stored(record).await?;
        if tokens.access_token != *rejected {
            return Ok(AccessToken {
                token: tokens.access_token,
                expires_at: tokens.expires_at,
            });
        }
        self.refresh(record, tokens.refresh_token, one_refresh)
            .await
    }

    async fn stored(
        &self,
        record: &ConnectionRecord,
    ) -> Result<credentials::StoredTokens, SyncError> {
        match credentials::load_tokens(&self.vault, &record.id).await? {
            Some(tokens) => Ok(tokens),
            None => Err(reauth(&self.store, record, SyncError::MissingCredentials).await),
        }
    }

    /// Refreshes under the connection's lock, on a task that keeps the lock until the new
    /// tokens are in the keychain, whether or not the caller still waits for them.
    async fn refresh(
        &self,
        record: &ConnectionRecord,
        refresh_token: Option<Sensitive<String>>,
        one_refresh: OwnedMutexGuard<()>,
    ) -> Result<AccessToken, SyncError> {
        let Some(refresh_token) = refresh_token else {
            let error = SyncError::from(ProviderError::ReauthRequired);
            return Err(reauth(&self.store, record, error).await);
        };
        let (store, vault, http) = (self.store.clone(), self.vault.clone(), self.http.clone());
        let record = record.clone();
        let refreshing = tokio::spawn(async move {
            let refreshed = refresh(&store, &vault, &http, &record, &refresh_token).await;
            drop(one_refresh);
            refreshed
        });
        match refreshing.await {
            Ok(refreshed) => refreshed,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(_) => Err(SyncError::Cancelled),
        }
    }
}

/// Trades `refresh_token` for new tokens and keeps them in the keychain.
async fn refresh(
    store: &Store,
    vault: &Vault,
    http: &reqwest::Client,
    record: &ConnectionRecord,
    refresh_token: &Sensitive<String>,
) -> Result<AccessToken, SyncError> {
    let profile = profiles::for_connection(http, vault, record).await?;
    let fresh = match oauth::refresh(http, &profile, refresh_token).await {
        Ok(fresh) => fresh,
        Err(ProviderError::ReauthRequired) => {
            let error = SyncError::from(ProviderError::ReauthRequired);
            return Err(reauth(store, record, error).await);
        }
        Err(other) => return Err(other.into()),
    };
    credentials::save_tokens(vault, &record.id, &fresh).await?;
    store
        .record_refresh(&record.id, Utc::now(), fresh.expires_at)
        .await?;
    tracing::info!(connection = %record.id, "access token refreshed");
    Ok(AccessToken {
        token: fresh.access_token,
        expires_at: fresh.expires_at,
    })
}

/// Marks the connection "reconnect needed" and hands the error back.
async fn reauth(store: &Store, record: &ConnectionRecord, error: SyncError) -> SyncError {
    let error = error.for_connection(record.provider, record.auth_kind);
    if let Err(e) = store
        .mark_reauth_required(&record.id, &error.message())
        .await
    {
        tracing::warn!(connection = %record.id, "could not record reconnect needed: {e}");
    }
    error
}
