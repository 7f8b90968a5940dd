//! Native OAuth 2.0 for a desktop app (RFC 8252), provider-agnostic: a [`OAuthProfile`] names
//! the endpoints, body style and registration; this module runs metadata discovery (RFC 8414),
//! PKCE S256 (RFC 7636), the loopback listener with `state` and `iss` checks (RFC 9207), the
//! code exchange, rotating refreshes (RFC 9700) and revocation (RFC 7009).

mod discovery;
mod login;
mod loopback;
mod pkce;
mod profile;
mod revoke;
mod tokens;

pub use discovery::{METADATA_PATH, ServerMetadata, discover, with_metadata};
pub use login::PendingLogin;
pub use loopback::{CALLBACK_PATH, CallbackListener, Expected};
pub use pkce::{Pkce, random_token};
pub use profile::{OAuthProfile, Revocation, RevocationStyle, TokenBody};
pub use revoke::{TokenTypeHint, revoke};
pub use tokens::{GrantedAthlete, TokenSet};
/// What the app triggers to stop a sign-in from another task; see [`PendingLogin::finish`].
pub use tokio_util::sync::CancellationToken;

pub(crate) use profile::EndpointPaths;
pub(crate) use revoke::disconnect_app;

use crate::ProviderError;
use offpeak_domain::Sensitive;
use std::time::Duration;

/// How long a person has to finish signing in in the browser.
pub const LOGIN_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// Trades a refresh token for new tokens. The answer's refresh token replaces the old one, which
/// the platform has just invalidated: save it before anything else. A refused refresh token
/// (rotated, revoked, expired) is [`ProviderError::ReauthRequired`].
pub async fn refresh(
    http: &reqwest::Client,
    profile: &OAuthProfile,
    refresh_token: &Sensitive<String>,
) -> Result<TokenSet, ProviderError> {
    tokens::refresh(http, profile, refresh_token).await
}
