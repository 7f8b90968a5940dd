//! The Intervals.icu API (`{origin}/api/v1`), as `shared/contracts/intervals-icu.md` describes
//! it: a personal API key (always HTTP Basic with the user `API_KEY`, never Bearer) or an OAuth
//! token; the athlete's profile, the calendar (workouts, races, notes), activities (Strava
//! stubs included), streams, laps and wellness, all by date window; disconnecting the app; and
//! refusals explained to a person (`errors`). Every request goes through the connection's
//! [`Manners`], at most ten a second.

mod dto;
mod errors;
mod reads;
mod request;

pub use crate::streams::FetchedStreams;
pub use reads::CalendarEvents;

use crate::ProviderError;
use crate::manners::Manners;
use crate::oauth::{EndpointPaths, OAuthProfile, RevocationStyle};
use chrono::NaiveDate;
use offpeak_domain::{Athlete, Scope, Sensitive};

/// The production origin.
pub const DEFAULT_ORIGIN: &str = "https://intervals.icu";

/// The user name every personal API key is sent with.
const KEY_USER: &str = "API_KEY";

/// What Offpeak asks an OAuth sign-in for: activities, the calendar (planned workouts) and
/// wellness.
pub fn requested_scopes() -> Vec<Scope> {
    Scope::parse_list("ACTIVITY:READ,CALENDAR:READ,WELLNESS:READ")
}

/// Where the OAuth endpoints sit; revoking is disconnecting the app.
const OAUTH_PATHS: EndpointPaths = EndpointPaths {
    authorize: "/oauth/authorize",
    token: "/api/oauth/token",
    revocation: "/api/v1/disconnect-app",
    revocation_style: RevocationStyle::DisconnectApp,
};

/// Intervals.icu's OAuth endpoints at `origin` for a registered app (always confidential).
/// Comma-separated scopes; no refresh token or expiry; revoking disconnects the app.
pub fn oauth_profile(origin: &str, client_id: &str, secret: Sensitive<String>) -> OAuthProfile {
    OAuthProfile {
        client_secret: Some(secret),
        scope_separator: ',',
        ..OAuthProfile::at_origin("Intervals.icu", origin, &OAUTH_PATHS, client_id)
    }
}

/// How requests prove who sends them.
#[derive(Debug, Clone)]
pub enum IntervalsAuth {
    /// A personal API key: sent as HTTP Basic `API_KEY:<key>`.
    ApiKey(Sensitive<String>),
    /// An OAuth access token: sent as Bearer.
    Bearer(Sensitive<String>),
}

/// Reads an Intervals.icu account.
#[derive(Debug, Clone)]
pub struct IntervalsClient {
    http: reqwest::Client,
    origin: String,
    auth: IntervalsAuth,
    manners: Manners,
}

impl IntervalsClient {
    /// A client with manners of its own; give the clients of one connection the same
    /// [`Manners`] with [`IntervalsClient::with_manners`].
    pub fn new(http: reqwest::Client, origin: &str, auth: IntervalsAuth) -> IntervalsClient {
        IntervalsClient {
            http,
            origin: origin.trim_end_matches('/').to_owned(),
            auth,
            manners: Manners::default(),
        }
    }

    pub fn with_manners(self, manners: Manners) -> IntervalsClient {
        IntervalsClient { manners, ..self }
    }

    /// The manners (and counters) every request of this client goes through.
    pub fn manners(&self) -> &Manners {
        &self.manners
    }

    /// The athlete `athlete_id` names; `""` or `"0"` is the owner of the key or token. The
    /// answer carries the athlete's own id (`i1042`), kept as text. The same as
    /// [`IntervalsClient::profile`].
    pub async fn athlete(&self, athlete_id: &str) -> Result<Athlete, ProviderError> {
        self.profile(athlete_id).await
    }

    /// Disconnects the app whose OAuth access `token` is: the platform forgets the grant and
    /// the token stops working. A token it no longer knows counts as disconnected.
    pub async fn disconnect_app(&self, token: &Sensitive<String>) -> Result<(), ProviderError> {
        crate::oauth::disconnect_app(
            &self.http,
            &format!("{}{}", self.origin, OAUTH_PATHS.revocation),
            token,
        )
        .await
    }
}

/// `oldest`/`newest` (and a category filter) as query parameters.
fn window(
    oldest: NaiveDate,
    newest: NaiveDate,
    category: Option<&str>,
) -> Vec<(&'static str, String)> {
    let mut query = vec![
        ("oldest", oldest.to_string()),
        ("newest", newest.to_string()),
    ];
    if let Some(category) = category {
        query.push(("category", category.to_owned()));
    }
    query
}

/// The athlete id as it goes in a path: `0` for the owner, else `i123` or `123`. Anything else
/// is refused before it can change the path.
fn path_id(athlete_id: &str) -> Result<&str, ProviderError> {
    let id = athlete_id.trim();
    if id.is_empty() || id == "0" {
        return Ok("0");
    }
    let digits = id.strip_prefix('i').unwrap_or(id);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(id)
    } else {
        Err(ProviderError::InvalidInput(format!(
            "“{id}” is not an Intervals.icu athlete ID; it looks like i12345, or leave it empty for the key's own athlete"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn athlete_ids_are_checked_before_they_reach_a_path() {
        assert_eq!(path_id("").unwrap(), "0");
        assert_eq!(path_id(" 0 ").unwrap(), "0");
        assert_eq!(path_id("i1042").unwrap(), "i1042");
        assert_eq!(path_id("1042").unwrap(), "1042");
        assert!(path_id("0/fitness").is_err());
        assert!(path_id("i").is_err());
    }

    #[test]
    fn an_intervals_client_never_prints_its_key() {
        let client = IntervalsClient::new(
            crate::http_client(),
            DEFAULT_ORIGIN,
            IntervalsAuth::ApiKey(Sensitive::new("secret-key-123".into())),
        );
        assert!(!format!("{client:?}").contains("secret-key-123"));
    }
}
