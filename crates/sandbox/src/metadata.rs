//! Authorization server metadata (RFC 8414) at `/.well-known/oauth-authorization-server`:
//! where to authorize, exchange and revoke, and what this server supports.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::config::Variant;
use crate::oauth::offered_scopes;
use crate::server::Shared;

/// The endpoint paths of each variant: (authorize, token, revoke).
pub(crate) fn paths(variant: Variant) -> (&'static str, &'static str, &'static str) {
    match variant {
        Variant::VeloPeak => (
            "/api/auth/oauth2/authorize",
            "/api/auth/oauth2/token",
            "/api/auth/oauth2/revoke",
        ),
        Variant::Velocity => ("/oauth/consent", "/api/oauth/token", "/api/oauth/revoke"),
        Variant::Intervals => (
            "/oauth/authorize",
            "/api/oauth/token",
            "/api/v1/disconnect-app",
        ),
    }
}

pub(crate) async fn metadata(State(app): State<Shared>) -> Response {
    let origin = app.origin();
    let variant = app.config.variant;
    let (authorize, token, revoke) = paths(variant);
    let auth_methods: &[&str] = match variant {
        Variant::Velocity => &["none"],
        _ => &["client_secret_post", "client_secret_basic"],
    };
    let scopes: Vec<&str> = offered_scopes(variant).iter().map(|s| s.as_str()).collect();
    Json(json!({
        "issuer": origin,
        "authorization_endpoint": format!("{origin}{authorize}"),
        "token_endpoint": format!("{origin}{token}"),
        "revocation_endpoint": format!("{origin}{revoke}"),
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": auth_methods,
        "revocation_endpoint_auth_methods_supported": auth_methods,
        "scopes_supported": scopes,
    }))
    .into_response()
}
