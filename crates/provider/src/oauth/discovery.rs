//! Authorization server metadata (RFC 8414): where a platform says its endpoints are, checked
//! before use — the issuer must be the origin asked (mix-up defence) and PKCE must be S256.

use super::profile::{OAuthProfile, Revocation, RevocationStyle, endpoint_url, normalise};
use crate::ProviderError;
use serde::Deserialize;

/// The well-known path of the metadata document.
pub const METADATA_PATH: &str = "/.well-known/oauth-authorization-server";

/// The parts of a metadata document Offpeak uses. Unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ServerMetadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    #[serde(default)]
    pub revocation_endpoint: Option<String>,
    #[serde(default)]
    pub code_challenge_methods_supported: Option<Vec<String>>,
    #[serde(default)]
    pub token_endpoint_auth_methods_supported: Option<Vec<String>>,
    #[serde(default)]
    pub scopes_supported: Option<Vec<String>>,
}

impl ServerMetadata {
    /// Whether the server accepts public clients (no secret) at its token endpoint.
    pub fn allows_public_clients(&self) -> bool {
        self.token_endpoint_auth_methods_supported
            .as_ref()
            .is_some_and(|methods| methods.iter().any(|m| m == "none"))
    }

    /// Takes the server's endpoints and issuer into `profile`. A revocation endpoint keeps the
    /// profile's style, or is RFC 7009 if the profile had none.
    pub fn apply_to(&self, profile: &mut OAuthProfile) {
        profile.authorize_endpoint = self.authorization_endpoint.clone();
        profile.token_endpoint = self.token_endpoint.clone();
        profile.issuer = Some(self.issuer.clone());
        if let Some(endpoint) = &self.revocation_endpoint {
            let style = profile
                .revocation
                .as_ref()
                .map_or(RevocationStyle::Rfc7009, |r| r.style);
            profile.revocation = Some(Revocation {
                endpoint: endpoint.clone(),
                style,
            });
        }
    }

    fn check(&self, origin: &str) -> Result<(), ProviderError> {
        if normalise(&self.issuer) != normalise(origin) {
            return Err(ProviderError::IssuerMismatch {
                expected: normalise(origin).to_owned(),
                found: self.issuer.clone(),
            });
        }
        if let Some(methods) = &self.code_challenge_methods_supported
            && !methods.iter().any(|m| m == "S256")
        {
            return Err(ProviderError::PkceUnsupported {
                origin: normalise(origin).to_owned(),
            });
        }
        for endpoint in [&self.authorization_endpoint, &self.token_endpoint]
            .into_iter()
            .chain(&self.revocation_endpoint)
        {
            endpoint_url(endpoint).map_err(|_| {
                ProviderError::BadResponse(format!(
                    "the sign-in settings of {} name “{endpoint}” as an endpoint",
                    normalise(origin)
                ))
            })?;
        }
        Ok(())
    }
}

/// Reads `{origin}/.well-known/oauth-authorization-server`. `Ok(None)` when the platform has
/// no such document (404): the caller keeps its built-in endpoints.
pub async fn discover(
    http: &reqwest::Client,
    origin: &str,
) -> Result<Option<ServerMetadata>, ProviderError> {
    let origin = normalise(origin);
    let url = endpoint_url(&format!("{origin}{METADATA_PATH}"))?;
    let response = http
        .get(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| ProviderError::transport(origin, e))?;
    let status = response.status();
    if status == reqwest::StatusCode::NOT_FOUND {
        return Ok(None);
    }
    if status.is_server_error() {
        return Err(ProviderError::Server {
            status: status.as_u16(),
        });
    }
    if !status.is_success() {
        return Err(ProviderError::BadResponse(format!(
            "the sign-in settings of {origin} answered HTTP {}",
            status.as_u16()
        )));
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| ProviderError::transport(origin, e))?;
    let metadata: ServerMetadata = serde_json::from_slice(&body).map_err(|_| {
        ProviderError::BadResponse(format!("the sign-in settings of {origin} are not readable"))
    })?;
    metadata.check(origin)?;
    Ok(Some(metadata))
}

/// `profile` with the server's metadata applied when `origin` publishes it; unchanged when it
/// does not.
pub async fn with_metadata(
    http: &reqwest::Client,
    origin: &str,
    mut profile: OAuthProfile,
) -> Result<OAuthProfile, ProviderError> {
    if let Some(metadata) = discover(http, origin).await? {
        metadata.apply_to(&mut profile);
    }
    Ok(profile)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(json: &str) -> ServerMetadata {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_issuer_must_be_the_origin_up_to_a_trailing_slash() {
        let m = metadata(
            r#"{"issuer":"https://a.example/","authorization_endpoint":"https://a.example/auth",
                "token_endpoint":"https://a.example/token"}"#,
        );
        assert!(m.check("https://a.example").is_ok());
        assert!(matches!(
            m.check("https://b.example"),
            Err(ProviderError::IssuerMismatch { .. })
        ));
    }

    #[test]
    fn plain_pkce_alone_is_refused_and_public_clients_are_read() {
        let m = metadata(
            r#"{"issuer":"https://a.example","authorization_endpoint":"https://a.example/auth",
                "token_endpoint":"https://a.example/token","code_challenge_methods_supported":["plain"],
                "token_endpoint_auth_methods_supported":["none"]}"#,
        );
        assert!(matches!(
            m.check("https://a.example"),
            Err(ProviderError::PkceUnsupported { .. })
        ));
        assert!(m.allows_public_clients());
    }

    #[test]
    fn relative_endpoints_are_refused() {
        let m = metadata(
            r#"{"issuer":"https://a.example","authorization_endpoint":"/auth","token_endpoint":"https://a.example/token"}"#,
        );
        assert!(matches!(
            m.check("https://a.example"),
            Err(ProviderError::BadResponse(_))
        ));
    }
}
