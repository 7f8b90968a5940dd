//! A connection's secrets in the keychain, and nowhere else:
//! - `connection/<id>/tokens`: the OAuth tokens, in one entry so the access token and the
//!   rotated refresh token are always saved together;
//! - `connection/<id>/api-key`: a personal API key;
//! - `app/<registration id>/client-secret`: an app registration's client secret.

use chrono::{DateTime, Utc};
use offpeak_domain::{ConnectionId, Sensitive};
use offpeak_provider::oauth::TokenSet;
use offpeak_vault::{Vault, VaultError};
use serde::{Deserialize, Serialize};

/// The tokens of one connection, as loaded from the keychain.
#[derive(Debug, Clone)]
pub(crate) struct StoredTokens {
    pub access_token: Sensitive<String>,
    pub refresh_token: Option<Sensitive<String>>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// The keychain entry's layout. Built and parsed only right next to the vault call.
#[derive(Serialize, Deserialize)]
struct Entry {
    access_token: String,
    refresh_token: Option<String>,
    expires_at: Option<DateTime<Utc>>,
}

fn tokens_name(id: &ConnectionId) -> String {
    format!("connection/{id}/tokens")
}

fn api_key_name(id: &ConnectionId) -> String {
    format!("connection/{id}/api-key")
}

/// Where connections made before app registrations existed kept their client secret.
fn webhook_secret_name(id: &ConnectionId) -> String {
    format!("connection/{id}/webhook-secret")
}

fn legacy_client_secret_name(id: &ConnectionId) -> String {
    format!("connection/{id}/client-secret")
}

fn registration_secret_name(registration_id: &str) -> String {
    format!("app/{registration_id}/client-secret")
}

pub(crate) async fn save_tokens(
    vault: &Vault,
    id: &ConnectionId,
    tokens: &TokenSet,
) -> Result<(), VaultError> {
    let entry = Entry {
        access_token: tokens.access_token.expose().clone(),
        refresh_token: tokens.refresh_token.as_ref().map(|t| t.expose().clone()),
        expires_at: tokens.expires_at,
    };
    let json = serde_json::to_string(&entry).expect("plain strings always serialize");
    vault.put(&tokens_name(id), &Sensitive::new(json)).await
}

pub(crate) async fn load_tokens(
    vault: &Vault,
    id: &ConnectionId,
) -> Result<Option<StoredTokens>, VaultError> {
    let Some(json) = vault.get(&tokens_name(id)).await? else {
        return Ok(None);
    };
    let entry: Entry =
        serde_json::from_str(json.expose()).map_err(|_| VaultError::Corrupt(tokens_name(id)))?;
    Ok(Some(StoredTokens {
        access_token: Sensitive::new(entry.access_token),
        refresh_token: entry.refresh_token.map(Sensitive::new),
        expires_at: entry.expires_at,
    }))
}

pub(crate) async fn save_api_key(
    vault: &Vault,
    id: &ConnectionId,
    key: &Sensitive<String>,
) -> Result<(), VaultError> {
    vault.put(&api_key_name(id), key).await
}

pub(crate) async fn load_api_key(
    vault: &Vault,
    id: &ConnectionId,
) -> Result<Option<Sensitive<String>>, VaultError> {
    vault.get(&api_key_name(id)).await
}

/// The secret that signs a connection's webhook deliveries (shown once by the platform).
pub(crate) async fn save_webhook_secret(
    vault: &Vault,
    id: &ConnectionId,
    secret: &Sensitive<String>,
) -> Result<(), VaultError> {
    vault.put(&webhook_secret_name(id), secret).await
}

pub(crate) async fn load_webhook_secret(
    vault: &Vault,
    id: &ConnectionId,
) -> Result<Option<Sensitive<String>>, VaultError> {
    vault.get(&webhook_secret_name(id)).await
}

pub(crate) async fn delete_webhook_secret(
    vault: &Vault,
    id: &ConnectionId,
) -> Result<(), VaultError> {
    vault.delete(&webhook_secret_name(id)).await
}

pub(crate) async fn save_registration_secret(
    vault: &Vault,
    registration_id: &str,
    secret: &Sensitive<String>,
) -> Result<(), VaultError> {
    vault
        .put(&registration_secret_name(registration_id), secret)
        .await
}

/// The client secret that signs a connection's token requests: its registration's, or the one
/// an older connection kept for itself.
pub(crate) async fn load_client_secret(
    vault: &Vault,
    id: &ConnectionId,
    registration_id: Option<&str>,
) -> Result<Option<Sensitive<String>>, VaultError> {
    if let Some(registration) = registration_id
        && let Some(secret) = load_registration_secret(vault, registration).await?
    {
        return Ok(Some(secret));
    }
    vault.get(&legacy_client_secret_name(id)).await
}

pub(crate) async fn load_registration_secret(
    vault: &Vault,
    registration_id: &str,
) -> Result<Option<Sensitive<String>>, VaultError> {
    vault.get(&registration_secret_name(registration_id)).await
}

pub(crate) async fn delete_registration_secret(
    vault: &Vault,
    registration_id: &str,
) -> Result<(), VaultError> {
    vault
        .delete(&registration_secret_name(registration_id))
        .await
}

/// Removes every secret a connection had: tokens, API key, and an older connection's own
/// client secret. A registration's secret stays: other connections may use it.
pub(crate) async fn delete_connection_secrets(
    vault: &Vault,
    id: &ConnectionId,
) -> Result<(), VaultError> {
    vault.delete(&tokens_name(id)).await?;
    vault.delete(&api_key_name(id)).await?;
    vault.delete(&webhook_secret_name(id)).await?;
    vault.delete(&legacy_client_secret_name(id)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn tokens_round_trip_through_the_keychain() {
        let vault = Vault::in_memory("offpeak-test");
        let id = ConnectionId("c1".into());
        let tokens = TokenSet {
            access_token: Sensitive::new("vpa_1".into()),
            refresh_token: Some(Sensitive::new("vpr_1".into())),
            expires_at: Some("2026-11-23T18:00:00Z".parse().unwrap()),
            scopes: vec![],
            athlete: None,
        };
        save_tokens(&vault, &id, &tokens).await.unwrap();
        let back = load_tokens(&vault, &id).await.unwrap().unwrap();
        assert_eq!(back.access_token.expose(), "vpa_1");
        assert_eq!(back.refresh_token.unwrap().expose(), "vpr_1");
        assert_eq!(back.expires_at, tokens.expires_at);
    }

    #[tokio::test]
    async fn deleting_a_connections_secrets_leaves_its_registrations_secret() {
        let vault = Vault::in_memory("offpeak-test");
        let id = ConnectionId("c1".into());
        let secret = Sensitive::new("s3cret".to_owned());
        save_api_key(&vault, &id, &Sensitive::new("key".into()))
            .await
            .unwrap();
        save_registration_secret(&vault, "r1", &secret)
            .await
            .unwrap();
        vault
            .put(&legacy_client_secret_name(&id), &secret)
            .await
            .unwrap();
        assert!(
            load_client_secret(&vault, &id, Some("r1"))
                .await
                .unwrap()
                .is_some()
        );
        delete_connection_secrets(&vault, &id).await.unwrap();
        assert!(load_api_key(&vault, &id).await.unwrap().is_none());
        assert!(load_tokens(&vault, &id).await.unwrap().is_none());
        assert!(
            load_client_secret(&vault, &id, None)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            load_client_secret(&vault, &id, Some("r1"))
                .await
                .unwrap()
                .unwrap()
                .expose(),
            "s3cret"
        );
    }
}
