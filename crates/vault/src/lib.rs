//! Offpeak's secrets — OAuth tokens and app client secrets — live in the operating system's
//! keychain (Secret Service on Linux) and nowhere else.
//!
//! [`Vault`] is the one door to the keychain. It is built with an explicit credential store: the
//! platform's in the app and CLI, an in-memory one in unit tests. Keychain calls block, so every
//! call runs on tokio's blocking pool. Secrets travel in [`Sensitive`], which refuses to print
//! itself and cannot be serialized, so a token cannot slip into a log line, an error or an IPC
//! answer by accident.

pub use offpeak_domain::Sensitive;

use keyring_core::api::CredentialStore;
use std::sync::Arc;

/// What went wrong with the keychain. Messages never contain a secret.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error(
        "the system keychain is not available ({0}); on Linux, make sure a Secret Service such as GNOME Keyring is running and unlocked"
    )]
    Unavailable(String),
    #[error("the system keychain refused access ({0}); unlock it and try again")]
    Locked(String),
    #[error("the keychain holds an unreadable entry for {0}; reconnect the account to replace it")]
    Corrupt(String),
    #[error("the keychain failed: {0}")]
    Platform(String),
}

/// The keychain, seen as a map from names to secret strings under one service name.
#[derive(Clone)]
pub struct Vault {
    store: Arc<CredentialStore>,
    service: String,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// The operating system's keychain.
    pub async fn system(service: &str) -> Result<Vault, VaultError> {
        let store = tokio::task::spawn_blocking(zbus_secret_service_keyring_store::Store::new)
            .await
            .map_err(|e| VaultError::Platform(e.to_string()))?
            .map_err(|e| VaultError::Unavailable(describe(&e)))?;
        Ok(Vault::with_store(store, service))
    }

    /// A keychain that lives in memory and vanishes with the process, for tests.
    pub fn in_memory(service: &str) -> Vault {
        let store = keyring_core::mock::Store::new().expect("the in-memory store always builds");
        Vault::with_store(store, service)
    }

    pub fn with_store(store: Arc<CredentialStore>, service: &str) -> Vault {
        Vault {
            store,
            service: service.to_owned(),
        }
    }

    /// Saves `secret` under `name`, replacing what was there.
    pub async fn put(&self, name: &str, secret: &Sensitive<String>) -> Result<(), VaultError> {
        let secret = secret.clone();
        self.call(name, move |entry, name| {
            entry
                .set_password(secret.expose())
                .map_err(|e| map_error(e, &name))
        })
        .await
    }

    /// Reads the secret under `name`, or `None` when there is none.
    pub async fn get(&self, name: &str) -> Result<Option<Sensitive<String>>, VaultError> {
        self.call(name, |entry, name| match entry.get_password() {
            Ok(secret) => Ok(Some(Sensitive::new(secret))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_error(e, &name)),
        })
        .await
    }

    /// Removes the secret under `name`; removing a missing one is not an error.
    pub async fn delete(&self, name: &str) -> Result<(), VaultError> {
        self.call(name, |entry, name| match entry.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_error(e, &name)),
        })
        .await
    }

    async fn call<T, F>(&self, name: &str, op: F) -> Result<T, VaultError>
    where
        T: Send + 'static,
        F: FnOnce(keyring_core::Entry, String) -> Result<T, VaultError> + Send + 'static,
    {
        let store = self.store.clone();
        let service = self.service.clone();
        let name = name.to_owned();
        tokio::task::spawn_blocking(move || {
            let entry = store
                .build(&service, &name, None)
                .map_err(|e| map_error(e, &name))?;
            op(entry, name)
        })
        .await
        .map_err(|e| VaultError::Platform(e.to_string()))?
    }
}

/// Turns a keychain error into ours, dropping any payload that could hold secret bytes.
fn map_error(error: keyring_core::Error, name: &str) -> VaultError {
    use keyring_core::Error as E;
    match error {
        E::NoStorageAccess(e) => VaultError::Locked(e.to_string()),
        E::BadEncoding(_) | E::BadDataFormat(_, _) => VaultError::Corrupt(name.to_owned()),
        E::NoDefaultStore => VaultError::Unavailable("no credential store".into()),
        other => VaultError::Platform(describe(&other)),
    }
}

fn describe(error: &keyring_core::Error) -> String {
    use keyring_core::Error as E;
    match error {
        E::BadEncoding(_) | E::BadDataFormat(_, _) => "unreadable entry".into(),
        E::Ambiguous(entries) => format!("{} entries match", entries.len()),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn secrets_round_trip_and_delete() {
        let vault = Vault::in_memory("offpeak-test");
        assert!(vault.get("c1/tokens").await.unwrap().is_none());
        vault
            .put("c1/tokens", &Sensitive::new("s3cr3t".to_owned()))
            .await
            .unwrap();
        assert_eq!(
            vault.get("c1/tokens").await.unwrap().unwrap().expose(),
            "s3cr3t"
        );
        vault
            .put("c1/tokens", &Sensitive::new("rotated".to_owned()))
            .await
            .unwrap();
        assert_eq!(
            vault.get("c1/tokens").await.unwrap().unwrap().expose(),
            "rotated"
        );
        vault.delete("c1/tokens").await.unwrap();
        assert!(vault.get("c1/tokens").await.unwrap().is_none());
        vault.delete("c1/tokens").await.unwrap();
    }

    #[tokio::test]
    async fn names_are_separate() {
        let vault = Vault::in_memory("offpeak-test");
        vault
            .put("a", &Sensitive::new("1".to_owned()))
            .await
            .unwrap();
        vault
            .put("b", &Sensitive::new("2".to_owned()))
            .await
            .unwrap();
        assert_eq!(vault.get("a").await.unwrap().unwrap().expose(), "1");
        assert_eq!(vault.get("b").await.unwrap().unwrap().expose(), "2");
    }

    #[test]
    fn errors_never_carry_secret_bytes() {
        let err = map_error(
            keyring_core::Error::BadEncoding(b"vpr_secret".to_vec()),
            "c1/tokens",
        );
        let text = format!("{err} {err:?}");
        assert!(
            !text.contains("vpr_secret") && !text.contains("118, 112"),
            "{text}"
        );
    }
}
