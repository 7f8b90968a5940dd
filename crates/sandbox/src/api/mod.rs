//! The resources under `/api/v1`: who is calling (access token or API key) and with which
//! scopes, the contract's error bodies, and the routes of each resource.

mod list;
mod resources;
mod writes;

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::config::Variant;
use crate::scope::Scope;
use crate::server::AppState;

pub(crate) use resources::{
    activities, activity, activity_streams, athlete, athletes, workout, workouts,
};
pub(crate) use writes::{create_workout, delete_workout};

/// `{"error":{"code","message"}}` with a status and, for auth failures, a Bearer challenge.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    challenge: Option<String>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            challenge: None,
        }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_request", message)
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub(crate) fn forbidden(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    pub(crate) fn invalid_token(message: &str) -> Self {
        ApiError {
            challenge: Some(format!(
                "Bearer realm=\"VeloPeak\", error=\"invalid_token\", error_description=\"{message}\""
            )),
            ..ApiError::new(StatusCode::UNAUTHORIZED, "invalid_token", message)
        }
    }

    pub(crate) fn insufficient_scope(scope: Scope) -> Self {
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

/// Who is calling, and what they may do.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    pub athlete_id: String,
    pub scopes: Vec<Scope>,
    /// The app behind an access token; `None` for an API key.
    pub client_id: Option<String>,
}

/// The caller, if their access token (or, on the Velocity profile, API key and workspace) is
/// valid and carries `scope`.
pub(crate) fn authorize(
    app: &AppState,
    headers: &HeaderMap,
    scope: Scope,
) -> Result<Caller, ApiError> {
    let token = bearer(headers)
        .ok_or_else(|| ApiError::invalid_token("a Bearer access token is required"))?;
    let caller = if app.config.variant == Variant::Velocity && token.starts_with("vel_") {
        let slug = headers
            .get("x-workspace-slug")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                ApiError::invalid_token("an API key needs the X-Workspace-Slug header")
            })?;
        app.api_keys()
            .check(token, slug)
            .map_err(|refusal| refusal.into_api_error())?
    } else {
        let info = app
            .auth()
            .access(token, app.clock.now(), app.faults.plan().token_life_s)
            .ok_or_else(|| {
                ApiError::invalid_token("the access token is unknown, expired or revoked")
            })?;
        Caller {
            athlete_id: info.athlete_id,
            scopes: info.scopes,
            client_id: Some(info.client_id),
        }
    };
    if !caller.scopes.contains(&scope) {
        return Err(ApiError::insufficient_scope(scope));
    }
    Ok(caller)
}

/// The token of an `Authorization: Bearer …` header.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty())
}

pub(crate) async fn no_route() -> ApiError {
    ApiError::not_found("no such resource")
}
