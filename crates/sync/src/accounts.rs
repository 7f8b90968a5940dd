//! Connecting an account: the browser sign-in, then the tokens into the keychain and the
//! connection (athlete, granted scopes, expiry — never a secret) into the cache.

use crate::{SyncError, credentials};
use chrono::Utc;
use offpeak_domain::{ConnectionId, ProviderKind, Sensitive};
use offpeak_provider::oauth::{LOGIN_TIMEOUT, PendingLogin, random_token};
use offpeak_provider::velopeak::{self, VelopeakClient};
use offpeak_store::{ConnectionRecord, NewConnection, Store};
use offpeak_vault::Vault;
use std::time::Duration;

/// What a person enters to connect VeloPeak: the server and this app's registration there.
#[derive(Debug, Clone)]
pub struct ConnectRequest {
    pub origin: String,
    pub client_id: String,
    pub client_secret: Option<Sensitive<String>>,
}

impl ConnectRequest {
    /// Checks the fields and normalizes the origin (no trailing slash).
    fn validated(mut self) -> Result<ConnectRequest, SyncError> {
        self.origin = self.origin.trim().trim_end_matches('/').to_owned();
        self.client_id = self.client_id.trim().to_owned();
        let url = url_scheme(&self.origin);
        if url.is_none() {
            return Err(SyncError::InvalidInput(format!(
                "“{}” is not a server address; it should start with https://",
                self.origin
            )));
        }
        if self.client_id.is_empty() {
            return Err(SyncError::InvalidInput(
                "enter the client ID of your VeloPeak app registration".into(),
            ));
        }
        Ok(self)
    }
}

fn url_scheme(origin: &str) -> Option<&str> {
    let (scheme, rest) = origin.split_once("://")?;
    (matches!(scheme, "http" | "https") && !rest.is_empty()).then_some(scheme)
}

/// Connects a VeloPeak account. `open_browser` receives the authorization URL and must show it
/// to the person (the system browser in the app; a printed line in the CLI; a scripted person in
/// tests). Waits at most `timeout` (the default is [`LOGIN_TIMEOUT`]) for the browser's answer.
pub async fn connect_velopeak<F>(
    store: &Store,
    vault: &Vault,
    http: &reqwest::Client,
    request: ConnectRequest,
    timeout: Option<Duration>,
    open_browser: F,
) -> Result<ConnectionRecord, SyncError>
where
    F: FnOnce(&str) -> Result<(), String>,
{
    let request = request.validated()?;
    let profile = velopeak::oauth_profile(
        &request.origin,
        &request.client_id,
        request.client_secret.clone(),
    );
    let pending = PendingLogin::start(profile, &velopeak::requested_scopes()).await?;
    open_browser(pending.authorize_url()).map_err(|e| {
        SyncError::InvalidInput(format!(
            "Offpeak could not open your web browser ({e}); set a default browser and try again"
        ))
    })?;
    let tokens = pending
        .finish(http, timeout.unwrap_or(LOGIN_TIMEOUT))
        .await?;

    let athlete = match &tokens.athlete {
        Some(a) => (a.id.clone(), a.name.clone()),
        None => {
            let a = VelopeakClient::new(http.clone(), &request.origin)
                .athlete(&tokens.access_token)
                .await?;
            (a.id, a.name)
        }
    };
    // The same athlete on the same server reconnecting keeps their connection and cache.
    let existing = store.connections().await?.into_iter().find(|c| {
        c.provider == ProviderKind::Velopeak
            && c.origin == request.origin
            && c.athlete_id == athlete.0
    });
    let id = existing
        .map(|c| c.id)
        .unwrap_or_else(|| ConnectionId(format!("c_{}", &random_token()[..16])));

    credentials::save_tokens(vault, &id, &tokens).await?;
    if let Some(secret) = &request.client_secret {
        credentials::save_client_secret(vault, &id, secret).await?;
    }
    let new = NewConnection {
        id: id.clone(),
        provider: ProviderKind::Velopeak,
        origin: request.origin,
        client_id: request.client_id,
        athlete_id: athlete.0,
        athlete_name: athlete.1,
        scopes: tokens.scopes.clone(),
        access_expires_at: tokens.expires_at,
    };
    store.save_connection(&new, Utc::now()).await?;
    store
        .connection(&id)
        .await?
        .ok_or_else(|| SyncError::UnknownConnection(id.0.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(origin: &str, client_id: &str) -> ConnectRequest {
        ConnectRequest {
            origin: origin.into(),
            client_id: client_id.into(),
            client_secret: None,
        }
    }

    #[test]
    fn origins_must_be_web_addresses_and_lose_their_trailing_slash() {
        assert_eq!(
            request(" https://velo-peak.com/ ", "id")
                .validated()
                .unwrap()
                .origin,
            "https://velo-peak.com"
        );
        for bad in ["velo-peak.com", "ftp://x", "https://", ""] {
            let err = request(bad, "id").validated().unwrap_err();
            assert!(matches!(err, SyncError::InvalidInput(_)), "{bad}");
        }
        assert!(request("https://velo-peak.com", "  ").validated().is_err());
    }
}
