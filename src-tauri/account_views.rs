//! What the accounts screen, the app-registration form and the sign-in forms exchange with the
//! shell. Requests that carry a secret are deliberately not `Debug` and never sent back.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A platform Offpeak can connect to, and how.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProviderView {
    /// `velopeak`, `velocity` or `intervals`.
    pub id: String,
    pub name: String,
    pub default_origin: String,
    /// Signs in through the browser (OAuth) with an app registration.
    pub oauth: bool,
    /// The app registration needs a client secret (a confidential app).
    pub oauth_needs_secret: bool,
    /// Connects with a personal API key.
    pub api_key: bool,
    /// The scopes Offpeak asks for.
    pub scopes: Vec<String>,
}

/// An app registered with a platform. The client secret stays in the keychain.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RegistrationView {
    pub id: String,
    pub provider: String,
    pub provider_name: String,
    pub origin: String,
    pub client_id: String,
    /// A client secret is kept in the keychain for it.
    pub has_secret: bool,
    /// The loopback ports sign-ins use; empty means any free port.
    pub redirect_ports: Vec<u16>,
}

/// The "App registration" form. Not `Debug`: it carries the client secret.
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct RegisterAppRequest {
    pub provider: String,
    /// Empty means the platform's public address.
    pub origin: String,
    pub client_id: String,
    /// Empty for a public client.
    pub client_secret: String,
    /// The loopback ports the platform registered for the app, comma separated; empty for any.
    pub redirect_ports: String,
}

/// The "Connect with an API key" form. Not `Debug`: it carries the key.
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct ApiKeyLoginRequest {
    pub provider: String,
    pub origin: String,
    pub api_key: String,
    /// Empty or `0` means the key's own athlete.
    pub athlete_id: String,
}

/// One athlete a connection can read.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AthleteView {
    pub id: String,
    pub name: String,
    pub is_self: bool,
}

/// What a connection holds in the cache.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CacheView {
    pub workouts: u32,
    pub activities: u32,
    pub bytes: f64,
}

/// One connection on the accounts screen. Never holds a secret.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AccountView {
    pub id: String,
    pub provider: String,
    pub provider_name: String,
    /// `oauth` or `api_key`.
    pub auth_kind: String,
    /// `active`, `reauth_required` or `disconnected`.
    pub status: String,
    pub origin: String,
    pub athlete_id: String,
    pub athlete_name: String,
    /// Its own athlete first, then those who share with it.
    pub athletes: Vec<AthleteView>,
    pub scopes_granted: Vec<String>,
    pub scopes_requested: Vec<String>,
    /// Asked for but not granted.
    pub scopes_missing: Vec<String>,
    /// RFC 3339; `null` for keys and tokens that do not expire.
    pub access_expires_at: Option<String>,
    pub last_refresh_at: Option<String>,
    pub last_sync_at: Option<String>,
    pub last_error: Option<String>,
    pub last_error_code: Option<String>,
    pub cache: CacheView,
    pub connected_at: String,
    /// The platform can send live updates (webhooks).
    pub live_updates_offered: bool,
    /// The permission live updates need was granted.
    pub live_updates_allowed: bool,
    /// Live updates are on: where the platform delivers them.
    pub live_updates_url: Option<String>,
}

/// What a disconnect did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DisconnectReport {
    /// The platform confirmed the revocation.
    pub revoked_at_server: bool,
    /// The cached data was removed.
    pub purged: bool,
    /// A sentence for the person: what happened, and what to do if the server could not be told.
    pub message: String,
}

fn instant(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<offpeak_domain::ProviderKind> for ProviderView {
    fn from(kind: offpeak_domain::ProviderKind) -> ProviderView {
        use offpeak_domain::ProviderKind as P;
        ProviderView {
            id: kind.as_str().to_owned(),
            name: kind.display_name().to_owned(),
            default_origin: kind.default_origin().to_owned(),
            oauth: true,
            oauth_needs_secret: offpeak_sync::needs_client_secret(kind),
            api_key: kind == P::Intervals,
            scopes: offpeak_sync::profiles::requested_scopes(kind)
                .into_iter()
                .map(|s| s.0)
                .collect(),
        }
    }
}

impl From<offpeak_store::AppRegistration> for RegistrationView {
    fn from(r: offpeak_store::AppRegistration) -> RegistrationView {
        RegistrationView {
            id: r.id,
            provider: r.provider.as_str().to_owned(),
            provider_name: r.provider.display_name().to_owned(),
            origin: r.origin,
            client_id: r.client_id,
            has_secret: r.confidential,
            redirect_ports: r.redirect_ports,
        }
    }
}

impl From<offpeak_sync::AccountSummary> for AccountView {
    fn from(summary: offpeak_sync::AccountSummary) -> AccountView {
        let c = summary.connection;
        let names = |scopes: &[offpeak_domain::Scope]| -> Vec<String> {
            scopes.iter().map(|s| s.0.clone()).collect()
        };
        let missing = c
            .requested_scopes
            .iter()
            .filter(|s| !c.scopes.contains(s))
            .map(|s| s.0.clone())
            .collect();
        AccountView {
            id: c.id.0.clone(),
            provider: c.provider.as_str().to_owned(),
            provider_name: c.provider.display_name().to_owned(),
            auth_kind: c.auth_kind.as_str().to_owned(),
            status: c.status.as_str().to_owned(),
            athlete_id: c.athlete_id.clone(),
            athlete_name: c.athlete_name.clone(),
            athletes: summary
                .athletes
                .into_iter()
                .map(|a| AthleteView {
                    id: a.id,
                    name: a.name,
                    is_self: a.is_self,
                })
                .collect(),
            scopes_granted: names(&c.scopes),
            scopes_requested: names(&c.requested_scopes),
            scopes_missing: missing,
            access_expires_at: c.access_expires_at.map(instant),
            last_refresh_at: c.last_refresh_at.map(instant),
            last_sync_at: c.last_sync_at.map(instant),
            last_error: c.last_error,
            last_error_code: c.last_error_code,
            cache: CacheView {
                workouts: clamp(summary.cache.workouts),
                activities: clamp(summary.cache.activities),
                bytes: summary.cache.bytes as f64,
            },
            connected_at: instant(c.created_at),
            live_updates_offered: c.provider != offpeak_domain::ProviderKind::Intervals
                && c.auth_kind == offpeak_domain::AuthKind::OAuth,
            live_updates_allowed: c.scopes.iter().any(|s| s.0 == "webhooks"),
            live_updates_url: summary.live_updates.map(|s| s.callback_url),
            origin: c.origin,
        }
    }
}

impl From<offpeak_sync::DisconnectOutcome> for DisconnectReport {
    fn from(o: offpeak_sync::DisconnectOutcome) -> DisconnectReport {
        DisconnectReport {
            revoked_at_server: o.revoked_at_server,
            purged: o.purged,
            message: o.message,
        }
    }
}
