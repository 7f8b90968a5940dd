//! Intervals.icu OAuth: `GET /oauth/authorize` shows the consent page (one checkbox per scope),
//! `POST /oauth/authorize` sends the person back to the app with a code or
//! `error=access_denied`, `POST /api/oauth/token` exchanges a code (single use, two minutes)
//! for an access token that lives until `DELETE /api/v1/disconnect-app`. No PKCE, no refresh
//! token, no expiry.

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;
use serde_json::json;
use sha2::{Digest, Sha256};
use url::Url;

use super::consent::{self, Consent, SCOPE_FIELD};
use super::errors::IcuError;
use super::scopes::{self, IcuScope};
use super::{Icu, ids};
use crate::consent_page::REQUEST_ID_FIELD;
use crate::grants::{PENDING_LIFETIME, PendingRequest, TokenStyle};
use crate::oauth::{Params, html};
use crate::redirect;
use crate::server::Shared;
use crate::token::{OAuthError, authenticate, body_params};

/// How long a code may wait for its exchange.
pub(crate) const CODE_LIFETIME: Duration = Duration::minutes(2);

const AUTHORIZE_PATH: &str = "/oauth/authorize";

fn error_page(message: &str) -> Response {
    html(StatusCode::BAD_REQUEST, consent::error(message))
}

fn redirect_to(status: StatusCode, location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => {
            let mut response = status.into_response();
            let headers = response.headers_mut();
            headers.insert(header::LOCATION, value);
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(_) => error_page("The redirect address cannot be used."),
    }
}

/// `http://localhost/…`, on any port: always allowed as a redirect on this platform.
fn is_localhost(uri: &str) -> bool {
    Url::parse(uri).is_ok_and(|u| {
        u.scheme() == "http"
            && u.host_str() == Some("localhost")
            && u.username().is_empty()
            && u.password().is_none()
            && u.fragment().is_none()
    })
}

fn code_key(code: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(code.as_bytes()))
}

pub(crate) async fn authorize_page(
    State(app): State<Shared>,
    Extension(icu): Icu,
    RawQuery(query): RawQuery,
) -> Response {
    let params = Params::parse(query.unwrap_or_default().as_bytes());
    let Some(client) = params.get("client_id").and_then(|id| app.config.client(id)) else {
        return error_page("The app that sent you here is not registered with Intervals.icu.");
    };
    let Some(redirect_uri) = params
        .get("redirect_uri")
        .filter(|uri| redirect::is_registered(client, uri) || is_localhost(uri))
    else {
        return error_page("The app asked to return to an address it has not registered.");
    };
    let state = params.get("state");
    let fail = |error: &str, description: &str| {
        let mut pairs = vec![("error", error), ("error_description", description)];
        pairs.extend(state.map(|s| ("state", s)));
        redirect_to(
            StatusCode::FOUND,
            &redirect::with_params(redirect_uri, &pairs),
        )
    };
    if params.get("response_type").is_some_and(|t| t != "code") {
        return fail("unsupported_response_type", "only code is supported");
    }
    let requested = match scopes::parse_list(params.get("scope").unwrap_or_default()) {
        Ok(list) if list.is_empty() => return fail("invalid_scope", "no scope requested"),
        Ok(list) => list,
        Err(unknown) => return fail("invalid_scope", &format!("unknown scope {unknown}")),
    };
    let now = app.clock.now();
    let expires_at = now + PENDING_LIFETIME;
    let request = PendingRequest {
        client_id: client.client_id.clone(),
        redirect_uri: redirect_uri.to_string(),
        scopes: Vec::new(),
        state: state.map(str::to_string),
        code_challenge: String::new(),
        expires_at,
    };
    let request_id = app.auth().add_pending(request, now);
    {
        let mut held = icu.scopes();
        held.pending.retain(|_, (until, _)| *until > now);
        held.pending
            .insert(request_id.clone(), (expires_at, requested.clone()));
    }
    let owner = app.catalog().data.owner().name.clone();
    html(
        StatusCode::OK,
        consent::consent(&Consent {
            athlete_name: &owner,
            client_name: &client.name,
            scopes: &requested,
            redirect_uri,
            request_id: &request_id,
            action: AUTHORIZE_PATH,
        }),
    )
}

