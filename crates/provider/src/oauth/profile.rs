//! What the OAuth code needs to know about one platform: its endpoints (absolute URLs), how its
//! token and revocation endpoints want their bodies, and this app's registration there. Nothing
//! here names a platform; the platform modules build profiles.

use crate::ProviderError;
use offpeak_domain::{Scope, Sensitive};
use url::Url;

/// One platform's OAuth endpoints and this app's registration there.
#[derive(Debug, Clone)]
pub struct OAuthProfile {
    /// The platform's name as a person reads it ("VeloPeak"); a sign-in carries it.
    pub label: String,
    pub authorize_endpoint: String,
    pub token_endpoint: String,
    /// How to hand tokens back; `None` when the platform offers no way.
    pub revocation: Option<Revocation>,
    /// How the token and revocation endpoints want their parameters.
    pub token_body: TokenBody,
    pub client_id: String,
    /// Present for confidential apps, `None` for public clients (no secret is sent then).
    pub client_secret: Option<Sensitive<String>>,
    /// The loopback ports the platform accepts: empty lets the OS pick a free port; otherwise
    /// the first free port of this list is used.
    pub redirect_ports: Vec<u16>,
    /// The authorization server's issuer identifier (RFC 8414), when known; a callback that
    /// names another issuer (RFC 9207 `iss`) is refused.
    pub issuer: Option<String>,
    /// How scopes are joined in the authorize request: `' '` (RFC 6749) or `','`.
    pub scope_separator: char,
}

/// A platform's revocation endpoint and the way it is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revocation {
    pub endpoint: String,
    pub style: RevocationStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevocationStyle {
    /// RFC 7009: POST the token, its type hint and the client's credentials.
    Rfc7009,
    /// Intervals.icu: `DELETE` the endpoint with the access token as Bearer.
    DisconnectApp,
}

/// The body of token and revocation requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenBody {
    /// `application/x-www-form-urlencoded` (RFC 6749).
    Form,
    /// A JSON object of strings, for servers that answer 400 to a form.
    Json,
}

/// Where a platform's OAuth endpoints sit below its origin, and how its revocation is called.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EndpointPaths {
    pub authorize: &'static str,
    pub token: &'static str,
    pub revocation: &'static str,
    pub revocation_style: RevocationStyle,
}

impl OAuthProfile {
    /// The profile of the platform `label` with its endpoints at `paths` below `origin` (a
    /// trailing slash ignored), for the app registered as `client_id`: a public client (no
    /// secret) with form bodies and space-separated scopes, on a port the OS picks, with no
    /// issuer known until discovery names one. Platforms that differ set those fields after.
    pub(crate) fn at_origin(
        label: &str,
        origin: &str,
        paths: &EndpointPaths,
        client_id: &str,
    ) -> OAuthProfile {
        let origin = normalise(origin);
        OAuthProfile {
            label: label.to_owned(),
            authorize_endpoint: format!("{origin}{}", paths.authorize),
            token_endpoint: format!("{origin}{}", paths.token),
            revocation: Some(Revocation {
                endpoint: format!("{origin}{}", paths.revocation),
                style: paths.revocation_style,
            }),
            token_body: TokenBody::Form,
            client_id: client_id.to_owned(),
            client_secret: None,
            redirect_ports: Vec::new(),
            issuer: None,
            scope_separator: ' ',
        }
    }

    /// The scopes as the authorize request carries them.
    pub fn join_scopes(&self, scopes: &[Scope]) -> String {
        scopes
            .iter()
            .map(Scope::as_str)
            .collect::<Vec<_>>()
            .join(&self.scope_separator.to_string())
    }
}

/// `https://host[:port]` of an absolute URL, for messages; the text itself if it is not one.
pub(crate) fn origin_of(endpoint: &str) -> String {
    Url::parse(endpoint)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_else(|_| endpoint.to_owned())
}

/// Parses an endpoint that must be an absolute `http`/`https` URL.
pub(crate) fn endpoint_url(endpoint: &str) -> Result<Url, ProviderError> {
    Url::parse(endpoint)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
        .ok_or_else(|| ProviderError::InvalidInput(format!("“{endpoint}” is not a web address")))
}

/// An origin without its trailing slash, as issuers and origins are compared.
pub(crate) fn normalise(origin: &str) -> &str {
    origin.trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_must_be_absolute_web_addresses() {
        assert!(endpoint_url("http://127.0.0.1:8080/token").is_ok());
        assert!(endpoint_url("/api/oauth/token").is_err());
        assert!(endpoint_url("javascript:alert(1)").is_err());
        assert_eq!(
            origin_of("https://velo-peak.com/api/auth/oauth2/token"),
            "https://velo-peak.com"
        );
    }
}
