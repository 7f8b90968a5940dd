//! The signed-in person's settings pages: "Connected apps", where a grant can be revoked (the
//! server side of managing authorizations), and on the Velocity profile "API keys", where keys
//! are created (shown once) and deleted.

use std::fmt::Write;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::api_keys::{KeyAccess, workspace_slug};
use crate::consent_page::{escape, page};
use crate::grants::GrantId;
use crate::oauth::{Params, html};
use crate::scope;
use crate::server::Shared;

pub(crate) const CONNECTED_APPS: &str = "/settings/connected-apps";
pub(crate) const API_KEYS: &str = "/settings/api-keys";

pub(crate) fn connected_app_routes() -> Router<Shared> {
    Router::new()
        .route(CONNECTED_APPS, get(connected_apps))
        .route("/settings/connected-apps/{grant}/revoke", post(revoke_app))
}

pub(crate) fn api_key_routes() -> Router<Shared> {
    Router::new()
        .route(API_KEYS, get(api_keys).post(create_key))
        .route("/settings/api-keys/{id}/delete", post(delete_key))
}

fn client_name(app: &Shared, client_id: &str) -> String {
    app.config
        .client(client_id)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| client_id.to_string())
}

async fn connected_apps(State(app): State<Shared>) -> Response {
    let (owner_id, owner_name) = {
        let catalog = app.catalog();
        let owner = catalog.data.owner();
        (owner.id.clone(), owner.name.clone())
    };
    let grants = app.auth().grants_of(&owner_id);
    let mut main = format!(
        "<p class=\"who\">Signed in as <strong class=\"athlete\">{}</strong></p>\
         <h1>Connected apps</h1>",
        escape(&owner_name)
    );
    if grants.is_empty() {
        main.push_str("<p class=\"none\">No app has access to your account.</p>");
    }
    for (id, grant) in grants {
        let last_used = grant
            .last_used
            .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_else(|| "never".to_string());
        let _ = write!(
            main,
            "<section class=\"grant\" data-grant=\"{id}\" data-client=\"{client_id}\">\
             <h2 class=\"client\">{name}</h2>\
             <p>Can: <code class=\"scopes\">{scopes}</code></p>\
             <p>Allowed {granted} · last used {last_used}</p>\
             <form method=\"post\" action=\"/settings/connected-apps/{id}/revoke\">\
             <div class=\"buttons\"><button type=\"submit\" class=\"primary\">Revoke access</button></div>\
             </form></section>",
            id = id.as_u64(),
            client_id = escape(&grant.client_id),
            name = escape(&client_name(&app, &grant.client_id)),
            scopes = escape(&scope::join(&grant.scopes)),
            granted = grant.granted_at.format("%Y-%m-%d %H:%M UTC"),
        );
    }
    html(StatusCode::OK, page("Connected apps", &main))
}

async fn revoke_app(State(app): State<Shared>, Path(grant): Path<u64>) -> Response {
    let id = GrantId::from_u64(grant);
    let owner_id = app.catalog().data.owner().id.clone();
    let mine = app
        .auth()
        .grant(id)
        .is_some_and(|g| g.athlete_id == owner_id);
    if mine && app.auth().revoke_grant(id) {
        app.grant_ended(id);
    }
    see_other(CONNECTED_APPS)
}

fn see_other(path: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = axum::http::HeaderValue::from_str(path) {
        response
            .headers_mut()
            .insert(axum::http::header::LOCATION, value);
    }
    response
}

/// The API keys page; `created` is a key just made, shown this once.
fn keys_page(app: &Shared, created: Option<&str>) -> Response {
    let workspace = workspace_slug(&app.catalog().data.owner().name);
    let mut main = format!(
        "<h1>API keys</h1><p>Workspace <code class=\"workspace\">{}</code></p>",
        escape(&workspace)
    );
    if let Some(key) = created {
        let _ = write!(
            main,
            "<p class=\"new-key\">Your new key — copy it now, it will not be shown again:<br>\
             <code class=\"key\">{}</code></p>",
            escape(key)
        );
    }
    for key in app.api_keys().list() {
        let _ = write!(
            main,
            "<section class=\"api-key\" data-key=\"{id}\"><h2>{name}</h2>\
             <p><code>{prefix}…</code> · {access} · created {created}</p>\
             <form method=\"post\" action=\"/settings/api-keys/{id}/delete\">\
             <div class=\"buttons\"><button type=\"submit\">Delete</button></div></form></section>",
            id = escape(&key.id),
            name = escape(&key.name),
            prefix = escape(&key.prefix),
            access = key.access.as_str(),
            created = key.created_at.format("%Y-%m-%d %H:%M UTC"),
        );
    }
    main.push_str(
        "<form method=\"post\" action=\"/settings/api-keys\"><h2>New key</h2>\
         <p><input name=\"name\" placeholder=\"Name\" required></p>\
         <p><label><input type=\"radio\" name=\"access\" value=\"read-only\" checked> Read-only</label> \
         <label><input type=\"radio\" name=\"access\" value=\"read-write\"> Read-write</label></p>\
         <div class=\"buttons\"><button type=\"submit\" class=\"primary\">Create key</button></div></form>",
    );
    html(StatusCode::OK, page("API keys", &main))
}

async fn api_keys(State(app): State<Shared>) -> Response {
    keys_page(&app, None)
}

async fn create_key(State(app): State<Shared>, body: Bytes) -> Response {
    let params = Params::parse(&body);
    let (Some(name), Some(access)) = (
        params.get("name"),
        params.get("access").and_then(KeyAccess::parse),
    ) else {
        return html(
            StatusCode::BAD_REQUEST,
            page(
                "API keys",
                "<p class=\"error\">A key needs a name and an access level.</p>",
            ),
        );
    };
    let created = app.create_api_key(name, access);
    keys_page(&app, Some(&created.key))
}

async fn delete_key(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    app.api_keys().revoke(&id);
    see_other(API_KEYS)
}
