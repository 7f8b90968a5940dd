//! The Intervals.icu API (`{origin}/api/v1`), as `shared/contracts/intervals-icu.md` describes
//! it: a personal API key (always HTTP Basic with the user `API_KEY`, never Bearer) or an OAuth
//! token, the athlete profile, planned workouts and activities by date window, disconnecting
//! the app, and refusals explained to a person ([`errors`]).

mod dto;
mod errors;

pub use dto::StravaStub;

use crate::ProviderError;
use crate::oauth::{EndpointPaths, OAuthProfile, RevocationStyle};
use chrono::NaiveDate;
use dto::Listed;
use errors::Asked;
use offpeak_domain::{Activity, Athlete, Scope, Sensitive, Workout};
use serde::de::DeserializeOwned;

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

/// Activities of a date window. Activities imported from Strava come back as stubs the platform
/// may not pass on: they do not fail the window, they are returned apart in `strava_stubs`.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityList {
    pub activities: Vec<Activity>,
    pub strava_stubs: Vec<StravaStub>,
}

/// Reads an Intervals.icu account.
#[derive(Debug, Clone)]
pub struct IntervalsClient {
    http: reqwest::Client,
    origin: String,
    auth: IntervalsAuth,
}

impl IntervalsClient {
    pub fn new(http: reqwest::Client, origin: &str, auth: IntervalsAuth) -> IntervalsClient {
        IntervalsClient {
            http,
            origin: origin.trim_end_matches('/').to_owned(),
            auth,
        }
    }

    /// The athlete `athlete_id` names; `""` or `"0"` is the owner of the key or token. The
    /// answer carries the athlete's own id (`i1042`), kept as text.
    pub async fn athlete(&self, athlete_id: &str) -> Result<Athlete, ProviderError> {
        let id = path_id(athlete_id)?;
        let dto: dto::AthleteDto = self.get(&format!("/athlete/{id}"), &[], id, None).await?;
        Ok(dto.into())
    }

    /// The planned workouts (events of category `WORKOUT`) of `athlete_id` between `oldest` and
    /// `newest`, local dates, inclusive.
    pub async fn events(
        &self,
        athlete_id: &str,
        oldest: NaiveDate,
        newest: NaiveDate,
    ) -> Result<Vec<Workout>, ProviderError> {
        let id = path_id(athlete_id)?;
        let query = [
            ("oldest", oldest.to_string()),
            ("newest", newest.to_string()),
            ("category", "WORKOUT".to_owned()),
        ];
        let events: Vec<dto::EventDto> = self
            .get(
                &format!("/athlete/{id}/events"),
                &query,
                id,
                Some("CALENDAR:READ"),
            )
            .await?;
        events
            .into_iter()
            .filter(|e| e.category.as_deref() == Some("WORKOUT"))
            .map(|e| e.into_workout(id))
            .collect()
    }

    /// The activities of `athlete_id` that started between `oldest` and `newest` (local dates,
    /// inclusive), newest first, with Strava stubs set apart (see [`ActivityList`]).
    pub async fn activities(
        &self,
        athlete_id: &str,
        oldest: NaiveDate,
        newest: NaiveDate,
    ) -> Result<ActivityList, ProviderError> {
        let id = path_id(athlete_id)?;
        let query = [
            ("oldest", oldest.to_string()),
            ("newest", newest.to_string()),
        ];
        let listed: Vec<dto::ActivityDto> = self
            .get(
                &format!("/athlete/{id}/activities"),
                &query,
                id,
                Some("ACTIVITY:READ"),
            )
            .await?;
        let mut list = ActivityList {
            activities: Vec::new(),
            strava_stubs: Vec::new(),
        };
        for item in listed {
            match item.into_listed(id)? {
                Listed::Activity(a) => list.activities.push(*a),
                Listed::Stub(s) => list.strava_stubs.push(s),
            }
        }
        Ok(list)
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

    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        athlete: &str,
        scope: Option<&'static str>,
    ) -> Result<T, ProviderError> {
        let url = format!("{}/api/v1{path}", self.origin);
        let request = self.http.get(&url).query(query);
        let request = match &self.auth {
            IntervalsAuth::ApiKey(key) => request.basic_auth(KEY_USER, Some(key.expose())),
            IntervalsAuth::Bearer(token) => request.bearer_auth(token.expose()),
        };
        let response = request
            .send()
            .await
            .map_err(|e| ProviderError::transport(&self.origin, e))?;
        let status = response.status();
        if !status.is_success() {
            let retry_after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok());
            let asked = Asked {
                path: response.url().path(),
                athlete: Some(athlete),
                scope,
            };
            return Err(errors::refusal(
                status.as_u16(),
                retry_after,
                &self.auth,
                &asked,
            ));
        }
        crate::http::read_json(response, &self.origin, path).await
    }
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
