//! What can go wrong talking to a platform, phrased for a person.

use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("{origin} could not be reached ({reason}); check the address and your connection")]
    Offline { origin: String, reason: String },
    #[error("the platform took too long to answer")]
    Timeout,
    #[error("the platform no longer accepts this sign-in; reconnect the account")]
    ReauthRequired,
    #[error("the platform refused the access token")]
    AccessTokenRejected,
    #[error("this account did not grant the “{0}” permission; reconnect and allow it")]
    InsufficientScope(String),
    #[error("the platform asks us to slow down; trying again in {} s", .retry_after.as_secs())]
    RateLimited { retry_after: Duration },
    #[error("the platform does not know {0}")]
    NotFound(String),
    #[error("the platform had a problem (HTTP {status}); try again later")]
    Server { status: u16 },
    #[error("the platform sent an answer Offpeak cannot read ({0})")]
    BadResponse(String),
    #[error("sign-in was cancelled at the platform; nothing was connected")]
    AuthDenied,
    #[error("sign-in was cancelled; nothing was connected")]
    AuthCancelled,
    #[error(
        "the platform did not accept the sign-in code — it may have expired or been used already; start again"
    )]
    CodeRejected,
    #[error(
        "the sign-in answer came from {found}, not from {expected} where Offpeak signed in, so it was refused as a possible mix-up; check the platform address and start again"
    )]
    IssuerMismatch { expected: String, found: String },
    #[error(
        "{origin} does not offer PKCE with S256, which Offpeak needs to sign in safely; this platform cannot be connected"
    )]
    PkceUnsupported { origin: String },
    #[error(
        "none of the ports this platform accepts for the sign-in answer is free on this computer ({ports}); close the program using them and try again"
    )]
    NoFreePort { ports: String },
    #[error(
        "this platform offers no way for Offpeak to revoke its access; remove Offpeak in the platform's own settings"
    )]
    RevocationUnsupported,
    #[error(
        "Intervals.icu refused the API key: it may be mistyped or revoked; enter the key again (intervals.icu → Settings → Developer Settings)"
    )]
    ApiKeyRefused,
    #[error(
        "this API key does not belong to athlete {athlete_id}, and that athlete has not shared their account with the key's owner; leave the athlete ID empty to use the key's own athlete"
    )]
    AthleteNotShared { athlete_id: String },
    #[error(
        "Offpeak asked the platform for an address it does not have ({path}); this is a bug in Offpeak, please report it"
    )]
    UnknownPath { path: String },
    #[error("the sign-in answer did not belong to this attempt, so it was refused; start again")]
    StateMismatch,
    #[error("no answer came from the browser within {}; start again", wait_text(*.0))]
    AuthTimeout(Duration),
    #[error("the platform refused this app's client ID or secret; check the app registration")]
    InvalidClient,
    #[error("the platform refused the sign-in ({error}{}); start again", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    OAuth {
        error: String,
        description: Option<String>,
    },
    #[error("could not listen for the browser's answer on this computer: {0}")]
    Listener(String),
    #[error("{0}")]
    InvalidInput(String),
}

/// "5 minutes", "1 minute" or "45 seconds".
fn wait_text(wait: Duration) -> String {
    match wait.as_secs() {
        60 => "1 minute".into(),
        s if s >= 60 => format!("{} minutes", s / 60),
        1 => "1 second".into(),
        s => format!("{s} seconds"),
    }
}

impl ProviderError {
    /// Classifies a transport error from the HTTP client without echoing URLs with secrets.
    pub(crate) fn transport(origin: &str, error: reqwest::Error) -> ProviderError {
        if error.is_timeout() {
            return ProviderError::Timeout;
        }
        if error.is_decode() || error.is_body() {
            return ProviderError::BadResponse("the answer was cut off or malformed".into());
        }
        let reason = if error.is_connect() {
            "connection refused or no network"
        } else {
            "network error"
        };
        ProviderError::Offline {
            origin: origin.to_owned(),
            reason: reason.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timeout_says_how_long_it_waited() {
        let said = |s| ProviderError::AuthTimeout(Duration::from_secs(s)).to_string();
        assert!(said(300).contains("within 5 minutes"));
        assert!(said(60).contains("within 1 minute;"));
        assert!(said(20).contains("within 20 seconds"));
    }
}
