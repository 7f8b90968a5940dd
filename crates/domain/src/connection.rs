//! What identifies a connected account: which platform, which scopes were granted.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The platforms Offpeak can connect to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    Velopeak,
}

impl ProviderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Velopeak => "velopeak",
        }
    }

    pub fn parse(name: &str) -> Option<ProviderKind> {
        match name {
            "velopeak" => Some(ProviderKind::Velopeak),
            _ => None,
        }
    }

    /// The name a person reads.
    pub fn display_name(self) -> &'static str {
        match self {
            ProviderKind::Velopeak => "VeloPeak",
        }
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
    fn provider_names_round_trip() {
        let kind = ProviderKind::Velopeak;
        assert_eq!(ProviderKind::parse(kind.as_str()), Some(kind));
        assert_eq!(ProviderKind::parse("strava"), None);
    }
}
