//! API keys of the Velocity profile: `vel_` followed by 40 random characters, shown once at
//! creation, stored only as SHA-256 hashes, each bound to a workspace and read-only or
//! read-write. Sent as `Authorization: Bearer vel_…` with `X-Workspace-Slug`.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::api::{ApiError, Caller};
use crate::grants::random_token;
use crate::pkce::constant_time_eq;
use crate::scope::Scope;

/// What a key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAccess {
    ReadOnly,
    ReadWrite,
}

impl KeyAccess {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyAccess::ReadOnly => "read-only",
            KeyAccess::ReadWrite => "read-write",
        }
    }

    pub fn parse(s: &str) -> Option<KeyAccess> {
        [KeyAccess::ReadOnly, KeyAccess::ReadWrite]
            .into_iter()
            .find(|a| a.as_str() == s)
    }

    fn scopes(self) -> Vec<Scope> {
        let mut scopes = Scope::READ.to_vec();
        if self == KeyAccess::ReadWrite {
            scopes.push(Scope::WorkoutsWrite);
        }
        scopes
    }
}

/// A stored key: never the key itself.
#[derive(Debug, Clone)]
pub(crate) struct StoredKey {
    pub id: String,
    pub name: String,
    pub workspace: String,
    pub athlete_id: String,
    pub access: KeyAccess,
    /// The first characters, so a person can tell keys apart: `vel_Ab3d`.
    pub prefix: String,
    pub sha256: [u8; 32],
    pub created_at: DateTime<Utc>,
    pub last_used: Option<DateTime<Utc>>,
}

/// Why a key was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum KeyRefusal {
    Unknown,
    OtherWorkspace,
}

impl KeyRefusal {
    pub(crate) fn into_api_error(self) -> ApiError {
        match self {
            KeyRefusal::Unknown => ApiError::invalid_token("the API key is unknown or revoked"),
            KeyRefusal::OtherWorkspace => {
                ApiError::forbidden("this API key belongs to another workspace")
            }
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct ApiKeys {
    keys: Vec<StoredKey>,
}

/// `ana-ruiz` from `Ana Ruiz`: lower-case ASCII letters and digits, dashes between words.
pub fn workspace_slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' | 'Á' => 'a',
            'é' | 'è' | 'ë' | 'ê' | 'É' => 'e',
            'í' | 'ï' | 'î' | 'Í' => 'i',
            'ó' | 'ö' | 'ô' | 'Ó' | 'Ø' | 'ø' => 'o',
            'ú' | 'ü' | 'û' | 'Ú' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

impl ApiKeys {
    /// Creates a key and returns its plain value — the only time it exists outside a hash.
    pub(crate) fn create(
        &mut self,
        name: &str,
        access: KeyAccess,
        athlete_id: &str,
        workspace: &str,
        now: DateTime<Utc>,
    ) -> (String, StoredKey) {
        let plain = format!("vel_{}", random_token().replace(['-', '_'], "x"));
        let stored = StoredKey {
            id: format!("key_{}", &random_token()[..10]),
            name: name.to_string(),
            workspace: workspace.to_string(),
            athlete_id: athlete_id.to_string(),
            access,
            prefix: plain[..8].to_string(),
            sha256: Sha256::digest(plain.as_bytes()).into(),
            created_at: now,
            last_used: None,
        };
        self.keys.push(stored.clone());
        (plain, stored)
    }

    /// The caller a key stands for, if it is known and belongs to `workspace`.
    pub(crate) fn check(&mut self, key: &str, workspace: &str) -> Result<Caller, KeyRefusal> {
        let digest: [u8; 32] = Sha256::digest(key.as_bytes()).into();
        let stored = self
            .keys
            .iter_mut()
            .find(|k| constant_time_eq(&k.sha256, &digest))
            .ok_or(KeyRefusal::Unknown)?;
        if stored.workspace != workspace {
            return Err(KeyRefusal::OtherWorkspace);
        }
        stored.last_used = Some(Utc::now());
        Ok(Caller {
            athlete_id: stored.athlete_id.clone(),
            scopes: stored.access.scopes(),
            client_id: None,
        })
    }

    pub(crate) fn list(&self) -> &[StoredKey] {
        &self.keys
    }

    /// Deletes a key; `false` if there was none with that id.
    pub(crate) fn revoke(&mut self, id: &str) -> bool {
        let before = self.keys.len();
        self.keys.retain(|k| k.id != id);
        self.keys.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_stored_as_a_hash_and_checked_against_its_workspace() {
        let mut keys = ApiKeys::default();
        let (plain, stored) =
            keys.create("script", KeyAccess::ReadOnly, "a_1", "ana-ruiz", Utc::now());
        assert!(plain.starts_with("vel_"));
        assert_eq!(plain.len(), 47);
        assert!(!format!("{:?}", keys).contains(&plain[4..]));
        assert_eq!(stored.prefix, plain[..8]);
        let caller = keys.check(&plain, "ana-ruiz").unwrap();
        assert_eq!(caller.athlete_id, "a_1");
        assert!(!caller.scopes.contains(&Scope::WorkoutsWrite));
        assert_eq!(
            keys.check(&plain, "other").unwrap_err(),
            KeyRefusal::OtherWorkspace
        );
        assert_eq!(
            keys.check("vel_nope", "ana-ruiz").unwrap_err(),
            KeyRefusal::Unknown
        );
        assert!(keys.revoke(&stored.id));
        assert_eq!(
            keys.check(&plain, "ana-ruiz").unwrap_err(),
            KeyRefusal::Unknown
        );
    }

    #[test]
    fn read_write_keys_may_write() {
        let mut keys = ApiKeys::default();
        let (plain, _) = keys.create("ci", KeyAccess::ReadWrite, "a_1", "w", Utc::now());
        assert!(
            keys.check(&plain, "w")
                .unwrap()
                .scopes
                .contains(&Scope::WorkoutsWrite)
        );
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(workspace_slug("Ana Ruiz"), "ana-ruiz");
        assert_eq!(workspace_slug("  Lucía  Fernández! "), "lucia-fernandez");
    }
}
