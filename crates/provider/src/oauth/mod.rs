//! Native OAuth 2.0 for a desktop app: PKCE, loopback redirect, code exchange, refresh.

mod loopback;
mod pkce;
mod tokens;

pub use loopback::{CALLBACK_PATH, CallbackListener};
pub use pkce::{Pkce, random_token};
pub use tokens::{GrantedAthlete, TokenSet};

use crate::ProviderError;
use offpeak_domain::{Scope, Sensitive};
use std::time::Duration;
use url::Url;

/// How long a person has to finish signing in in the browser.
pub const LOGIN_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// One platform's OAuth endpoints and this app's registration there.
#[derive(Debug, Clone)]
pub struct OAuthProfile {
    pub origin: String,
    pub authorize_path: String,
    pub token_path: String,
    pub client_id: String,
    /// Present for confidential apps; never printed (see [`Sensitive`]).
    pub client_secret: Option<Sensitive<String>>,
}

/// A sign-in under way: the URL to open, and the listener waiting for the browser to come back.
#[derive(Debug)]
pub struct PendingLogin {
    authorize_url: Url,
    listener: CallbackListener,
    pkce: Pkce,
    state: String,
    profile: OAuthProfile,
}

impl PendingLogin {
    /// Prepares a sign-in: binds the loopback listener, makes the verifier and `state`.
    pub async fn start(
        profile: OAuthProfile,
        scopes: &[Scope],
    ) -> Result<PendingLogin, ProviderError> {
        let listener = CallbackListener::bind().await?;
        let pkce = Pkce::new();
        let state = random_token();
        let base = Url::parse(&profile.origin).map_err(|_| {
            ProviderError::InvalidInput(format!("“{}” is not a web address", profile.origin))
        })?;
        let mut authorize_url = base.join(&profile.authorize_path).map_err(|_| {
            ProviderError::InvalidInput(format!("“{}” is not a web address", profile.origin))
        })?;
        let scope = scopes
            .iter()
            .map(Scope::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        authorize_url
            .query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &profile.client_id)
            .append_pair("redirect_uri", &listener.redirect_uri())
            .append_pair("scope", &scope)
            .append_pair("state", &state)
            .append_pair("code_challenge", pkce.challenge())
            .append_pair("code_challenge_method", "S256");
        Ok(PendingLogin {
            authorize_url,
            listener,
            pkce,
            state,
            profile,
        })
    }

    /// The address to open in the person's browser.
    pub fn authorize_url(&self) -> &str {
        self.authorize_url.as_str()
    }

    /// Waits for the one callback, checks it, and exchanges the code for tokens.
    pub async fn finish(
        self,
        http: &reqwest::Client,
        timeout: Duration,
    ) -> Result<TokenSet, ProviderError> {
        let redirect_uri = self.listener.redirect_uri();
        let code = self.listener.accept_one(&self.state, timeout).await?;
        tokens::exchange_code(
            http,
            &self.profile,
            &code,
            &redirect_uri,
            self.pkce.verifier(),
        )
        .await
    }
}

/// Trades a refresh token for new tokens. The answer's refresh token replaces the old one, which
/// the platform has just invalidated: save it before anything else.
pub async fn refresh(
    http: &reqwest::Client,
    profile: &OAuthProfile,
    refresh_token: &Sensitive<String>,
) -> Result<TokenSet, ProviderError> {
    tokens::refresh(http, profile, refresh_token).await
}
