//! The authorization server's memory: pending consent requests, authorization codes, grants and
//! the tokens issued under them.
//!
//! A *grant* is one approval by the person for one client and set of scopes. Every access and
//! refresh token belongs to exactly one grant, so revoking a grant (for instance when its code is
//! replayed) kills all of its tokens at once. Tokens are stored as SHA-256 hashes; the plain value
//! exists only in the response that issued it.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::scope::Scope;

pub(crate) const PENDING_LIFETIME: Duration = Duration::minutes(10);
pub(crate) const CODE_LIFETIME: Duration = Duration::seconds(60);
pub(crate) const ACCESS_TOKEN_LIFETIME: Duration = Duration::seconds(3600);

/// An authorize request waiting for the person's decision on the consent page.
#[derive(Debug, Clone)]
pub(crate) struct PendingRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<Scope>,
    pub state: Option<String>,
    pub code_challenge: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug)]
pub(crate) struct AuthCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub scopes: Vec<Scope>,
    pub athlete_id: String,
    pub expires_at: DateTime<Utc>,
    /// Set once the code has been exchanged: the grant it created.
    pub redeemed_grant: Option<GrantId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct GrantId(u64);

impl GrantId {
    pub(crate) fn as_u64(self) -> u64 {
        self.0
    }

    pub(crate) fn from_u64(id: u64) -> GrantId {
        GrantId(id)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub client_id: String,
    pub athlete_id: String,
    pub scopes: Vec<Scope>,
    pub revoked: bool,
    pub granted_at: DateTime<Utc>,
    pub last_used: Option<DateTime<Utc>>,
}

#[derive(Debug)]
struct AccessToken {
    grant: GrantId,
    issued_at: DateTime<Utc>,
    /// `None` for tokens that do not expire (Intervals.icu OAuth).
    expires_at: Option<DateTime<Utc>>,
}

#[derive(Debug)]
struct RefreshToken {
    grant: GrantId,
    /// False once rotated: kept so that a replay can be recognised as such.
    current: bool,
}

/// What a valid access token allows.
#[derive(Debug, Clone)]
pub(crate) struct TokenInfo {
    pub athlete_id: String,
    pub scopes: Vec<Scope>,
    pub client_id: String,
    pub grant: GrantId,
}

/// A freshly issued token pair (plain values, to be sent once).
#[derive(Debug)]
pub(crate) struct IssuedTokens {
    pub access_token: String,
    /// `None` where the platform issues no refresh token (Intervals.icu).
    pub refresh_token: Option<String>,
    pub scopes: Vec<Scope>,
    pub athlete_id: String,
    /// `None` for an access token that does not expire.
    pub expires_in: Option<i64>,
}

/// How tokens of a grant are shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenStyle {
    /// `vpa_`/`vpr_`, one-hour access tokens, rotating refresh tokens.
    Rotating,
    /// One access token that lives until revoked, no refresh token (Intervals.icu OAuth).
    Lasting,
}

/// Why a refresh token was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RefreshRefusal {
    Unknown,
    Rotated,
    WrongClient,
    Revoked,
}

#[derive(Debug, Default)]
pub(crate) struct AuthStore {
    pending: HashMap<String, PendingRequest>,
    codes: HashMap<String, AuthCode>,
    grants: HashMap<GrantId, Grant>,
    access: HashMap<String, AccessToken>,
    refresh: HashMap<String, RefreshToken>,
    next_grant: u64,
}

/// 32 random bytes, base64url without padding.
pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

impl AuthStore {
    /// Stores a pending request and returns its id.
    pub(crate) fn add_pending(&mut self, request: PendingRequest, now: DateTime<Utc>) -> String {
        self.pending.retain(|_, p| p.expires_at > now);
        let id = random_token();
        self.pending.insert(id.clone(), request);
        id
    }

    /// Removes and returns a pending request that has not expired.
    pub(crate) fn take_pending(&mut self, id: &str, now: DateTime<Utc>) -> Option<PendingRequest> {
        self.pending.remove(id).filter(|p| p.expires_at > now)
    }

