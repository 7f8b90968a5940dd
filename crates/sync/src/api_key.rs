//! Connecting Intervals.icu with a personal API key. The key is checked against the platform
//! (it must read the athlete asked for) before it is kept in the keychain; the platform's
//! refusals become sentences a person can act on.

use crate::login::{connection_id_for, record};
use crate::{SyncError, credentials, origin};
use offpeak_domain::{AuthKind, ProviderKind, Sensitive};
use offpeak_provider::intervals::{IntervalsAuth, IntervalsClient};
use offpeak_store::{AthleteRecord, ConnectionRecord, NewConnection, Store};
use offpeak_vault::Vault;

/// What the "Connect with an API key" form sends.
pub struct ApiKeyInput {
    pub provider: ProviderKind,
    /// Empty means the platform's public address.
    pub origin: String,
    pub api_key: Sensitive<String>,
    /// Empty or `0` means the key's own athlete; a coach may name an athlete who shares with them.
    pub athlete_id: String,
}

pub async fn connect_api_key(
    store: &Store,
    vault: &Vault,
    http: &reqwest::Client,
    input: ApiKeyInput,
) -> Result<ConnectionRecord, SyncError> {
    if input.provider != ProviderKind::Intervals {
        return Err(SyncError::InvalidInput(format!(
            "{} does not take personal API keys; sign in through the browser instead",
            input.provider.display_name()
        )));
    }
    let origin = origin::normalize(input.provider, &input.origin)?;
    let key = Sensitive::new(input.api_key.expose().trim().to_owned());
    if key.expose().is_empty() {
        return Err(SyncError::InvalidInput(
            "enter your Intervals.icu API key; it is under Settings → Developer Settings".into(),
        ));
    }
    let athlete_id = match input.athlete_id.trim() {
        "" => "0".to_owned(),
        id => id.to_owned(),
    };
    let client = IntervalsClient::new(http.clone(), &origin, IntervalsAuth::ApiKey(key.clone()));
    let athlete = client.athlete(&athlete_id).await?;
    let id = connection_id_for(
        store,
        input.provider,
        &origin,
        AuthKind::ApiKey,
        &athlete.id,
    )
    .await?;
    credentials::save_api_key(vault, &id, &key).await?;
    let new = NewConnection {
        id,
        provider: input.provider,
        auth_kind: AuthKind::ApiKey,
        origin,
        client_id: String::new(),
        registration_id: None,
        athlete_id: athlete.id.clone(),
        athlete_name: athlete.name.clone(),
        scopes: Vec::new(),
        requested_scopes: Vec::new(),
        access_expires_at: None,
    };
    // The connection reads this one athlete: the key's owner, or a client who shares with them.
    let athletes = [AthleteRecord {
        id: athlete.id,
        name: athlete.name,
        is_self: true,
    }];
    record(store, &new, &athletes).await
}
