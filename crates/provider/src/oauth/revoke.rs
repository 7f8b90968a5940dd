//! Handing tokens back: RFC 7009 revocation (form or JSON body, client authentication as the
//! profile says), or Intervals.icu's `DELETE /api/v1/disconnect-app` with the bearer token.

use super::profile::{OAuthProfile, RevocationStyle, endpoint_url, origin_of};
use super::tokens::{oauth_error, with_body};
use crate::ProviderError;
use offpeak_domain::Sensitive;

/// Which kind of token is handed back (RFC 7009 §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenTypeHint {
    AccessToken,
    RefreshToken,
}

impl TokenTypeHint {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenTypeHint::AccessToken => "access_token",
            TokenTypeHint::RefreshToken => "refresh_token",
        }
    }
}

/// Revokes `token` at the platform. Revoking a refresh token ends the whole grant. With the
/// disconnect-app style, `token` must be the access token and `hint` is not sent.
///
/// An unreachable platform is [`ProviderError::Offline`]: the caller deletes its copy of the
/// secrets anyway and tells the person the platform could not be told.
pub async fn revoke(
    http: &reqwest::Client,
    profile: &OAuthProfile,
    token: &Sensitive<String>,
    hint: TokenTypeHint,
) -> Result<(), ProviderError> {
    let revocation = profile
        .revocation
        .as_ref()
        .ok_or(ProviderError::RevocationUnsupported)?;
    match revocation.style {
        RevocationStyle::DisconnectApp => disconnect_app(http, &revocation.endpoint, token).await,
        RevocationStyle::Rfc7009 => {
            let url = endpoint_url(&revocation.endpoint)?;
            let origin = origin_of(&revocation.endpoint);
            let mut params = vec![
                ("token", token.expose().as_str()),
                ("token_type_hint", hint.as_str()),
                ("client_id", profile.client_id.as_str()),
            ];
            if let Some(secret) = &profile.client_secret {
                params.push(("client_secret", secret.expose().as_str()));
            }
            let request = http
                .post(url)
                .header(reqwest::header::ACCEPT, "application/json");
            let response = with_body(request, profile.token_body, &params)
                .send()
                .await
                .map_err(|e| ProviderError::transport(&origin, e))?;
            let status = response.status();
            if status.is_success() {
                return Ok(());
            }
            let body = response
                .bytes()
                .await
                .map_err(|e| ProviderError::transport(&origin, e))?;
            oauth_error(status, &body)
        }
    }
}

/// `DELETE endpoint` with `token` as Bearer: the platform forgets the app's grant. A token the
/// platform no longer knows (401) counts as done, as RFC 7009 treats an invalid token.
pub(crate) async fn disconnect_app(
    http: &reqwest::Client,
    endpoint: &str,
    token: &Sensitive<String>,
) -> Result<(), ProviderError> {
    let url = endpoint_url(endpoint)?;
    let origin = origin_of(endpoint);
    let response = http
        .delete(url)
        .bearer_auth(token.expose())
        .send()
        .await
        .map_err(|e| ProviderError::transport(&origin, e))?;
    match response.status().as_u16() {
        200..=299 | 401 => Ok(()),
        403 => Err(ProviderError::AccessTokenRejected),
        s if s >= 500 => Err(ProviderError::Server { status: s }),
        s => Err(ProviderError::BadResponse(format!(
            "disconnecting the app answered HTTP {s}"
        ))),
    }
}