    /// Issues an authorization code for an approved request.
    pub(crate) fn issue_code(
        &mut self,
        request: &PendingRequest,
        athlete_id: &str,
        now: DateTime<Utc>,
        lifetime: Duration,
    ) -> String {
        let code = random_token();
        self.codes.insert(
            hash(&code),
            AuthCode {
                client_id: request.client_id.clone(),
                redirect_uri: request.redirect_uri.clone(),
                code_challenge: request.code_challenge.clone(),
                scopes: request.scopes.clone(),
                athlete_id: athlete_id.to_string(),
                expires_at: now + lifetime,
                redeemed_grant: None,
            },
        );
        code
    }

    pub(crate) fn code(&self, code: &str) -> Option<&AuthCode> {
        self.codes.get(&hash(code))
    }

    /// A replayed code: revoke every token issued from it (RFC 6749 §4.1.2, RFC 9700 §4.5).
    pub(crate) fn revoke_code_grant(&mut self, code: &str) {
        if let Some(grant) = self.codes.get(&hash(code)).and_then(|c| c.redeemed_grant) {
            self.revoke_grant(grant);
        }
    }

    /// Exchanges a code that the caller has fully validated: marks it used, opens a grant and
    /// issues its first token pair.
    pub(crate) fn redeem_code(
        &mut self,
        code: &str,
        now: DateTime<Utc>,
        style: TokenStyle,
    ) -> Option<IssuedTokens> {
        let key = hash(code);
        let entry = self.codes.get(&key)?;
        if entry.redeemed_grant.is_some() {
            return None;
        }
        let grant = Grant {
            client_id: entry.client_id.clone(),
            athlete_id: entry.athlete_id.clone(),
            scopes: entry.scopes.clone(),
            revoked: false,
            granted_at: now,
            last_used: None,
        };
        let id = GrantId(self.next_grant);
        self.next_grant += 1;
        self.grants.insert(id, grant);
        if let Some(entry) = self.codes.get_mut(&key) {
            entry.redeemed_grant = Some(id);
        }
        Some(match style {
            TokenStyle::Rotating => self.issue_pair(id, now),
            TokenStyle::Lasting => self.issue_lasting(id, now),
        })
    }

    /// Opens a grant without the browser round trip, for the benchmark: what a person approving
    /// the consent page would have produced.
    pub(crate) fn grant_directly(
        &mut self,
        client_id: &str,
        athlete_id: &str,
        scopes: Vec<Scope>,
        now: DateTime<Utc>,
    ) -> IssuedTokens {
        let id = GrantId(self.next_grant);
        self.next_grant += 1;
        self.grants.insert(
            id,
            Grant {
                client_id: client_id.to_string(),
                athlete_id: athlete_id.to_string(),
                scopes,
                revoked: false,
                granted_at: now,
                last_used: None,
            },
        );
        self.issue_pair(id, now)
    }

    /// Rotates a refresh token: the presented one stops working at once.
    pub(crate) fn refresh(
        &mut self,
        refresh_token: &str,
        client_id: &str,
        now: DateTime<Utc>,
    ) -> Result<IssuedTokens, RefreshRefusal> {
        let key = hash(refresh_token);
        let entry = self.refresh.get(&key).ok_or(RefreshRefusal::Unknown)?;
        let grant_id = entry.grant;
        let grant = self.grants.get(&grant_id).ok_or(RefreshRefusal::Unknown)?;
        if grant.client_id != client_id {
            return Err(RefreshRefusal::WrongClient);
        }
        if grant.revoked {
            return Err(RefreshRefusal::Revoked);
        }
        if !entry.current {
            // A rotated token presented again: someone holds a stolen copy (RFC 9700 §4.14.2).
            self.revoke_grant(grant_id);
            return Err(RefreshRefusal::Rotated);
        }
        if let Some(entry) = self.refresh.get_mut(&key) {
            entry.current = false;
        }
        Ok(self.issue_pair(grant_id, now))
    }

