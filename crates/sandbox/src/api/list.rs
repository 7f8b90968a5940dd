//! Listing: `limit` and an opaque `cursor`, the `oldest`/`newest` window, `athlete_id`, and the
//! `updated_since` change feed with tombstones.

use axum::Json;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{ApiError, Caller};
use crate::catalog::{FeedItem, Tombstone, feed};
use crate::data::Dataset;
use crate::oauth::Params;

const DEFAULT_LIMIT: usize = 100;
const MAX_LIMIT: usize = 200;

/// A list request, checked.
pub(super) struct ListQuery {
    pub limit: usize,
    /// The sort key of the last item of the previous page.
    after: Option<String>,
    oldest: Option<NaiveDate>,
    newest: Option<NaiveDate>,
    /// Change-feed mode: everything changed after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Whose items: the caller's, or an athlete who shares with them.
    pub athlete_id: String,
}

impl ListQuery {
    pub(super) fn parse(
        raw: Option<&str>,
        kind: &str,
        caller: &Caller,
        data: &Dataset,
    ) -> Result<Self, ApiError> {
        let params = Params::parse(raw.unwrap_or_default().as_bytes());
        if let Some(name) = params.first_repeated() {
            return Err(ApiError::bad_request(format!(
                "parameter {name} is repeated"
            )));
        }
        let athlete_id = readable_athlete(params.get("athlete_id"), caller, data)?;
        let limit = match params.get("limit") {
            None => DEFAULT_LIMIT,
            Some(raw) => raw
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| ApiError::bad_request(format!("limit must be 1 to {MAX_LIMIT}")))?,
        };
        let date = |name: &str| -> Result<Option<NaiveDate>, ApiError> {
            params
                .get(name)
                .map(|raw| {
                    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
                        ApiError::bad_request(format!("{name} must be a date YYYY-MM-DD"))
                    })
                })
                .transpose()
        };
        let since = params
            .get("updated_since")
            .map(|raw| {
                DateTime::parse_from_rfc3339(raw)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|_| {
                        ApiError::bad_request(
                            "updated_since must be an RFC 3339 instant, e.g. 2026-01-31T09:00:00Z",
                        )
                    })
            })
            .transpose()?;
        // A cursor belongs to one kind of listing: plain or change feed.
        let kind = if since.is_some() {
            format!("{kind}f")
        } else {
            kind.to_string()
        };
        let after = params
            .get("cursor")
            .map(|raw| {
                decode_cursor(raw, &kind).ok_or_else(|| ApiError::bad_request("invalid cursor"))
            })
            .transpose()?;
        Ok(ListQuery {
            limit,
            after,
            oldest: date("oldest")?,
            newest: date("newest")?,
            since,
            athlete_id,
        })
    }

    fn in_window(&self, date: NaiveDate) -> bool {
        self.oldest.is_none_or(|d| date >= d) && self.newest.is_none_or(|d| date <= d)
    }
}

/// `athlete_id` if the caller may read that athlete, else the caller.
pub(super) fn readable_athlete(
    requested: Option<&str>,
    caller: &Caller,
    data: &Dataset,
) -> Result<String, ApiError> {
    match requested {
        None => Ok(caller.athlete_id.clone()),
        Some(id) if data.may_read(&caller.athlete_id, id) => Ok(id.to_string()),
        Some(id) if data.athlete(id).is_some() => Err(ApiError::forbidden(format!(
            "athlete {id} does not share their data with you"
        ))),
        Some(id) => Err(ApiError::not_found(format!("no athlete {id}"))),
    }
}

/// A cursor is the base64url of `kind:sort key` of the last item returned.
fn encode_cursor(kind: &str, key: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{kind}:{key}"))
}

fn decode_cursor(raw: &str, kind: &str) -> Option<String> {
    let bytes = URL_SAFE_NO_PAD.decode(raw).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let key = text.strip_prefix(kind)?.strip_prefix(':')?;
    (!key.is_empty()).then(|| key.to_string())
}

#[derive(Serialize)]
struct ListPage<T> {
    data: Vec<T>,
    next_cursor: Option<String>,
}

/// What a listing needs to know of an item.
pub(super) struct ItemKeys<T> {
    pub kind: &'static str,
    pub sort_key: fn(&T) -> String,
    pub date: fn(&T) -> NaiveDate,
    pub athlete: fn(&T) -> &str,
    pub id: fn(&T) -> &str,
    pub updated_at: fn(&T) -> DateTime<Utc>,
}

