//! What the provider tests share: a sandbox per variant, each platform's profile for the
//! sandbox's registered app, a sign-in played end to end, and a browser that delivers a
//! callback URL by hand.
#![allow(dead_code)]

use chrono::NaiveDate;
use offpeak_domain::{Scope, Sensitive};
use offpeak_provider::oauth::{CancellationToken, OAuthProfile, PendingLogin, TokenSet};
use offpeak_provider::{ProviderError, http_client, intervals, velopeak};
use offpeak_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, RunningSandbox, SandboxConfig, Variant};
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
    RunningSandbox::start(
        SandboxConfig::for_variant(variant, anchor()),
        ([127, 0, 0, 1], 0).into(),
    )
    .await
    .unwrap()
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

/// A browser visiting `url` once: (status, page), or `None` if nobody listens there.
pub async fn deliver(url: &Url) -> Option<(u16, String)> {
    let browser = reqwest::Client::builder().no_proxy().build().unwrap();
    let response = browser.get(url.clone()).send().await.ok()?;
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
