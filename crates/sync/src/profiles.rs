//! Which OAuth profile and scopes each platform gets. A server's RFC 8414 metadata, when it
//! offers it, decides the endpoints; the built-in paths are the fallback.

use crate::{SyncError, credentials};
use offpeak_domain::{ProviderKind, Scope, Sensitive};
use offpeak_provider::oauth::{self, OAuthProfile};
use offpeak_provider::{intervals, velopeak};
use offpeak_store::ConnectionRecord;
use offpeak_vault::Vault;

/// The scopes Offpeak asks each platform for: read access to what the screens show.
pub fn requested_scopes(provider: ProviderKind) -> Vec<Scope> {
    match provider {
        ProviderKind::Velopeak | ProviderKind::Velocity => velopeak::requested_scopes(),
        ProviderKind::Intervals => intervals::requested_scopes(),
    }
}

/// The OAuth profile a connection signed in with, its app's client secret read from the
/// keychain (refresh and revocation need it).
pub(crate) async fn for_connection(
    http: &reqwest::Client,
    vault: &Vault,
    record: &ConnectionRecord,
) -> Result<OAuthProfile, SyncError> {
    let secret =
        credentials::load_client_secret(vault, &record.id, record.registration_id.as_deref())
            .await?;
    oauth_profile(
        http,
        record.provider,
        &record.origin,
        &record.client_id,
        secret,
    )
    .await
}

/// The OAuth profile for a registered app on `origin`, with the server's metadata applied.
pub(crate) async fn oauth_profile(
    http: &reqwest::Client,
    provider: ProviderKind,
    origin: &str,
    client_id: &str,
    client_secret: Option<Sensitive<String>>,
) -> Result<OAuthProfile, SyncError> {
    let profile = match provider {
        ProviderKind::Velopeak => velopeak::oauth_profile(origin, client_id, client_secret),
        ProviderKind::Velocity => velopeak::velocity_profile(origin, client_id),
        ProviderKind::Intervals => {
            let secret = client_secret.ok_or_else(|| {
                SyncError::InvalidInput(
                    "enter the client secret of your Intervals.icu app registration".into(),
                )
            })?;
            intervals::oauth_profile(origin, client_id, secret)
        }
    };
    Ok(oauth::with_metadata(http, origin, profile).await?)
}
