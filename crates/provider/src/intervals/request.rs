//! How an Intervals.icu GET is made: the credentials (Basic `API_KEY` or Bearer), ids as path
//! segments, at most ten requests in any second (the connection's [`crate::Manners`]), and
//! refusals explained by [`super::errors`].

use super::errors::{self, Asked};
use super::{IntervalsAuth, IntervalsClient, KEY_USER};
use crate::ProviderError;
use crate::manners::{Call, Pacing, Reply};
use serde::de::DeserializeOwned;
use url::Url;

/// The most requests the platform takes from one address in a second.
const REQUESTS_PER_SECOND: u32 = 10;

/// One GET: the path after `/api/v1` as segments, its query, and what the messages need.
pub(super) struct Get<'a> {
    pub segments: &'a [&'a str],
    pub query: Vec<(&'static str, String)>,
    /// The athlete id in the path, if any.
    pub athlete: Option<&'a str>,
    /// The OAuth scope the call needs, if any.
    pub scope: Option<&'static str>,
}

/// A successful answer and its size.
pub(super) struct Got<T> {
    pub value: T,
    pub bytes: u64,
}

/// An answer that was not a success: its status, and the refusal a person would be told.
pub(super) struct Refused {
    pub status: u16,
    pub error: ProviderError,
}

impl IntervalsClient {
    /// `{origin}/api/v1/<segments>`, each segment escaped.
    fn url(&self, segments: &[&str]) -> Result<Url, ProviderError> {
        let not_an_address =
            || ProviderError::InvalidInput(format!("“{}” is not a web address", self.origin));
        let mut url =
            Url::parse(&format!("{}/api/v1/", self.origin)).map_err(|_| not_an_address())?;
        url.path_segments_mut()
            .map_err(|_| not_an_address())?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    /// The answer, or the refusal with its status for a caller that reads some statuses its
    /// own way.
    pub(super) async fn fetch<T: DeserializeOwned>(
        &self,
        get: &Get<'_>,
    ) -> Result<Result<Got<T>, Refused>, ProviderError> {
        let url = self.url(get.segments)?;
        let call = Call {
            origin: &self.origin,
            path: url.path(),
            pacing: Pacing::PerSecond(REQUESTS_PER_SECOND),
            idempotent: true,
        };
        let build = || {
            let request = self.http.get(url.clone()).query(&get.query);
            match &self.auth {
                IntervalsAuth::ApiKey(key) => request.basic_auth(KEY_USER, Some(key.expose())),
                IntervalsAuth::Bearer(token) => request.bearer_auth(token.expose()),
            }
        };
        let parse = |body: &[u8]| serde_json::from_slice::<T>(body);
        match self.manners.send(&call, build, parse).await? {
            Reply::Fresh { value, bytes, .. } => Ok(Ok(Got { value, bytes })),
            Reply::Refused { status, .. } => {
                let asked = Asked {
                    path: url.path(),
                    athlete: get.athlete,
                    scope: get.scope,
                };
                let error = errors::refusal(status, None, &self.auth, &asked);
                Ok(Err(Refused { status, error }))
            }
            Reply::NotModified => Err(ProviderError::BadResponse(format!(
                "{} answered 304 to a request that named no version",
                url.path()
            ))),
        }
    }

    /// The answer; any refusal is the error.
    pub(super) async fn get<T: DeserializeOwned>(&self, get: &Get<'_>) -> Result<T, ProviderError> {
        match self.fetch(get).await? {
            Ok(got) => Ok(got.value),
            Err(refused) => Err(refused.error),
        }
    }
}
