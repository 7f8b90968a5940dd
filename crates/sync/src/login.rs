//! Connecting an account through the browser: the platform's sign-in page in the person's
//! system browser, the answer on a one-shot loopback listener, then the tokens into the
//! keychain and the connection (athletes, granted and asked scopes, expiry — never a secret)
//! into the cache. Signing in again as the same athlete on the same server is a reconnect: the
//! connection keeps its id and its cache.

use crate::{SyncError, credentials, profiles};
use chrono::Utc;
use offpeak_domain::{AuthKind, ConnectionId, ProviderKind, Scope, Sensitive};
use offpeak_provider::intervals::{IntervalsAuth, IntervalsClient};
use offpeak_provider::oauth::{LOGIN_TIMEOUT, PendingLogin, TokenSet, random_token};
use offpeak_provider::velopeak::VelopeakClient;
use offpeak_store::{AppRegistration, AthleteRecord, ConnectionRecord, NewConnection, Store};
use offpeak_vault::Vault;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How long to wait and how to stop waiting.
#[derive(Debug, Clone, Default)]
pub struct LoginControl {
    /// The default is [`LOGIN_TIMEOUT`].
    pub timeout: Option<Duration>,
    /// Cancelling it stops the wait at once and closes the listener.
    pub cancel: CancellationToken,
    /// Also ask for live updates (VeloPeak's `webhooks` scope).
    pub webhooks: bool,
}

/// Signs in with the app registration `registration_id`. `open_browser` receives the
/// authorization URL and must show it to the person (the system browser in the app; a printed
/// line in the CLI; a scripted person in tests).
pub async fn connect_oauth<F>(
    store: &Store,
    vault: &Vault,
    http: &reqwest::Client,
    registration_id: &str,
    control: LoginControl,
    open_browser: F,
) -> Result<ConnectionRecord, SyncError>
where
    F: FnOnce(&str) -> Result<(), String>,
{
    let registration = store.registration(registration_id).await?.ok_or_else(|| {
        SyncError::InvalidInput(
            "this app registration no longer exists; enter the app's client ID again".into(),
        )
    })?;
    let secret = client_secret(vault, &registration).await?;
    let provider = registration.provider;
    let mut profile = profiles::oauth_profile(
        http,
        provider,
        &registration.origin,
        &registration.client_id,
        secret,
    )
    .await?;
    profile.redirect_ports = registration.redirect_ports.clone();
    let mut requested = profiles::requested_scopes(provider);
    if control.webhooks && provider != ProviderKind::Intervals {
        requested.extend(Scope::parse_list("webhooks"));
    }
    let pending = PendingLogin::start(profile, &requested).await?;
    open_browser(pending.authorize_url()).map_err(|e| {
        SyncError::InvalidInput(format!(
            "Offpeak could not open your web browser ({e}); set a default browser and try again"
        ))
    })?;
    let tokens = pending
        .finish(
            http,
            control.timeout.unwrap_or(LOGIN_TIMEOUT),
            &control.cancel,
        )
        .await?;

    let athletes = athletes_of(http, provider, &registration.origin, &tokens).await?;
    let me = athletes[0].clone();
    let id = connection_id_for(
        store,
        provider,
        &registration.origin,
        AuthKind::OAuth,
        &me.id,
    )
    .await?;
    credentials::save_tokens(vault, &id, &tokens).await?;
    let new = NewConnection {
        id: id.clone(),
        provider,
        auth_kind: AuthKind::OAuth,
        origin: registration.origin.clone(),
        client_id: registration.client_id.clone(),
        registration_id: Some(registration.id.clone()),
        athlete_id: me.id,
        athlete_name: me.name,
        scopes: tokens.scopes.clone(),
        requested_scopes: requested,
        access_expires_at: tokens.expires_at,
    };
    record(store, &new, &athletes).await
}

