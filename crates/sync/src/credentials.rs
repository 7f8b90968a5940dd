//! A connection's secrets in the keychain: its tokens (one entry, so the access token and the
//! rotated refresh token are always saved together) and the app's client secret.

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

fn client_secret_name(id: &ConnectionId) -> String {
    format!("connection/{id}/client-secret")
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

pub(crate) async fn save_client_secret(
    vault: &Vault,
    id: &ConnectionId,
    secret: &Sensitive<String>,
) -> Result<(), VaultError> {
    vault.put(&client_secret_name(id), secret).await
}

pub(crate) async fn load_client_secret(
    vault: &Vault,
    id: &ConnectionId,
) -> Result<Option<Sensitive<String>>, VaultError> {
    vault.get(&client_secret_name(id)).await
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
}
