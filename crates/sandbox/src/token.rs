//! The token endpoint (RFC 6749 §3.2, §4.1.3, §6): exchanges codes and rotates refresh tokens.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;

use crate::config::RegisteredClient;
use crate::config::Variant;
use crate::grants::{IssuedTokens, RefreshRefusal, TokenStyle};
use crate::oauth::Params;
use crate::pkce;
use crate::scope;
use crate::server::{AppState, Shared};

/// An RFC 6749 §5.2 error response.
#[derive(Debug)]
#[must_use]
pub(crate) struct OAuthError {
    error: &'static str,
    description: String,
    /// The client authenticated with HTTP Basic and failed: answer with a Basic challenge.
    basic_challenge: bool,
}

impl OAuthError {
    pub(crate) fn new(error: &'static str, description: impl Into<String>) -> Self {
        OAuthError {
            error,
            description: description.into(),
            basic_challenge: false,
        }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let status = if self.error == "invalid_client" {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::BAD_REQUEST
        };
        let body = json!({"error": self.error, "error_description": self.description});
        let mut response = (status, Json(body)).into_response();
        no_store(response.headers_mut());
        if self.basic_challenge {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"VeloPeak\""),
            );
        }
        response
    }
}

fn no_store(headers: &mut HeaderMap) {
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
}

pub(crate) async fn token_endpoint(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match handle(&app, &headers, &body) {
        Ok(tokens) => {
            let name = app
                .catalog()
                .data
                .athlete(&tokens.athlete_id)
                .map(|a| a.name.clone())
                .unwrap_or_default();
            let body = json!({
                "access_token": tokens.access_token,
                "token_type": "Bearer",
                "expires_in": tokens.expires_in,
                "refresh_token": tokens.refresh_token,
                "scope": scope::join(&tokens.scopes),
                "athlete": {"id": tokens.athlete_id, "name": name},
            });
            let mut response = Json(body).into_response();
            no_store(response.headers_mut());
            response
        }
        Err(e) => e.into_response(),
    }
}

/// Whether the request's `Content-Type` is `media_type`.
fn has_content_type(headers: &HeaderMap, media_type: &str) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .eq_ignore_ascii_case(media_type)
        })
}

/// The request body as parameters: form-encoded on VeloPeak, JSON on the Velocity profile.
pub(crate) fn body_params(
    app: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Params, OAuthError> {
    if app.config.variant == Variant::Velocity {
        if !has_content_type(headers, "application/json") {
            return Err(OAuthError::new(
                "invalid_request",
                "the body must be application/json",
            ));
        }
        return Params::from_json(body).ok_or_else(|| {
            OAuthError::new(
                "invalid_request",
                "the body must be a JSON object of strings",
            )
        });
    }
    if !has_content_type(headers, "application/x-www-form-urlencoded") {
        return Err(OAuthError::new(
            "invalid_request",
            "the body must be application/x-www-form-urlencoded",
        ));
    }
    Ok(Params::parse(body))
}

fn handle(app: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<IssuedTokens, OAuthError> {
    let params = body_params(app, headers, body)?;
    if let Some(name) = params.first_repeated() {
        return Err(OAuthError::new(
            "invalid_request",
            format!("parameter {name} is repeated"),
        ));
    }
    let client = authenticate(app, headers, &params)?;
    let now = app.clock.now();
    match params.get("grant_type") {
        Some("authorization_code") => {
            let code = required(&params, "code")?;
            let redirect_uri = required(&params, "redirect_uri")?;
            let verifier = required(&params, "code_verifier")?;
            let mut auth = app.auth();
            let invalid = |why: &str| OAuthError::new("invalid_grant", why);
            let entry = auth
                .code(code)
                .ok_or_else(|| invalid("unknown authorization code"))?;
            if entry.redeemed_grant.is_some() {
                auth.revoke_code_grant(code);
                return Err(invalid(
                    "authorization code already used; the tokens issued from it are revoked",
                ));
            }
            if entry.expires_at <= now {
                return Err(invalid("authorization code expired"));
            }
            if entry.client_id != client.client_id {
                return Err(invalid("authorization code was issued to another client"));
            }
            if entry.redirect_uri != redirect_uri {
                return Err(invalid(
                    "redirect_uri does not match the authorization request",
                ));
            }
            if !pkce::verify_s256(verifier, &entry.code_challenge) {
                return Err(invalid("code_verifier does not match the code challenge"));
            }
            auth.redeem_code(code, now, TokenStyle::Rotating)
                .ok_or_else(|| invalid("authorization code already used"))
        }
        Some("refresh_token") => {
            let refresh_token = required(&params, "refresh_token")?;
            app.auth()
                .refresh(refresh_token, &client.client_id, now)
                .map_err(|refusal| {
                    let why = match refusal {
                        RefreshRefusal::Unknown => "unknown refresh token",
                        RefreshRefusal::Rotated => "refresh token was already used",
                        RefreshRefusal::WrongClient => "refresh token was issued to another client",
                        RefreshRefusal::Revoked => "refresh token was revoked",
                    };
                    OAuthError::new("invalid_grant", why)
                })
        }
        Some(other) => Err(OAuthError::new(
            "unsupported_grant_type",
            format!("grant_type {other} is not supported"),
        )),
        None => Err(OAuthError::new("invalid_request", "grant_type is required")),
    }
}

fn required<'a>(params: &'a Params, name: &str) -> Result<&'a str, OAuthError> {
    params
        .get(name)
        .ok_or_else(|| OAuthError::new("invalid_request", format!("{name} is required")))
}

/// Client authentication (RFC 6749 §2.3.1): HTTP Basic or `client_id` + `client_secret` in the
/// body, never both.
pub(crate) fn authenticate<'a>(
    app: &'a AppState,
    headers: &HeaderMap,
    params: &Params,
) -> Result<&'a RegisteredClient, OAuthError> {
    let basic = match headers.get(header::AUTHORIZATION) {
        Some(value) => Some(parse_basic(value).ok_or_else(|| OAuthError {
            basic_challenge: true,
            ..OAuthError::new("invalid_client", "malformed Authorization header")
        })?),
        None => None,
    };
    let (client_id, secret, via_basic) = match basic {
        Some((id, secret)) => {
            if params.get("client_secret").is_some() {
                return Err(OAuthError::new(
                    "invalid_request",
                    "use one client authentication method, not two",
                ));
            }
            if params.get("client_id").is_some_and(|form_id| form_id != id) {
                return Err(OAuthError::new(
                    "invalid_client",
                    "client_id does not match the credentials",
                ));
            }
            (id, Some(secret), true)
        }
        None => (
            params.get("client_id").unwrap_or_default().to_string(),
            params.get("client_secret").map(str::to_string),
            false,
        ),
    };
    let fail = |why: &str| OAuthError {
        basic_challenge: via_basic,
        ..OAuthError::new("invalid_client", why)
    };
    let client = app
        .config
        .client(&client_id)
        .ok_or_else(|| fail("unknown client"))?;
    if let Some(expected) = &client.client_secret {
        match secret {
            Some(given) if pkce::constant_time_eq(given.as_bytes(), expected.as_bytes()) => {}
            Some(_) => return Err(fail("client authentication failed")),
            None => return Err(fail("client_secret is required for this client")),
        }
    }
    Ok(client)
}

/// `Basic base64(urlencode(id) ":" urlencode(secret))`.
fn parse_basic(value: &HeaderValue) -> Option<(String, String)> {
    let value = value.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |s: &str| -> String {
        url::form_urlencoded::parse(format!("x={}", s.replace('&', "%26")).as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Some((unescape(id), unescape(secret)))
}
