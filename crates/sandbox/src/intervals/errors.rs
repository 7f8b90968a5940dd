//! The platform's error bodies: `{"status":403,"error":"Access denied"}` for 401/403/422 and
//! Spring's `{"timestamp","status":404,"error":"Not Found","path"}` for paths and items that do
//! not exist.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::json;

use crate::server::Shared;

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum IcuError {
    /// No credentials, or a key or token the platform does not know (any more).
    Unauthorized,
    /// Known credentials that may not do this: a key sent as Bearer, another athlete, a
    /// missing scope.
    AccessDenied,
    NotFound {
        path: String,
        at: DateTime<Utc>,
    },
    /// A request the platform cannot process, with its message.
    Unprocessable(String),
}

impl IcuError {
    pub(crate) fn not_found(path: &str, at: DateTime<Utc>) -> IcuError {
        IcuError::NotFound {
            path: path.to_string(),
            at,
        }
    }

    pub(crate) fn unprocessable(message: impl Into<String>) -> IcuError {
        IcuError::Unprocessable(message.into())
    }
}

impl IntoResponse for IcuError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            IcuError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                json!({"status": 401, "error": "Unauthorized"}),
            ),
            IcuError::AccessDenied => (
                StatusCode::FORBIDDEN,
                json!({"status": 403, "error": "Access denied"}),
            ),
            IcuError::NotFound { path, at } => (
                StatusCode::NOT_FOUND,
                json!({
                    "timestamp": timestamp(at),
                    "status": 404,
                    "error": "Not Found",
                    "path": path,
                }),
            ),
            IcuError::Unprocessable(message) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"status": 422, "error": message}),
            ),
        };
        let unauthorized = status == StatusCode::UNAUTHORIZED;
        let mut response = (status, Json(body)).into_response();
        if unauthorized {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"intervals.icu\""),
            );
        }
        response
    }
}

/// Spring's timestamp: `2025-05-26T14:42:42.070+00:00`.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, false)
}

/// Every other path under `/api/v1` (`/athlete-profile`, `/athlete/0/fitness`, …).
pub(crate) async fn no_such_path(State(app): State<Shared>, uri: Uri) -> IcuError {
    IcuError::not_found(uri.path(), app.clock.now())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn timestamps_look_like_springs() {
        let at = Utc.with_ymd_and_hms(2025, 5, 26, 14, 42, 42).unwrap()
            + chrono::Duration::milliseconds(70);
        assert_eq!(timestamp(at), "2025-05-26T14:42:42.070+00:00");
    }
}