/// Signs in again for an existing connection, through its app registration: re-consent, or
/// grant scopes that were left out. The cache is kept.
pub async fn reconnect<F>(
    store: &Store,
    vault: &Vault,
    http: &reqwest::Client,
    id: &ConnectionId,
    control: LoginControl,
    open_browser: F,
) -> Result<ConnectionRecord, SyncError>
where
    F: FnOnce(&str) -> Result<(), String>,
{
    let connection = store
        .connection(id)
        .await?
        .ok_or_else(|| SyncError::UnknownConnection(id.0.clone()))?;
    if connection.auth_kind == AuthKind::ApiKey {
        return Err(SyncError::InvalidInput(
            "this account uses an API key; enter the key again to reconnect it".into(),
        ));
    }
    let registration_id = connection.registration_id.ok_or_else(|| {
        SyncError::InvalidInput(
            "this account was connected before app registrations existed; add it again from the app registration form".into(),
        )
    })?;
    // Live updates asked for once stay asked for.
    let had_webhooks = connection
        .requested_scopes
        .iter()
        .any(|s| s.0 == "webhooks");
    let control = LoginControl {
        webhooks: control.webhooks || had_webhooks,
        ..control
    };
    connect_oauth(store, vault, http, &registration_id, control, open_browser).await
}

async fn client_secret(
    vault: &Vault,
    registration: &AppRegistration,
) -> Result<Option<Sensitive<String>>, SyncError> {
    if !registration.confidential {
        return Ok(None);
    }
    match credentials::load_registration_secret(vault, &registration.id).await? {
        Some(secret) => Ok(Some(secret)),
        None => Err(SyncError::InvalidInput(format!(
            "the keychain no longer holds the client secret of your {} app registration; enter it again",
            registration.provider.display_name()
        ))),
    }
}

/// Who signed in (first) and whom they can read.
async fn athletes_of(
    http: &reqwest::Client,
    provider: ProviderKind,
    origin: &str,
    tokens: &TokenSet,
) -> Result<Vec<AthleteRecord>, SyncError> {
    let me = |id: String, name: String| AthleteRecord {
        id,
        name,
        is_self: true,
    };
    match provider {
        ProviderKind::Velopeak | ProviderKind::Velocity => {
            let client = VelopeakClient::new(http.clone(), origin);
            let owner = match &tokens.athlete {
                Some(a) => me(a.id.clone(), a.name.clone()),
                None => {
                    let a = client.athlete(&tokens.access_token).await?;
                    me(a.id, a.name)
                }
            };
            // A coach's token reads their clients too; without that list the connection
            // still works for the owner.
            let mut all = vec![owner.clone()];
            match client.athletes(&tokens.access_token).await {
                Ok(list) => all.extend(list.into_iter().filter(|a| a.id != owner.id).map(|a| {
                    AthleteRecord {
                        id: a.id,
                        name: a.name,
                        is_self: false,
                    }
                })),
                Err(e) => tracing::info!("the athletes list is not available: {e}"),
            }
            Ok(all)
        }
        ProviderKind::Intervals => {
            let owner = match &tokens.athlete {
                Some(a) => me(a.id.clone(), a.name.clone()),
                None => {
                    let auth = IntervalsAuth::Bearer(tokens.access_token.clone());
                    let a = IntervalsClient::new(http.clone(), origin, auth)
                        .athlete("0")
                        .await?;
                    me(a.id, a.name)
                }
            };
            Ok(vec![owner])
        }
    }
}

/// The id of the connection for this athlete on this server: the existing one (a reconnect)
/// or a new one.
pub(crate) async fn connection_id_for(
    store: &Store,
    provider: ProviderKind,
    origin: &str,
    auth_kind: AuthKind,
    athlete_id: &str,
) -> Result<ConnectionId, SyncError> {
    let existing = store.connections().await?.into_iter().find(|c| {
        c.provider == provider
            && c.origin == origin
            && c.auth_kind == auth_kind
            && c.athlete_id == athlete_id
    });
    Ok(existing
        .map(|c| c.id)
        .unwrap_or_else(|| ConnectionId(format!("c_{}", &random_token()[..16]))))
}

/// Records the connection and its athletes, and reads it back.
pub(crate) async fn record(
    store: &Store,
    new: &NewConnection,
    athletes: &[AthleteRecord],
) -> Result<ConnectionRecord, SyncError> {
    store.save_connection(new, Utc::now()).await?;
    store.save_athletes(&new.id, athletes).await?;
    store
        .connection(&new.id)
        .await?
        .ok_or_else(|| SyncError::UnknownConnection(new.id.0.clone()))
}
