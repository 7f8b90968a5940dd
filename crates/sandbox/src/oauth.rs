//! The authorization endpoint: `GET` shows the sign-in + consent page, `POST` records the
//! person's decision and sends the browser back to the app (RFC 6749 §4.1, RFC 7636, RFC 8252).

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::config::Variant;
use crate::consent_page;
use crate::grants::{CODE_LIFETIME, PENDING_LIFETIME, PendingRequest};
use crate::pkce;
use crate::redirect;
use crate::scope::{Scope, parse_scope_list};
use crate::server::Shared;

/// Form or query parameters, in order, with repeated names remembered (RFC 6749 §3.1: a
/// parameter must not appear more than once).
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
    repeated: Vec<String>,
}

impl Params {
    pub(crate) fn parse(raw: &[u8]) -> Params {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut repeated = Vec::new();
        for (k, v) in url::form_urlencoded::parse(raw) {
            if pairs.iter().any(|(seen, _)| *seen == k) {
                repeated.push(k.into_owned());
            } else {
                pairs.push((k.into_owned(), v.into_owned()));
            }
        }
        Params { pairs, repeated }
    }

    /// The value of `name`; an empty value counts as absent.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// A flat JSON object of strings (the Velocity profile's token body) as parameters.
    /// `None` if the body is not such an object.
    pub(crate) fn from_json(raw: &[u8]) -> Option<Params> {
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(raw).ok()?;
        let mut pairs = Vec::with_capacity(object.len());
        for (k, v) in object {
            let v = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => continue,
                _ => return None,
            };
            pairs.push((k, v));
        }
        Some(Params {
            pairs,
            repeated: Vec::new(),
        })
    }

    pub(crate) fn first_repeated(&self) -> Option<&str> {
        self.repeated.first().map(String::as_str)
    }

    fn is_repeated(&self, name: &str) -> bool {
        self.repeated.iter().any(|r| r == name)
    }
}

/// The scopes an app may ask for on this server.
pub(crate) fn offered_scopes(variant: Variant) -> &'static [Scope] {
    match variant {
        Variant::Velocity => &Scope::ALL,
        _ => &Scope::ALL[..4],
    }
}

/// An HTML page with the headers every page of the authorization server carries.
pub(crate) fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

fn error_page(message: &str) -> Response {
    html(StatusCode::BAD_REQUEST, consent_page::error(message))
}

fn redirect_to(status: StatusCode, location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => {
            let mut response = status.into_response();
            response.headers_mut().insert(header::LOCATION, value);
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(_) => error_page("The redirect address cannot be used."),
    }
}

/// Sends an error back to the app's (already validated) redirect URI.
fn redirect_error(
    redirect_uri: &str,
    error: &str,
    description: &str,
    state: Option<&str>,
) -> Response {
    let mut params = vec![("error", error), ("error_description", description)];
    if let Some(state) = state {
        params.push(("state", state));
    }
    redirect_to(
        StatusCode::FOUND,
        &redirect::with_params(redirect_uri, &params),
    )
}

pub(crate) async fn authorize_page(
    State(app): State<Shared>,
    RawQuery(query): RawQuery,
) -> Response {
    let params = Params::parse(query.unwrap_or_default().as_bytes());

    // Until client and redirect URI are known to be good, errors stay on this page.
    if params.is_repeated("client_id") || params.is_repeated("redirect_uri") {
        return error_page("The request names its app or its redirect address more than once.");
    }
    let Some(client) = params.get("client_id").and_then(|id| app.config.client(id)) else {
        return error_page("The app that sent you here is not registered with VeloPeak.");
    };
    let Some(redirect_uri) = params
        .get("redirect_uri")
        .filter(|uri| redirect::is_registered(client, uri))
    else {
        return error_page(
            "The app that sent you here asked to return to an address it has not registered.",
        );
    };
    let state = params.get("state");
    let fail =
        |error: &str, description: &str| redirect_error(redirect_uri, error, description, state);

    if let Some(name) = params.first_repeated() {
        return fail("invalid_request", &format!("parameter {name} is repeated"));
    }
    match params.get("response_type") {
        Some("code") => {}
        None => return fail("invalid_request", "response_type is required"),
        Some(_) => {
            return fail(
                "unsupported_response_type",
                "only response_type=code is supported",
            );
        }
    }
    let Some(challenge) = params.get("code_challenge") else {
        return fail("invalid_request", "code challenge required");
    };
    if params.get("code_challenge_method") != Some("S256") {
        return fail(
            "invalid_request",
            "transform algorithm not supported: use S256",
        );
    }
    if !pkce::is_valid_s256_challenge(challenge) {
        return fail(
            "invalid_request",
            "code_challenge is not a base64url SHA-256",
        );
    }
    let scopes = match parse_scope_list(
        params.get("scope").unwrap_or_default(),
        offered_scopes(app.config.variant),
    ) {
        Ok(scopes) if scopes.is_empty() => return fail("invalid_scope", "no scope requested"),
        Ok(scopes) => scopes,
        Err(unknown) => return fail("invalid_scope", &format!("unknown scope {unknown}")),
    };

    let now = app.clock.now();
    let request = PendingRequest {
        client_id: client.client_id.clone(),
        redirect_uri: redirect_uri.to_string(),
        scopes: scopes.clone(),
        state: state.map(str::to_string),
        code_challenge: challenge.to_string(),
        expires_at: now + PENDING_LIFETIME,
    };
    let request_id = app.auth().add_pending(request, now);
    let owner = app.catalog().data.owner().name.clone();
    let page = consent_page::consent(&consent_page::Consent {
        athlete_name: &owner,
        client_name: &client.name,
        scopes: &scopes,
        redirect_uri,
        request_id: &request_id,
        action: crate::metadata::paths(app.config.variant).0,
    });
    html(StatusCode::OK, page)
}

pub(crate) async fn authorize_decision(State(app): State<Shared>, body: Bytes) -> Response {
    let params = Params::parse(&body);
    let approve = match params.get("decision") {
        Some("approve") => true,
        Some("deny") => false,
        _ => return error_page("Choose Approve or Deny."),
    };
    let now = app.clock.now();
    let Some(request) = params
        .get(consent_page::REQUEST_ID_FIELD)
        .and_then(|id| app.auth().take_pending(id, now))
    else {
        return error_page(
            "This sign-in request has expired or was already answered. Go back to the app and start again.",
        );
    };
    let state = request.state.as_deref();
    let location = if approve {
        let owner = app.catalog().data.owner().id.clone();
        let code = app.auth().issue_code(&request, &owner, now, CODE_LIFETIME);
        let mut params = vec![("code", code.as_str())];
        params.extend(state.map(|s| ("state", s)));
        redirect::with_params(&request.redirect_uri, &params)
    } else {
        let mut params = vec![
            ("error", "access_denied"),
            ("error_description", "the person denied the request"),
        ];
        params.extend(state.map(|s| ("state", s)));
        redirect::with_params(&request.redirect_uri, &params)
    };
    redirect_to(StatusCode::SEE_OTHER, &location)
}
