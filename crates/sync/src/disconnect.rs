//! Disconnecting an account: revoke Offpeak's access at the platform (RFC 7009, or Intervals.icu's
//! `disconnect-app`), delete the connection's secrets from the keychain, then keep the cached
//! data (the connection stays, marked disconnected) or purge it. A platform that cannot be
//! reached does not stop a disconnect: the person is told to revoke the app there themselves.

use crate::access::AccessTokens;
use crate::{SyncError, credentials, profiles};
use offpeak_domain::{AuthKind, ConnectionId, ConnectionStatus};
use offpeak_provider::oauth::{self, TokenTypeHint};
use offpeak_store::{ConnectionRecord, Store};
use offpeak_vault::Vault;

/// What a disconnect did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisconnectOutcome {
    /// The platform confirmed that the grant is revoked.
    pub revoked_at_server: bool,
    pub purged: bool,
    /// A sentence for the person.
    pub message: String,
}

pub async fn disconnect(
    store: &Store,
    vault: &Vault,
    http: &reqwest::Client,
    tokens: &AccessTokens,
    id: &ConnectionId,
    purge: bool,
) -> Result<DisconnectOutcome, SyncError> {
    let record = store
        .connection(id)
        .await?
        .ok_or_else(|| SyncError::UnknownConnection(id.0.clone()))?;
    // No refresh may rotate the tokens while they are being revoked.
    let lock = tokens.lock_for(id);
    let _no_refresh = lock.lock().await;
    let platform = record.provider.display_name();
    let revocation = match (record.status, record.auth_kind) {
        (ConnectionStatus::Disconnected, _) => Revocation::NothingLeft,
        (_, AuthKind::ApiKey) => Revocation::KeyStaysValid,
        (_, AuthKind::OAuth) => revoke(vault, http, &record).await,
    };
    credentials::delete_connection_secrets(vault, id).await?;
    // A grant that ended takes its webhook subscription with it.
    store.delete_webhook_subscription(id).await?;
    if purge {
        store.delete_connection(id).await?;
    } else {
        store.mark_disconnected(id).await?;
    }
    let kept = if purge {
        "its cached data was deleted from this computer"
    } else {
        "its cached calendar and activities stay on this computer"
    };
    let (revoked_at_server, message) = match revocation {
        Revocation::Done => (
            true,
            format!(
                "{platform} revoked Offpeak's access, the sign-in was deleted from the keychain, and {kept}."
            ),
        ),
        Revocation::NothingLeft => (
            false,
            format!("The account was already disconnected; {kept}."),
        ),
        Revocation::KeyStaysValid => (
            false,
            format!(
                "The API key was deleted from the keychain and {kept}. The key itself still works on {platform}: if you no longer trust it, delete it there under Settings → Developer Settings."
            ),
        ),
        Revocation::Failed(reason) => (
            false,
            format!(
                "The sign-in was deleted from the keychain and {kept}, but {platform} could not be told ({reason}). To be sure, revoke “Offpeak” on {platform}'s connected-apps page."
            ),
        ),
    };
    tracing::info!(connection = %id, purge, revoked_at_server, "disconnected");
    Ok(DisconnectOutcome {
        revoked_at_server,
        purged: purge,
        message,
    })
}

enum Revocation {
    Done,
    NothingLeft,
    KeyStaysValid,
    Failed(String),
}

/// Revokes the refresh token (which ends the whole grant) or, without one, the access token.
async fn revoke(vault: &Vault, http: &reqwest::Client, record: &ConnectionRecord) -> Revocation {
    let attempt = async {
        let Some(tokens) = credentials::load_tokens(vault, &record.id).await? else {
            return Ok::<_, SyncError>(false);
        };
        let profile = profiles::for_connection(http, vault, record).await?;
        match &tokens.refresh_token {
            Some(refresh) => {
                oauth::revoke(http, &profile, refresh, TokenTypeHint::RefreshToken).await?
            }
            None => {
                oauth::revoke(
                    http,
                    &profile,
                    &tokens.access_token,
                    TokenTypeHint::AccessToken,
                )
                .await?
            }
        }
        Ok(true)
    };
    match attempt.await {
        Ok(true) => Revocation::Done,
        Ok(false) => Revocation::NothingLeft,
        Err(e) => {
            let reason = e.message();
            Revocation::Failed(reason.trim_end_matches('.').to_owned())
        }
    }
}
