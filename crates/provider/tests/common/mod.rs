//! What the provider tests share: a sandbox per variant, each platform's profile for the
//! sandbox's registered app, a sign-in played end to end, a browser that delivers a callback
//! URL by hand, manners with short delays, and raw network helpers ([`wire`]).
#![allow(dead_code)]

pub mod wire;

use chrono::NaiveDate;
use offpeak_domain::{Scope, Sensitive};
use offpeak_provider::intervals::{IntervalsAuth, IntervalsClient};
use offpeak_provider::oauth::{
    self, CancellationToken, OAuthProfile, PendingLogin, TokenSet, TokenTypeHint,
};
use offpeak_provider::velopeak::VelopeakClient;
use offpeak_provider::{Manners, ProviderError, RetryPolicy, http_client, intervals, velopeak};
use offpeak_sandbox::{
    DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Decision, RunningSandbox, SandboxConfig, Variant,
};
use std::time::Duration;
use tokio::task::JoinHandle;
use url::Url;

/// Long enough never to fire in a test; nothing asserts on it.
pub const WAIT: Duration = Duration::from_secs(60);
pub const VELOPEAK_SCOPES: &str = "athlete:read workouts:read activities:read";
pub const OWNER_NAME: &str = "Ana Ruiz";
pub const OWNER_ICU_ID: &str = "i1042";

pub fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub async fn start(variant: Variant) -> RunningSandbox {
    start_with(SandboxConfig::for_variant(variant, anchor())).await
}

pub async fn start_with(config: SandboxConfig) -> RunningSandbox {
    RunningSandbox::start_local(config).await.unwrap()
}

/// The default policy with back-offs of a few milliseconds, so that retries cost no time.
pub fn quick_policy() -> RetryPolicy {
    RetryPolicy {
        base: Duration::from_millis(1),
        cap: Duration::from_millis(5),
        ..RetryPolicy::default()
    }
}

pub fn quick_manners() -> Manners {
    Manners::with_policy(quick_policy())
}

/// A VeloPeak client for the sandbox with `manners`.
pub fn velopeak_with(sandbox: &RunningSandbox, manners: &Manners) -> VelopeakClient {
    velopeak_client(sandbox).with_manners(manners.clone())
}

/// The data set owner's VeloPeak access token, all read scopes granted.
pub async fn velopeak_token(sandbox: &RunningSandbox) -> Sensitive<String> {
    sign_in(velopeak_profile(sandbox), VELOPEAK_SCOPES)
        .await
        .access_token
}

pub fn secret() -> Sensitive<String> {
    Sensitive::new(DEMO_CLIENT_SECRET.to_owned())
}

pub fn velopeak_profile(sandbox: &RunningSandbox) -> OAuthProfile {
    velopeak::oauth_profile(&sandbox.origin(), DEMO_CLIENT_ID, Some(secret()))
}

pub fn velocity_profile(sandbox: &RunningSandbox) -> OAuthProfile {
    velopeak::velocity_profile(&sandbox.origin(), DEMO_CLIENT_ID)
}

pub fn intervals_profile(sandbox: &RunningSandbox) -> OAuthProfile {
    intervals::oauth_profile(&sandbox.origin(), DEMO_CLIENT_ID, secret())
}

/// A sign-in waiting in its own task for the browser, with the switch that cancels it.
pub struct Waiting {
    pub authorize_url: String,
    pub redirect_uri: String,
    pub cancel: CancellationToken,
    pub task: JoinHandle<Result<TokenSet, ProviderError>>,
}

impl Waiting {
    pub async fn outcome(self) -> Result<TokenSet, ProviderError> {
        self.task.await.unwrap()
    }

    /// The `state` this attempt sent to the platform.
    pub fn state(&self) -> String {
        query(&Url::parse(&self.authorize_url).unwrap(), "state").unwrap()
    }

