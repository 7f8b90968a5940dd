//! The read-only resources under `/api/v1`: Bearer token and scope checks, paging, filters.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

use crate::grants::TokenInfo;
use crate::oauth::Params;
use crate::scope::Scope;
use crate::server::{AppState, Shared};

const DEFAULT_LIMIT: usize = 100;
const MAX_LIMIT: usize = 200;

/// `{"error":{"code","message"}}` with a status and, for auth failures, a Bearer challenge.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    challenge: Option<String>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            challenge: None,
        }
    }

    fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_request", message)
    }

    fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    fn invalid_token(message: &str) -> Self {
        ApiError {
            challenge: Some(format!(
                "Bearer realm=\"VeloPeak\", error=\"invalid_token\", error_description=\"{message}\""
            )),
            ..ApiError::new(StatusCode::UNAUTHORIZED, "invalid_token", message)
        }
    }

    fn insufficient_scope(scope: Scope) -> Self {
        ApiError {
            challenge: Some(format!(
                "Bearer realm=\"VeloPeak\", error=\"insufficient_scope\", scope=\"{scope}\""
            )),
            ..ApiError::new(
                StatusCode::FORBIDDEN,
                "insufficient_scope",
                format!("this call needs the {scope} scope"),
            )
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"code": self.code, "message": self.message}});
        let mut response = (self.status, Json(body)).into_response();
        if let Some(value) = self.challenge.and_then(|c| HeaderValue::from_str(&c).ok()) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
        response
    }
}

/// The caller's token, if it is valid and carries `scope`.
fn authorize(app: &AppState, headers: &HeaderMap, scope: Scope) -> Result<TokenInfo, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty())
        .ok_or_else(|| ApiError::invalid_token("a Bearer access token is required"))?;
    let info = app.auth().access(token, app.clock.now()).ok_or_else(|| {
        ApiError::invalid_token("the access token is unknown, expired or revoked")
    })?;
    if !info.scopes.contains(&scope) {
        return Err(ApiError::insufficient_scope(scope));
    }
    Ok(info)
}

/// `limit`, `cursor`, `oldest`, `newest`, checked.
struct ListQuery {
    limit: usize,
    after: Option<String>,
    oldest: Option<NaiveDate>,
    newest: Option<NaiveDate>,
}

impl ListQuery {
    fn parse(raw: Option<&str>, cursor_kind: &str, caller: &TokenInfo) -> Result<Self, ApiError> {
        let params = Params::parse(raw.unwrap_or_default().as_bytes());
        if let Some(name) = params.first_repeated() {
            return Err(ApiError::bad_request(format!(
                "parameter {name} is repeated"
            )));
        }
        if params.get("updated_since").is_some() {
            return Err(ApiError::bad_request(
                "updated_since is not supported by this server yet",
            ));
        }
        if let Some(id) = params
            .get("athlete_id")
            .filter(|id| *id != caller.athlete_id)
        {
            return Err(ApiError::not_found(format!(
                "no athlete {id} shares data with you"
            )));
        }
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
        let after = params
            .get("cursor")
            .map(|raw| {
                decode_cursor(raw, cursor_kind)
                    .ok_or_else(|| ApiError::bad_request("invalid cursor"))
            })
            .transpose()?;
        Ok(ListQuery {
            limit,
            after,
            oldest: date("oldest")?,
            newest: date("newest")?,
        })
    }

    fn in_window(&self, date: NaiveDate) -> bool {
        self.oldest.is_none_or(|d| date >= d) && self.newest.is_none_or(|d| date <= d)
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
struct ListPage<'a, T> {
    data: Vec<&'a T>,
    next_cursor: Option<String>,
}

/// One page of `items`, which are sorted by `key`; `date` is the item's local date.
fn page<T: Serialize>(
    items: &[T],
    query: &ListQuery,
    kind: &str,
    key: impl Fn(&T) -> String,
    date: impl Fn(&T) -> NaiveDate,
) -> Response {
    let start = match &query.after {
        Some(after) => items.partition_point(|item| key(item).as_str() <= after.as_str()),
        None => 0,
    };
    let mut data: Vec<&T> = items[start..]
        .iter()
        .filter(|item| query.in_window(date(item)))
        .take(query.limit + 1)
        .collect();
    let next_cursor = if data.len() > query.limit {
        data.truncate(query.limit);
        data.last().map(|last| encode_cursor(kind, &key(last)))
    } else {
        None
    };
    Json(ListPage { data, next_cursor }).into_response()
}

pub(crate) async fn athlete(
    State(app): State<Shared>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    authorize(&app, &headers, Scope::AthleteRead)?;
    Ok(Json(&app.data.athlete).into_response())
}

pub(crate) async fn workouts(
    State(app): State<Shared>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let caller = authorize(&app, &headers, Scope::WorkoutsRead)?;
    let query = ListQuery::parse(raw.as_deref(), "w", &caller)?;
    Ok(page(
        &app.data.workouts,
        &query,
        "w",
        |w| w.sort_key(),
        |w| w.date,
    ))
}

pub(crate) async fn activities(
    State(app): State<Shared>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let caller = authorize(&app, &headers, Scope::ActivitiesRead)?;
    let query = ListQuery::parse(raw.as_deref(), "a", &caller)?;
    Ok(page(
        &app.data.activities,
        &query,
        "a",
        |a| a.sort_key(),
        |a| a.local_date,
    ))
}

pub(crate) async fn workout(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    authorize(&app, &headers, Scope::WorkoutsRead)?;
    let workout = app
        .data
        .workout(&id)
        .ok_or_else(|| ApiError::not_found(format!("no workout {id}")))?;
    Ok(Json(workout).into_response())
}

pub(crate) async fn activity(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    authorize(&app, &headers, Scope::ActivitiesRead)?;
    let activity = app
        .data
        .activity(&id)
        .ok_or_else(|| ApiError::not_found(format!("no activity {id}")))?;
    Ok(Json(activity).into_response())
}

pub(crate) async fn no_route() -> ApiError {
    ApiError::not_found("no such resource")
}
