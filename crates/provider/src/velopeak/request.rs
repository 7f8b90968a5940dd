//! How a VeloPeak GET is made and what its refusals mean: ids as path segments, the bearer
//! token, paging, window and `athlete_id` parameters, `If-None-Match`, and 4xx answers turned
//! into errors a person can act on. 429s, 5xx and broken answers are the manners' business.

use super::{Page, VelopeakClient, dto};
use crate::ProviderError;
use crate::manners::{Call, Pacing, Reply, served_at};
use chrono::{DateTime, Utc};
use offpeak_domain::Sensitive;
use reqwest::header::{ETAG, HeaderMap, IF_NONE_MATCH, WWW_AUTHENTICATE};
use serde::de::DeserializeOwned;
use url::Url;

/// One GET: the path as segments, its query, the tag of what the caller already has, and the
/// athlete it reads (for the messages).
pub(super) struct Get<'a> {
    segments: Vec<&'a str>,
    query: Vec<(&'static str, String)>,
    etag: Option<&'a str>,
    athlete: Option<&'a str>,
}

impl<'a> Get<'a> {
    pub(super) fn new(segments: &[&'a str]) -> Get<'a> {
        Get {
            segments: segments.to_vec(),
            query: Vec::new(),
            etag: None,
            athlete: None,
        }
    }

    /// The largest page, from `cursor` on.
    pub(super) fn page(self, cursor: Option<&str>) -> Get<'a> {
        let get = self.param("limit", super::MAX_PAGE.to_string());
        match cursor {
            Some(cursor) => get.param("cursor", cursor.to_owned()),
            None => get,
        }
    }

    /// Reads `athlete_id`'s items (the caller's own, or an athlete who shares with them).
    pub(super) fn athlete(mut self, athlete_id: &'a str) -> Get<'a> {
        self.athlete = Some(athlete_id);
        self.param("athlete_id", athlete_id.to_owned())
    }

    pub(super) fn param(mut self, name: &'static str, value: String) -> Get<'a> {
        self.query.push((name, value));
        self
    }

    /// Asks for the answer only if it changed since the one tagged `etag`.
    pub(super) fn unless_tagged(mut self, etag: Option<&'a str>) -> Get<'a> {
        self.etag = etag;
        self
    }

    pub(super) fn athlete_asked(&self) -> Option<&'a str> {
        self.athlete
    }

    fn path(&self) -> String {
        format!("/{}", self.segments.join("/"))
    }
}

/// How a 2xx body becomes a value: through serde, unless the type reads its body itself.
pub(super) trait FromBody: Sized {
    fn from_body(body: &[u8]) -> Result<Self, serde_json::Error>;
}

impl<T: DeserializeOwned> FromBody for T {
    fn from_body(body: &[u8]) -> Result<T, serde_json::Error> {
        serde_json::from_slice(body)
    }
}

/// What a GET brought back.
pub(super) enum Answer<T> {
    Fresh {
        value: T,
        etag: Option<String>,
        served_at: Option<DateTime<Utc>>,
        /// The body's size, decompressed.
        bytes: u64,
    },
    NotModified,
    NotFound,
}

impl VelopeakClient {
    /// `{origin}/api/v1/<segments>`, each segment escaped.
    pub(super) fn url(&self, segments: &[&str]) -> Result<Url, ProviderError> {
        let mut url = Url::parse(&format!("{}/api/v1/", self.origin)).map_err(|_| {
            ProviderError::InvalidInput(format!("“{}” is not a web address", self.origin))
        })?;
        url.path_segments_mut()
            .map_err(|_| {
                ProviderError::InvalidInput(format!("“{}” is not a web address", self.origin))
            })?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    pub(super) async fn fetch<T: FromBody>(
        &self,
        token: &Sensitive<String>,
        get: Get<'_>,
    ) -> Result<Answer<T>, ProviderError> {
        let url = self.url(&get.segments)?;
        let path = get.path();
        let call = Call {
            origin: &self.origin,
            path: &path,
            pacing: Pacing::RateLimitHeaders,
            idempotent: true,
        };
        let build = || {
            let request = self
                .http
                .get(url.clone())
                .bearer_auth(token.expose())
                .query(&get.query);
            match get.etag {
                Some(tag) => request.header(IF_NONE_MATCH, tag),
                None => request,
            }
        };
        let parse = |body: &[u8]| T::from_body(body);
        match self.manners.send(&call, build, parse).await? {
            Reply::Fresh {
                value,
                headers,
                bytes,
            } => Ok(Answer::Fresh {
                value,
                etag: header(&headers, ETAG.as_str()),
                served_at: served_at(&headers),
                bytes,
            }),
            Reply::NotModified => Ok(Answer::NotModified),
            Reply::Refused { status: 404, .. } => Ok(Answer::NotFound),
            Reply::Refused { status, headers } => {
                Err(refusal(status, &headers, &path, get.athlete))
            }
        }
    }

    /// The answer, which must be there and fresh.
    pub(super) async fn get_json<T: DeserializeOwned>(
        &self,
        token: &Sensitive<String>,
        get: Get<'_>,
    ) -> Result<T, ProviderError> {
        Ok(self.fresh(token, get).await?.0)
    }

    /// The answer and when it was served; a 404 names the athlete asked for, or the path.
    pub(super) async fn fresh<T: DeserializeOwned>(
        &self,
        token: &Sensitive<String>,
        get: Get<'_>,
    ) -> Result<(T, Option<DateTime<Utc>>), ProviderError> {
        let path = get.path();
        let athlete = get.athlete;
        match self.fetch(token, get).await? {
            Answer::Fresh {
                value, served_at, ..
            } => Ok((value, served_at)),
            Answer::NotFound => Err(match athlete {
                Some(id) => athlete_unreadable(id),
                None => ProviderError::NotFound(path),
            }),
            Answer::NotModified => Err(ProviderError::BadResponse(format!(
                "{path} answered 304 to a request that named no version"
            ))),
        }
    }

    /// One page of a list, each item read as `D` and translated into `T`.
    pub(super) async fn page<D, T>(
        &self,
        token: &Sensitive<String>,
        get: Get<'_>,
    ) -> Result<Page<T>, ProviderError>
    where
        D: DeserializeOwned,
        T: TryFrom<D, Error = ProviderError>,
    {
        let (page, served_at): (dto::PageDto<D>, _) = self.fresh(token, get).await?;
        let items = page
            .data
            .into_iter()
            .map(T::try_from)
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            next_cursor: page.next_cursor,
            served_at,
        })
    }
}

pub(super) fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// An athlete the caller may not read, or who does not exist: both look the same to a person.
pub(super) fn athlete_unreadable(athlete_id: &str) -> ProviderError {
    ProviderError::NotFound(format!(
        "athlete {athlete_id} among the athletes who share their data with this account"
    ))
}

/// What a 4xx answer (not 404, not 429) to `path` means.
pub(super) fn refusal(
    status: u16,
    headers: &HeaderMap,
    path: &str,
    athlete: Option<&str>,
) -> ProviderError {
    match status {
        401 => ProviderError::AccessTokenRejected,
        403 => {
            let challenge = header(headers, WWW_AUTHENTICATE.as_str()).unwrap_or_default();
            let scope = challenge
                .contains("insufficient_scope")
                .then(|| challenge.split("scope=\"").nth(1))
                .flatten()
                .and_then(|s| s.split('"').next());
            match (scope, athlete) {
                (Some(scope), _) => ProviderError::InsufficientScope(scope.to_owned()),
                (None, Some(id)) => athlete_unreadable(id),
                (None, None) => ProviderError::InsufficientScope("the needed".to_owned()),
            }
        }
        404 => ProviderError::NotFound(path.to_owned()),
        s => ProviderError::BadResponse(format!("{path} answered HTTP {s}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn a_403_is_a_missing_scope_only_when_the_challenge_says_so() {
        let mut headers = HeaderMap::new();
        let refused = refusal(403, &headers, "/workouts", Some("a_7"));
        assert!(
            matches!(&refused, ProviderError::NotFound(m) if m.contains("a_7")),
            "{refused:?}"
        );
        headers.insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static(
                r#"Bearer realm="VeloPeak", error="insufficient_scope", scope="workouts:read""#,
            ),
        );
        assert!(matches!(
            refusal(403, &headers, "/workouts", Some("a_7")),
            ProviderError::InsufficientScope(s) if s == "workouts:read"
        ));
        assert!(matches!(
            refusal(401, &headers, "/workouts", None),
            ProviderError::AccessTokenRejected
        ));
        assert!(
            refusal(400, &headers, "/workouts", None)
                .to_string()
                .contains("/workouts answered HTTP 400")
        );
    }

    #[test]
    fn ids_are_escaped_as_path_segments() {
        let client = VelopeakClient::new(crate::http_client(), "http://127.0.0.1:9/");
        let url = client.url(&["workouts", "w 1/../x"]).unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:9/api/v1/workouts/w%201%2F..%2Fx"
        );
    }
}