    /// The callback the platform sends the browser to once the person approves, not yet
    /// delivered.
    pub async fn approved_callback(&self) -> Url {
        offpeak_sandbox::consent(&self.authorize_url, Decision::Approve)
            .await
            .unwrap()
    }
}

/// Starts a sign-in with `profile` and leaves it waiting for the browser.
pub async fn begin(profile: OAuthProfile, scopes: &str) -> Waiting {
    let pending = PendingLogin::start(profile, &Scope::parse_list(scopes))
        .await
        .unwrap();
    let authorize_url = pending.authorize_url().to_owned();
    let redirect_uri = pending.redirect_uri();
    let cancel = CancellationToken::new();
    let switch = cancel.clone();
    let task = tokio::spawn(async move { pending.finish(&http_client(), WAIT, &switch).await });
    Waiting {
        authorize_url,
        redirect_uri,
        cancel,
        task,
    }
}

/// Signs in as the person would, approving everything, and returns the tokens.
pub async fn sign_in(profile: OAuthProfile, scopes: &str) -> TokenSet {
    let waiting = begin(profile, scopes).await;
    let page = offpeak_sandbox::approve(&waiting.authorize_url)
        .await
        .unwrap();
    assert!(page.contains("return to Offpeak"), "{page}");
    waiting.outcome().await.unwrap()
}

/// `profile` with the sandbox's published metadata applied, if it publishes any.
pub async fn with_sandbox_metadata(
    sandbox: &RunningSandbox,
    profile: OAuthProfile,
) -> OAuthProfile {
    oauth::with_metadata(&http_client(), &sandbox.origin(), profile)
        .await
        .unwrap()
}

/// A VeloPeak API client for the sandbox (the Velocity variant serves the same API).
pub fn velopeak_client(sandbox: &RunningSandbox) -> VelopeakClient {
    VelopeakClient::new(http_client(), &sandbox.origin())
}

/// Whether the sandbox's API turns `token` away as no longer valid.
pub async fn velopeak_rejects(sandbox: &RunningSandbox, token: &Sensitive<String>) -> bool {
    matches!(
        velopeak_client(sandbox).athlete(token).await,
        Err(ProviderError::AccessTokenRejected)
    )
}

/// An Intervals.icu client for the sandbox that sends `token` as Bearer.
pub fn intervals_bearer(sandbox: &RunningSandbox, token: &Sensitive<String>) -> IntervalsClient {
    IntervalsClient::new(
        http_client(),
        &sandbox.origin(),
        IntervalsAuth::Bearer(token.clone()),
    )
}

/// Hands a refresh token back to the platform `profile` names.
pub async fn revoke_refresh(
    profile: &OAuthProfile,
    token: &Sensitive<String>,
) -> Result<(), ProviderError> {
    oauth::revoke(&http_client(), profile, token, TokenTypeHint::RefreshToken).await
}

/// A plain HTTP client with none of the app's manners, for requests made by hand; it never goes
/// through a proxy, so it reaches the sandbox on `127.0.0.1`.
pub fn plain_client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// A browser visiting `url` once: (status, page), or `None` if nobody listens there.
pub async fn deliver(url: &Url) -> Option<(u16, String)> {
    let response = plain_client().get(url.clone()).send().await.ok()?;
    let status = response.status().as_u16();
    Some((status, response.text().await.unwrap_or_default()))
}

pub fn query(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// `url` with `name` set to `value` (replacing it if present).
pub fn with_param(url: &Url, name: &str, value: &str) -> Url {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != name)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut out = url.clone();
    out.query_pairs_mut()
        .clear()
        .extend_pairs(pairs)
        .append_pair(name, value);
    out
}

/// How many grants the app holds at the sandbox (revoking them to count them).
pub async fn grants_of_offpeak(sandbox: &RunningSandbox) -> usize {
    offpeak_sandbox::revoke_app(&sandbox.origin(), "Offpeak")
        .await
        .unwrap()
}