pub(crate) async fn authorize_decision(
    State(app): State<Shared>,
    Extension(icu): Icu,
    body: Bytes,
) -> Response {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let approve = match field("decision") {
        Some("approve") => true,
        Some("deny") => false,
        _ => return error_page("Choose Authorize or Cancel."),
    };
    let now = app.clock.now();
    let taken = field(REQUEST_ID_FIELD).and_then(|id| {
        let request = app.auth().take_pending(id, now)?;
        let requested = icu.scopes().pending.remove(id).map(|(_, s)| s)?;
        Some((request, requested))
    });
    let Some((mut request, requested)) = taken else {
        return error_page(
            "This request has expired or was already answered. Go back to the app and start again.",
        );
    };
    let state = request.state.clone();
    let mut params: Vec<(&str, &str)> = Vec::new();
    let code;
    if approve {
        let ticked: Vec<IcuScope> = pairs
            .iter()
            .filter(|(k, _)| k == SCOPE_FIELD)
            .filter_map(|(_, v)| IcuScope::parse(v))
            .collect();
        let approved: Vec<IcuScope> = requested
            .into_iter()
            .filter(|s| ticked.contains(s))
            .collect();
        request.scopes = scopes::velopeak_view(&approved);
        let owner = app.catalog().data.owner().id.clone();
        code = app.auth().issue_code(&request, &owner, now, CODE_LIFETIME);
        {
            let mut held = icu.scopes();
            held.codes.retain(|_, (until, _)| *until > now);
            held.codes
                .insert(code_key(&code), (now + CODE_LIFETIME, approved));
        }
        params.push(("code", &code));
    } else {
        params.push(("error", "access_denied"));
        params.push(("error_description", "the person declined"));
    }
    params.extend(state.as_deref().map(|s| ("state", s)));
    redirect_to(
        StatusCode::SEE_OTHER,
        &redirect::with_params(&request.redirect_uri, &params),
    )
}

fn no_store(response: &mut Response) {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
}

pub(crate) async fn token(
    State(app): State<Shared>,
    Extension(icu): Icu,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let result = (|| {
        let params = body_params(&app, &headers, &body)?;
        let client = authenticate(&app, &headers, &params)?;
        let code = params
            .get("code")
            .ok_or_else(|| OAuthError::new("invalid_request", "code is required"))?;
        let invalid = |why: &str| OAuthError::new("invalid_grant", why);
        let now = app.clock.now();
        let mut auth = app.auth();
        let entry = auth.code(code).ok_or_else(|| invalid("unknown code"))?;
        if entry.redeemed_grant.is_some() {
            return Err(invalid("code already used"));
        }
        if entry.expires_at <= now {
            return Err(invalid("code expired"));
        }
        if entry.client_id != client.client_id {
            return Err(invalid("code was issued to another app"));
        }
        let mut held = icu.scopes();
        let (_, granted) = held
            .codes
            .remove(&code_key(code))
            .ok_or_else(|| invalid("unknown code"))?;
        let issued = auth
            .redeem_code(code, now, TokenStyle::Lasting)
            .ok_or_else(|| invalid("code already used"))?;
        if let Some(grant) = auth.code(code).and_then(|c| c.redeemed_grant) {
            held.grants.insert(grant, granted.clone());
        }
        Ok((issued, granted))
    })();
    let mut response = match result {
        Ok((issued, granted)) => {
            let name = app
                .catalog()
                .data
                .athlete(&issued.athlete_id)
                .map(|a| a.name.clone())
                .unwrap_or_default();
            Json(json!({
                "token_type": "Bearer",
                "access_token": issued.access_token,
                "scope": scopes::join(&granted),
                "athlete": {"id": ids::athlete_id(&issued.athlete_id), "name": name},
            }))
            .into_response()
        }
        Err(e) => e.into_response(),
    };
    no_store(&mut response);
    response
}

/// Ends the grant of the bearer token: the app is disconnected and the token stops working.
pub(crate) async fn disconnect(
    State(app): State<Shared>,
    Extension(icu): Icu,
    headers: HeaderMap,
) -> Result<Response, IcuError> {
    let token = crate::api::bearer(&headers).ok_or(IcuError::Unauthorized)?;
    let now = app.clock.now();
    let info = app
        .auth()
        .access(token, now, app.faults.plan().token_life_s)
        .ok_or(IcuError::Unauthorized)?;
    let ended = app.auth().revoke_token(token, &info.client_id);
    if let Some(grant) = ended {
        icu.scopes().grants.remove(&grant);
        app.grant_ended(grant);
    }
    Ok(StatusCode::OK.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localhost_on_any_port_is_allowed() {
        assert!(is_localhost("http://localhost/"));
        assert!(is_localhost("http://localhost:8123/callback"));
        assert!(!is_localhost("https://localhost/"));
        assert!(!is_localhost("http://localhost.evil.example/"));
        assert!(!is_localhost("http://user@localhost/"));
        assert!(!is_localhost("http://127.0.0.2/"));
    }
}
