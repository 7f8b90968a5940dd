//! The VeloPeak API (`{origin}/api/v1`), as `shared/contracts/velopeak-api.md` describes it,
//! and the OAuth profiles of VeloPeak and of the Velocity-style platform, whose resource API is
//! the same.
//!
//! - [`VelopeakClient`] reads: the athlete and the athletes a coach may read, planned workouts
//!   and activities by date window or as a change feed with tombstones, single items, streams,
//!   and the athlete's profile; it subscribes webhooks. Every request goes through the
//!   connection's [`Manners`] (rate limit, retries, body cap).
//! - [`webhook`] checks and reads what the platform POSTs to a webhook receiver.

mod dto;
mod feed;
mod reads;
mod request;
mod streams;
mod subscriptions;
pub mod webhook;

pub use crate::streams::FetchedStreams;
pub use feed::{Change, Conditional, DateWindow};
pub use reads::ListedItem;
pub use subscriptions::WebhookSubscription;

use crate::ProviderError;
use crate::manners::Manners;
use crate::oauth::{EndpointPaths, OAuthProfile, RevocationStyle, TokenBody};
use chrono::{DateTime, Utc};
use offpeak_domain::{Activity, Athlete, Scope, Sensitive, Workout};
use request::Get;

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

/// One page of a list, the cursor of the next if any, and when the platform served it (its
/// `Date` header, on its own clock: what a later change feed may start from).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    pub served_at: Option<DateTime<Utc>>,
}

/// Largest page the API serves.
pub const MAX_PAGE: u32 = 200;

/// Reads a VeloPeak account with a bearer token.
#[derive(Debug, Clone)]
pub struct VelopeakClient {
    http: reqwest::Client,
    origin: String,
    manners: Manners,
}

impl VelopeakClient {
    /// A client with manners of its own; give the clients of one connection the same
    /// [`Manners`] with [`VelopeakClient::with_manners`].
    pub fn new(http: reqwest::Client, origin: &str) -> VelopeakClient {
        VelopeakClient {
            http,
            origin: origin.trim_end_matches('/').to_owned(),
            manners: Manners::default(),
        }
    }

    pub fn with_manners(self, manners: Manners) -> VelopeakClient {
        VelopeakClient { manners, ..self }
    }

    /// The manners (and counters) every request of this client goes through.
    pub fn manners(&self) -> &Manners {
        &self.manners
    }

    /// The athlete who authorized the token.
    pub async fn athlete(&self, token: &Sensitive<String>) -> Result<Athlete, ProviderError> {
        let dto: dto::AthleteDto = self.get_json(token, Get::new(&["athlete"])).await?;
        Ok(dto.into())
    }

    /// The athletes `token` may read: the caller first, then those who share with them as
    /// coach. Summaries: name and time zone, no thresholds (see
    /// [`VelopeakClient::athlete_profile`]).
    pub async fn athletes(&self, token: &Sensitive<String>) -> Result<Vec<Athlete>, ProviderError> {
        let list: dto::AthleteListDto = self.get_json(token, Get::new(&["athletes"])).await?;
        Ok(list.data.into_iter().map(Athlete::from).collect())
    }

    /// A page of the caller's planned workouts, all dates.
    pub async fn workouts_page(
        &self,
        token: &Sensitive<String>,
        cursor: Option<&str>,
    ) -> Result<Page<Workout>, ProviderError> {
        let get = Get::new(&["workouts"]).page(cursor);
        self.page::<dto::WorkoutDto, _>(token, get).await
    }

    /// A page of the caller's activities, all dates.
    pub async fn activities_page(
        &self,
        token: &Sensitive<String>,
        cursor: Option<&str>,
    ) -> Result<Page<Activity>, ProviderError> {
        let get = Get::new(&["activities"]).page(cursor);
        self.page::<dto::ActivityDto, _>(token, get).await
    }
}