/// One page of `items` (sorted by their sort key), or of the change feed when `since` is set.
pub(super) fn page<T: Serialize>(
    items: &[T],
    tombstones: &[Tombstone],
    query: &ListQuery,
    keys: &ItemKeys<T>,
) -> Response {
    match query.since {
        Some(since) => feed_page(items, tombstones, query, keys, since),
        None => plain_page(items, query, keys),
    }
}

fn plain_page<T: Serialize>(items: &[T], query: &ListQuery, keys: &ItemKeys<T>) -> Response {
    let start = match &query.after {
        Some(after) => {
            items.partition_point(|item| (keys.sort_key)(item).as_str() <= after.as_str())
        }
        None => 0,
    };
    let mut data: Vec<&T> = items[start..]
        .iter()
        .filter(|item| {
            (keys.athlete)(item) == query.athlete_id && query.in_window((keys.date)(item))
        })
        .take(query.limit + 1)
        .collect();
    let next_cursor = if data.len() > query.limit {
        data.truncate(query.limit);
        data.last()
            .map(|last| encode_cursor(keys.kind, &(keys.sort_key)(last)))
    } else {
        None
    };
    Json(ListPage { data, next_cursor }).into_response()
}

fn feed_key(at: DateTime<Utc>, id: &str) -> String {
    format!("{}|{id}", at.format("%Y-%m-%dT%H:%M:%S%.9fZ"))
}

fn feed_page<T: Serialize>(
    items: &[T],
    tombstones: &[Tombstone],
    query: &ListQuery,
    keys: &ItemKeys<T>,
    since: DateTime<Utc>,
) -> Response {
    let changes = feed(items, tombstones, &query.athlete_id, since, |item| {
        (
            (keys.updated_at)(item),
            (keys.id)(item),
            (keys.athlete)(item),
        )
    });
    let mut data: Vec<(String, FeedItem<'_, T>)> = changes
        .into_iter()
        .filter(|(_, item)| match item {
            FeedItem::Live(item) => query.in_window((keys.date)(item)),
            FeedItem::Gone(_) => true,
        })
        .map(|((at, id), item)| (feed_key(at, id), item))
        .filter(|(key, _)| query.after.as_ref().is_none_or(|after| key > after))
        .take(query.limit + 1)
        .collect();
    let kind = format!("{}f", keys.kind);
    let next_cursor = if data.len() > query.limit {
        data.truncate(query.limit);
        data.last().map(|(key, _)| encode_cursor(&kind, key))
    } else {
        None
    };
    let data = data.into_iter().map(|(_, item)| item).collect();
    Json(ListPage { data, next_cursor }).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DatasetSize;

    fn caller(id: &str) -> Caller {
        Caller {
            athlete_id: id.to_string(),
            scopes: Vec::new(),
            client_id: None,
        }
    }

    #[test]
    fn only_oneself_and_athletes_one_coaches_are_readable() {
        let anchor = NaiveDate::from_ymd_opt(2025, 4, 10).unwrap();
        let mut data = Dataset::generate(1, anchor, DatasetSize::Demo);
        let mut stranger = data.owner().clone();
        stranger.id = "a_stranger".to_string();
        stranger.coach_id = None;
        let mut client = data.owner().clone();
        client.id = "a_client".to_string();
        client.coach_id = Some(data.owner().id.clone());
        data.athletes.extend([stranger, client]);
        let me = caller(&data.owner().id);
        assert_eq!(readable_athlete(None, &me, &data).unwrap(), data.owner().id);
        assert_eq!(
            readable_athlete(Some("a_client"), &me, &data).unwrap(),
            "a_client"
        );
        let refused = readable_athlete(Some("a_stranger"), &me, &data).unwrap_err();
        assert_eq!(refused.status, axum::http::StatusCode::FORBIDDEN);
        let unknown = readable_athlete(Some("a_nobody"), &me, &data).unwrap_err();
        assert_eq!(unknown.status, axum::http::StatusCode::NOT_FOUND);
        // The client may not read their coach.
        let client = caller("a_client");
        assert!(readable_athlete(Some(&data.owner().id), &client, &data).is_err());
    }
}
