//! The VeloPeak API (`{origin}/api/v1`), as `../shared/contracts/velopeak-api.md` describes it,
//! and the OAuth profiles of VeloPeak and of the Velocity-style platform, whose resource API is
//! the same.

mod dto;

use crate::ProviderError;
use crate::oauth::{EndpointPaths, OAuthProfile, RevocationStyle, TokenBody};
use offpeak_domain::{Activity, Athlete, Scope, Sensitive, Workout};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// The production origin.
pub const DEFAULT_ORIGIN: &str = "https://velo-peak.com";

/// What Offpeak asks for: read access to the athlete, the plan and the activities.
pub fn requested_scopes() -> Vec<Scope> {
    Scope::parse_list("athlete:read workouts:read activities:read")
}

/// Where VeloPeak's built-in OAuth endpoints sit.
const VELOPEAK_PATHS: EndpointPaths = EndpointPaths {
    authorize: "/api/auth/oauth2/authorize",
    token: "/api/auth/oauth2/token",
    revocation: "/api/auth/oauth2/revoke",
    revocation_style: RevocationStyle::Rfc7009,
};

/// Where the Velocity-style platform's OAuth endpoints sit.
const VELOCITY_PATHS: EndpointPaths = EndpointPaths {
    authorize: "/oauth/consent",
    token: "/api/oauth/token",
    revocation: "/api/oauth/revoke",
    revocation_style: RevocationStyle::Rfc7009,
};

/// VeloPeak's built-in OAuth endpoints at `origin` for a registered app (confidential when it
/// has a secret). Where the server publishes metadata, [`crate::oauth::with_metadata`] replaces
/// them with the server's.
pub fn oauth_profile(
    origin: &str,
    client_id: &str,
    client_secret: Option<Sensitive<String>>,
) -> OAuthProfile {
    OAuthProfile {
        client_secret,
        ..OAuthProfile::at_origin("VeloPeak", origin, &VELOPEAK_PATHS, client_id)
    }
}

/// The Velocity-style platform at `origin`: a public client (no secret), JSON token and
/// revocation bodies, consent at `/oauth/consent`. Its resources are read with
/// [`VelopeakClient`].
pub fn velocity_profile(origin: &str, client_id: &str) -> OAuthProfile {
    OAuthProfile {
        token_body: TokenBody::Json,
        ..OAuthProfile::at_origin("Velocity", origin, &VELOCITY_PATHS, client_id)
    }
}

/// One page of a list and the cursor of the next, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// Largest page the API serves.
pub const MAX_PAGE: u32 = 200;

/// Reads a VeloPeak account with a bearer token.
#[derive(Debug, Clone)]
pub struct VelopeakClient {
    http: reqwest::Client,
    origin: String,
}

impl VelopeakClient {
    pub fn new(http: reqwest::Client, origin: &str) -> VelopeakClient {
        VelopeakClient {
            http,
            origin: origin.trim_end_matches('/').to_owned(),
        }
    }

    pub async fn athlete(&self, token: &Sensitive<String>) -> Result<Athlete, ProviderError> {
        let dto: dto::AthleteDto = self.get(token, "/athlete", &[]).await?;
        Ok(dto.into())
    }

    /// The athletes `token` may read: the caller first, then those who share with them as
    /// coach.
    pub async fn athletes(&self, token: &Sensitive<String>) -> Result<Vec<Athlete>, ProviderError> {
        let list: dto::AthleteListDto = self.get(token, "/athletes", &[]).await?;
        Ok(list.data.into_iter().map(Athlete::from).collect())
    }

    pub async fn workouts_page(
        &self,
        token: &Sensitive<String>,
        cursor: Option<&str>,
    ) -> Result<Page<Workout>, ProviderError> {
        self.page::<dto::WorkoutDto, _>(token, "/workouts", cursor)
            .await
    }

    pub async fn activities_page(
        &self,
        token: &Sensitive<String>,
        cursor: Option<&str>,
    ) -> Result<Page<Activity>, ProviderError> {
        self.page::<dto::ActivityDto, _>(token, "/activities", cursor)
            .await
    }

    /// One page of the list at `path`, each item read as `D` and translated into `T`.
    async fn page<D, T>(
        &self,
        token: &Sensitive<String>,
        path: &str,
        cursor: Option<&str>,
    ) -> Result<Page<T>, ProviderError>
    where
        D: DeserializeOwned,
        T: TryFrom<D, Error = ProviderError>,
    {
        let page: dto::PageDto<D> = self.get(token, path, &page_query(cursor)).await?;
        let items = page
            .data
            .into_iter()
            .map(T::try_from)
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            next_cursor: page.next_cursor,
        })
    }

    async fn get<T: DeserializeOwned>(
        &self,
        token: &Sensitive<String>,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ProviderError> {
        let response = self
            .http
            .get(format!("{}/api/v1{path}", self.origin))
            .bearer_auth(token.expose())
            .query(query)
            .send()
            .await
            .map_err(|e| ProviderError::transport(&self.origin, e))?;
        let status = response.status();
        if !status.is_success() {
            return Err(status_error(status, response.headers(), path));
        }
        crate::http::read_json(response, &self.origin, path).await
    }
}

fn page_query(cursor: Option<&str>) -> Vec<(&'static str, String)> {
    let mut query = vec![("limit", MAX_PAGE.to_string())];
    if let Some(cursor) = cursor {
        query.push(("cursor", cursor.to_owned()));
    }
    query
}

fn status_error(
    status: StatusCode,
    headers: &reqwest::header::HeaderMap,
    path: &str,
) -> ProviderError {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    match status.as_u16() {
        401 => ProviderError::AccessTokenRejected,
        403 => {
            let challenge = header("www-authenticate");
            let scope = challenge
                .split("scope=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or("the needed")
                .to_owned();
            ProviderError::InsufficientScope(scope)
        }
        404 => ProviderError::NotFound(path.to_owned()),
        429 => {
            let seconds = header("retry-after").trim().parse().unwrap_or(10);
            ProviderError::RateLimited {
                retry_after: Duration::from_secs(seconds),
            }
        }
        s if s >= 500 => ProviderError::Server { status: s },
        s => ProviderError::BadResponse(format!("{path} answered HTTP {s}")),
    }
}
