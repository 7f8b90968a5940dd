//! Token revocation (RFC 7009): the app hands back a token it no longer wants. Revoking a
//! refresh token ends its grant and every access token of it; the answer is 200 whether or not
//! the token was known, so nobody can probe for tokens.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::server::Shared;
use crate::token::{OAuthError, authenticate, body_params};

pub(crate) async fn revoke_endpoint(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let params = match body_params(&app, &headers, &body) {
        Ok(params) => params,
        Err(e) => return e.into_response(),
    };
    if let Some(name) = params.first_repeated() {
        return OAuthError::new("invalid_request", format!("parameter {name} is repeated"))
            .into_response();
    }
    let client = match authenticate(&app, &headers, &params) {
        Ok(client) => client.client_id.clone(),
        Err(e) => return e.into_response(),
    };
    let Some(token) = params.get("token") else {
        return OAuthError::new("invalid_request", "token is required").into_response();
    };
    match params.get("token_type_hint") {
        None | Some("refresh_token" | "access_token") => {}
        Some(_) => {
            return OAuthError::new(
                "unsupported_token_type",
                "token_type_hint must be refresh_token or access_token",
            )
            .into_response();
        }
    }
    let ended = app.auth().revoke_token(token, &client);
    if let Some(grant) = ended {
        app.grant_ended(grant);
    }
    let mut response = StatusCode::OK.into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}