    /// What an access token allows, if it is known, unexpired and its grant alive.
    /// `life_s`, when set, is a fault: tokens die that many seconds after issue.
    pub(crate) fn access(
        &mut self,
        access_token: &str,
        now: DateTime<Utc>,
        life_s: Option<u64>,
    ) -> Option<TokenInfo> {
        let token = self.access.get(&hash(access_token))?;
        if token.expires_at.is_some_and(|at| at <= now) {
            return None;
        }
        if let Some(life) = life_s
            && token.issued_at + Duration::seconds(i64::try_from(life).unwrap_or(i64::MAX / 4))
                <= now
        {
            return None;
        }
        let grant_id = token.grant;
        let grant = self.grants.get_mut(&grant_id).filter(|g| !g.revoked)?;
        grant.last_used = Some(now);
        Some(TokenInfo {
            athlete_id: grant.athlete_id.clone(),
            scopes: grant.scopes.clone(),
            client_id: grant.client_id.clone(),
            grant: grant_id,
        })
    }

    /// Revokes a grant and every token issued under it. `false` if it was not live.
    pub(crate) fn revoke_grant(&mut self, id: GrantId) -> bool {
        let was_live = self.grants.get(&id).is_some_and(|g| !g.revoked);
        if let Some(grant) = self.grants.get_mut(&id) {
            grant.revoked = true;
        }
        self.access.retain(|_, t| t.grant != id);
        self.refresh.retain(|_, t| t.grant != id);
        was_live
    }

    /// RFC 7009: revokes the token if `client_id` owns it. A refresh token takes its grant with
    /// it; an access token only itself. Returns the grant that ended, if one did.
    pub(crate) fn revoke_token(&mut self, token: &str, client_id: &str) -> Option<GrantId> {
        let key = hash(token);
        let owned_by = |grants: &HashMap<GrantId, Grant>, id: GrantId| {
            grants.get(&id).is_some_and(|g| g.client_id == client_id)
        };
        if let Some(grant) = self.refresh.get(&key).map(|t| t.grant) {
            if owned_by(&self.grants, grant) && self.revoke_grant(grant) {
                return Some(grant);
            }
            return None;
        }
        if let Some(grant) = self.access.get(&key).map(|t| t.grant)
            && owned_by(&self.grants, grant)
        {
            self.access.remove(&key);
            // A token that never expires stands for its whole grant (Intervals.icu).
            if !self.access.values().any(|t| t.grant == grant)
                && !self.refresh.values().any(|t| t.grant == grant)
            {
                self.revoke_grant(grant);
                return Some(grant);
            }
        }
        None
    }

    /// The live grants of one athlete, oldest first.
    pub(crate) fn grants_of(&self, athlete_id: &str) -> Vec<(GrantId, Grant)> {
        let mut list: Vec<(GrantId, Grant)> = self
            .grants
            .iter()
            .filter(|(_, g)| g.athlete_id == athlete_id && !g.revoked)
            .map(|(id, g)| (*id, g.clone()))
            .collect();
        list.sort_by_key(|(id, g)| (g.granted_at, id.0));
        list
    }

    pub(crate) fn grant(&self, id: GrantId) -> Option<&Grant> {
        self.grants.get(&id)
    }

    fn issue_lasting(&mut self, grant_id: GrantId, now: DateTime<Utc>) -> IssuedTokens {
        let access_token = random_token();
        self.access.insert(
            hash(&access_token),
            AccessToken {
                grant: grant_id,
                issued_at: now,
                expires_at: None,
            },
        );
        let grant = &self.grants[&grant_id];
        IssuedTokens {
            access_token,
            refresh_token: None,
            scopes: grant.scopes.clone(),
            athlete_id: grant.athlete_id.clone(),
            expires_in: None,
        }
    }

    fn issue_pair(&mut self, grant_id: GrantId, now: DateTime<Utc>) -> IssuedTokens {
        let access_token = format!("vpa_{}", random_token());
        let refresh_token = format!("vpr_{}", random_token());
        self.access
            .retain(|_, t| t.expires_at.is_none_or(|at| at > now));
        self.access.insert(
            hash(&access_token),
            AccessToken {
                grant: grant_id,
                issued_at: now,
                expires_at: Some(now + ACCESS_TOKEN_LIFETIME),
            },
        );
        self.refresh.insert(
            hash(&refresh_token),
            RefreshToken {
                grant: grant_id,
                current: true,
            },
        );
        let grant = &self.grants[&grant_id];
        IssuedTokens {
            access_token,
            refresh_token: Some(refresh_token),
            scopes: grant.scopes.clone(),
            athlete_id: grant.athlete_id.clone(),
            expires_in: Some(ACCESS_TOKEN_LIFETIME.num_seconds()),
        }
    }
}
