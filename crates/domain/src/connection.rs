//! What identifies a connected account: which platform, how it signed in, which scopes were
//! granted, and whether it still works.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The platforms Offpeak can connect to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// VeloPeak: OAuth with a confidential app registration.
    Velopeak,
    /// A VeloPeak-compatible platform with a public OAuth client and JSON token requests.
    Velocity,
    /// Intervals.icu: a personal API key or OAuth.
    Intervals,
}

impl ProviderKind {
    pub const ALL: [ProviderKind; 3] = [
        ProviderKind::Velopeak,
        ProviderKind::Velocity,
        ProviderKind::Intervals,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Velopeak => "velopeak",
            ProviderKind::Velocity => "velocity",
            ProviderKind::Intervals => "intervals",
        }
    }

    pub fn parse(name: &str) -> Option<ProviderKind> {
        ProviderKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The name a person reads.
    pub fn display_name(self) -> &'static str {
        match self {
            ProviderKind::Velopeak => "VeloPeak",
            ProviderKind::Velocity => "Velocity",
            ProviderKind::Intervals => "Intervals.icu",
        }
    }

    /// The platform's public address, used when a person does not give another.
    pub fn default_origin(self) -> &'static str {
        match self {
            ProviderKind::Velopeak => "https://velo-peak.com",
            ProviderKind::Velocity => "https://app.velocity.dev",
            ProviderKind::Intervals => "https://intervals.icu",
        }
    }
}

/// How a connection proves who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    /// Tokens from an OAuth sign-in in the browser.
    OAuth,
    /// A personal API key the person pasted.
    ApiKey,
}

impl AuthKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AuthKind::OAuth => "oauth",
            AuthKind::ApiKey => "api_key",
        }
    }

    pub fn parse(name: &str) -> Option<AuthKind> {
        [AuthKind::OAuth, AuthKind::ApiKey]
            .into_iter()
            .find(|k| k.as_str() == name)
    }
}

/// Whether a connection can still reach its platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionStatus {
    /// Signed in; syncs work.
    Active,
    /// The platform no longer accepts the sign-in (revoked or expired grant, changed key). The
    /// cache is intact; the person must reconnect.
    ReauthRequired,
    /// Disconnected by the person, who chose to keep the cached data. No secrets remain.
    Disconnected,
}

impl ConnectionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectionStatus::Active => "active",
            ConnectionStatus::ReauthRequired => "reauth_required",
            ConnectionStatus::Disconnected => "disconnected",
        }
    }

    pub fn parse(name: &str) -> Option<ConnectionStatus> {
        [
            ConnectionStatus::Active,
            ConnectionStatus::ReauthRequired,
            ConnectionStatus::Disconnected,
        ]
        .into_iter()
        .find(|k| k.as_str() == name)
    }
}

/// A local identifier for one connection (one account on one platform).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConnectionId(pub String);

impl fmt::Display for ConnectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One OAuth scope, such as `activities:read`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Scope(pub String);

impl Scope {
    /// Splits a scope string as servers send it: space separated (RFC 6749) or comma separated.
    pub fn parse_list(list: &str) -> Vec<Scope> {
        let mut scopes: Vec<Scope> = list
            .split([' ', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| Scope(s.to_owned()))
            .collect();
        scopes.sort();
        scopes.dedup();
        scopes
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_lists_split_on_spaces_and_commas_and_dedupe() {
        let scopes = Scope::parse_list("workouts:read  athlete:read,workouts:read");
        let names: Vec<&str> = scopes.iter().map(Scope::as_str).collect();
        assert_eq!(names, ["athlete:read", "workouts:read"]);
    }

    #[test]
    fn names_round_trip() {
        for kind in ProviderKind::ALL {
            assert_eq!(ProviderKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ProviderKind::parse("strava"), None);
        for kind in [AuthKind::OAuth, AuthKind::ApiKey] {
            assert_eq!(AuthKind::parse(kind.as_str()), Some(kind));
        }
        for status in [
            ConnectionStatus::Active,
            ConnectionStatus::ReauthRequired,
            ConnectionStatus::Disconnected,
        ] {
            assert_eq!(ConnectionStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ConnectionStatus::parse("gone"), None);
    }
}
