//! One sign-in attempt: the authorization URL (PKCE S256, a fresh `state`), the loopback
//! listener waiting for the browser, and the code exchange once it comes back.

use super::loopback::{CallbackListener, Expected};
use super::pkce::{Pkce, random_token};
use super::profile::{OAuthProfile, endpoint_url};
use super::tokens::{self, TokenSet};
use crate::ProviderError;
use offpeak_domain::Scope;
use std::time::Duration;
use tokio_util::sync::CancellationToken;
use url::Url;

/// A sign-in under way: the URL to open, and the listener waiting for the browser to come back.
/// Its `state` (256 random bits) belongs to this attempt alone: a callback carrying any other
/// attempt's `state` is refused.
#[derive(Debug)]
pub struct PendingLogin {
    authorize_url: Url,
    listener: CallbackListener,
    pkce: Pkce,
    state: String,
    profile: OAuthProfile,
}

impl PendingLogin {
    /// Prepares a sign-in: binds the loopback listener (on the profile's ports, if it names
    /// any), makes the verifier and `state`, and builds the authorization URL.
    pub async fn start(
        profile: OAuthProfile,
        scopes: &[Scope],
    ) -> Result<PendingLogin, ProviderError> {
        let mut authorize_url = endpoint_url(&profile.authorize_endpoint)?;
        let listener = CallbackListener::bind(&profile.redirect_ports).await?;
        let pkce = Pkce::new();
        let state = random_token();
        authorize_url
            .query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &profile.client_id)
            .append_pair("redirect_uri", &listener.redirect_uri())
            .append_pair("scope", &profile.join_scopes(scopes))
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

    /// The platform this attempt signs in to, as a person reads it.
    pub fn provider(&self) -> &str {
        &self.profile.label
    }

    /// Where the browser will come back: `http://127.0.0.1:<port>/callback`.
    pub fn redirect_uri(&self) -> String {
        self.listener.redirect_uri()
    }

    /// Waits for the one callback, checks it, and exchanges the code for tokens.
    ///
    /// `cancel` is how the app stops waiting from elsewhere (a "Cancel" button): triggering it
    /// closes the listener at once and this returns [`ProviderError::AuthCancelled`]. It only
    /// stops the wait for the browser; an exchange already under way is finished, so a grant is
    /// never created and then lost. After `timeout` this returns
    /// [`ProviderError::AuthTimeout`]. The listener is closed whatever the outcome.
    pub async fn finish(
        self,
        http: &reqwest::Client,
        timeout: Duration,
        cancel: &CancellationToken,
    ) -> Result<TokenSet, ProviderError> {
        let redirect_uri = self.listener.redirect_uri();
        let expected = Expected {
            state: &self.state,
            issuer: self.profile.issuer.as_deref(),
        };
        let code = self.listener.accept_one(expected, timeout, cancel).await?;
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
