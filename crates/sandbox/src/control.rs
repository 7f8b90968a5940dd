//! The control endpoint under `/_control`, answered only to loopback peers: what tests, the
//! benchmark and a developer at a terminal use to change the world while a client syncs —
//! create, update and delete items, random churn, faults, the clock, API keys, revoking grants,
//! and the whole truth to compare a cache with.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::api_keys::KeyAccess;
use crate::catalog::Resource;
use crate::churn;
use crate::data::{Activity, Workout};
use crate::faults::FaultPlan;
use crate::server::Shared;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/_control/state", get(state))
        .route("/_control/truth", get(truth))
        .route("/_control/faults", get(get_faults).put(set_faults))
        .route("/_control/clock/advance", post(advance_clock))
        .route("/_control/workouts", put(put_workout))
        .route("/_control/activities", put(put_activity))
        .route("/_control/workouts/{id}", delete(delete_workout))
        .route("/_control/activities/{id}", delete(delete_activity))
        .route("/_control/churn", post(churn_now))
        .route("/_control/grants/revoke", post(revoke_grants))
        .route("/_control/api-keys", post(create_api_key))
        .layer(axum::middleware::from_fn(loopback_only))
}

/// Refuses every peer that is not on this machine.
pub(crate) async fn loopback_only(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    if peer.ip().is_loopback() {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            Json(json!({"error": {"code": "forbidden", "message": "the control endpoint answers loopback peers only"}})),
        )
            .into_response()
    }
}

fn bad_request(message: impl Into<String>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": {"code": "invalid_request", "message": message.into()}})),
    )
        .into_response()
}

async fn state(State(app): State<Shared>) -> Response {
    let catalog = app.catalog();
    Json(json!({
        "variant": app.config.variant.as_str(),
        "dataset": catalog.data.size.as_str(),
        "seed": app.config.seed,
        "anchor": app.config.anchor,
        "athletes": catalog.data.athletes.len(),
        "workouts": catalog.data.workouts.len(),
        "activities": catalog.data.activities.len(),
        "now": app.clock.now(),
    }))
    .into_response()
}

/// Everything the server holds now, as the API would serve it.
async fn truth(State(app): State<Shared>) -> Response {
    let catalog = app.catalog();
    Json(json!({
        "athletes": catalog.data.athletes,
        "workouts": catalog.data.workouts,
        "activities": catalog.data.activities,
    }))
    .into_response()
}

async fn get_faults(State(app): State<Shared>) -> Response {
    Json(app.faults.plan()).into_response()
}

async fn set_faults(State(app): State<Shared>, Json(plan): Json<FaultPlan>) -> Response {
    if let Err(message) = plan.check() {
        return bad_request(message);
    }
    app.faults.set(plan.clone());
    Json(plan).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    seconds: u64,
}

async fn advance_clock(State(app): State<Shared>, Json(by): Json<Advance>) -> Response {
    app.clock.advance(Duration::from_secs(by.seconds));
    Json(json!({"now": app.clock.now()})).into_response()
}

async fn put_workout(State(app): State<Shared>, Json(workout): Json<Workout>) -> Response {
    let now = app.clock.now();
    let change = {
        let mut catalog = app.catalog_mut();
        if catalog.data.athlete(&workout.athlete_id).is_none() {
            return bad_request(format!("no athlete {}", workout.athlete_id));
        }
        catalog.put_workout(workout, now)
    };
    app.publish(change.clone());
    Json(change).into_response()
}

async fn put_activity(State(app): State<Shared>, Json(activity): Json<Activity>) -> Response {
    let now = app.clock.now();
    let change = {
        let mut catalog = app.catalog_mut();
        if catalog.data.athlete(&activity.athlete_id).is_none() {
            return bad_request(format!("no athlete {}", activity.athlete_id));
        }
        if activity.timezone.parse::<chrono_tz::Tz>().is_err() {
            return bad_request(format!("{} is not an IANA time zone", activity.timezone));
        }
        catalog.put_activity(activity, now)
    };
    app.publish(change.clone());
    Json(change).into_response()
}

fn delete_item(app: &Shared, resource: Resource, id: &str) -> Response {
    let now = app.clock.now();
    let changes = app.catalog_mut().delete(resource, id, now);
    if changes.is_empty() {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({"error": {"code": "not_found", "message": format!("no {} {id}", resource.as_str())}})),
        )
            .into_response();
    }
    for change in &changes {
        app.publish(change.clone());
    }
    Json(changes).into_response()
}

async fn delete_workout(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    delete_item(&app, Resource::Workout, &id)
}

async fn delete_activity(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    delete_item(&app, Resource::Activity, &id)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChurnRequest {
    count: u32,
    seed: u64,
}

async fn churn_now(State(app): State<Shared>, Json(request): Json<ChurnRequest>) -> Response {
    let changes = churn::apply(&app, request.count, request.seed);
    Json(changes).into_response()
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RevokeRequest {
    athlete_id: Option<String>,
}

async fn revoke_grants(State(app): State<Shared>, body: axum::body::Bytes) -> Response {
    let request: RevokeRequest = if body.is_empty() {
        RevokeRequest::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(r) => r,
            Err(e) => return bad_request(e.to_string()),
        }
    };
    let athlete = request
        .athlete_id
        .unwrap_or_else(|| app.catalog().data.owner().id.clone());
    Json(json!({"revoked": app.revoke_grants_of(&athlete)})).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewKey {
    name: String,
    access: String,
}

async fn create_api_key(State(app): State<Shared>, Json(request): Json<NewKey>) -> Response {
    let Some(access) = KeyAccess::parse(&request.access) else {
        return bad_request("access must be read-only or read-write");
    };
    let created = app.create_api_key(&request.name, access);
    Json(json!({"id": created.id, "key": created.key, "workspace": created.workspace, "access": access.as_str()}))
        .into_response()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use axum::body::Body;
    use tower::ServiceExt;

    use super::*;
    use crate::config::SandboxConfig;
    use crate::server::AppState;

    async fn status_from(peer: [u8; 4]) -> StatusCode {
        let anchor = chrono::NaiveDate::from_ymd_opt(2025, 4, 10).unwrap();
        let (state, _events) = AppState::new(SandboxConfig::demo(anchor));
        let app = routes().with_state(Arc::new(state));
        let mut request = axum::http::Request::get("/_control/state")
            .body(Body::empty())
            .unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((peer, 40000))));
        app.oneshot(request).await.unwrap().status()
    }

    #[tokio::test]
    async fn only_loopback_peers_reach_the_control_endpoint() {
        assert_eq!(status_from([127, 0, 0, 1]).await, StatusCode::OK);
        assert_eq!(status_from([192, 168, 1, 20]).await, StatusCode::FORBIDDEN);
        assert_eq!(status_from([10, 0, 0, 5]).await, StatusCode::FORBIDDEN);
    }
}
