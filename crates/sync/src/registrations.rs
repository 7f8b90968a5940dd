//! App registrations: the client id (and, for a confidential app, the client secret) a person
//! registered with a platform, entered once and used by every browser sign-in to it. The secret
//! goes to the keychain before the registration is recorded, so a keychain failure records
//! nothing.

use crate::{SyncError, credentials, origin};
use chrono::Utc;
use offpeak_domain::{ProviderKind, Sensitive};
use offpeak_provider::oauth::random_token;
use offpeak_store::{AppRegistration, Store};
use offpeak_vault::Vault;

/// What the "App registration" form sends.
pub struct RegistrationInput {
    pub provider: ProviderKind,
    /// Empty means the platform's public address.
    pub origin: String,
    pub client_id: String,
    /// `None` for a public client, or to keep the secret already saved for this client id.
    pub client_secret: Option<Sensitive<String>>,
    /// The loopback ports the platform registered for this app; empty means any port.
    pub redirect_ports: Vec<u16>,
}

/// Whether the platform's apps are confidential (they authenticate with a client secret).
pub fn needs_client_secret(provider: ProviderKind) -> bool {
    match provider {
        ProviderKind::Velopeak | ProviderKind::Intervals => true,
        ProviderKind::Velocity => false,
    }
}

/// Records (or updates) an app registration and keeps its secret in the keychain.
pub async fn register_app(
    store: &Store,
    vault: &Vault,
    input: RegistrationInput,
) -> Result<AppRegistration, SyncError> {
    let provider = input.provider;
    let origin = origin::normalize(provider, &input.origin)?;
    let client_id = input.client_id.trim().to_owned();
    if client_id.is_empty() {
        return Err(SyncError::InvalidInput(format!(
            "enter the client ID of your {} app registration",
            provider.display_name()
        )));
    }
    let secret = input
        .client_secret
        .filter(|s| !s.expose().trim().is_empty());
    if secret.is_some() && !needs_client_secret(provider) {
        return Err(SyncError::InvalidInput(format!(
            "{} apps are public clients and have no client secret; leave the secret empty",
            provider.display_name()
        )));
    }
    let existing = store
        .registrations()
        .await?
        .into_iter()
        .find(|r| r.provider == provider && r.origin == origin && r.client_id == client_id);
    let id = existing
        .as_ref()
        .map(|r| r.id.clone())
        .unwrap_or_else(|| format!("r_{}", &random_token()[..16]));
    if needs_client_secret(provider) {
        match &secret {
            Some(secret) => {
                let trimmed = Sensitive::new(secret.expose().trim().to_owned());
                credentials::save_registration_secret(vault, &id, &trimmed).await?;
            }
            None if credentials::load_registration_secret(vault, &id)
                .await?
                .is_some() => {}
            None => {
                return Err(SyncError::InvalidInput(format!(
                    "enter the client secret of your {} app registration",
                    provider.display_name()
                )));
            }
        }
    }
    let registration = AppRegistration {
        id,
        provider,
        origin,
        client_id,
        confidential: needs_client_secret(provider),
        redirect_ports: input.redirect_ports,
        created_at: Utc::now(),
    };
    Ok(store.save_registration(&registration).await?)
}

/// Forgets a registration and removes its secret from the keychain.
pub async fn forget_app(store: &Store, vault: &Vault, id: &str) -> Result<(), SyncError> {
    credentials::delete_registration_secret(vault, id).await?;
    store.delete_registration(id).await?;
    Ok(())
}
