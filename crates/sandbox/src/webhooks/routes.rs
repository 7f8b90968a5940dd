//! `POST/GET /api/v1/webhooks`, `DELETE /api/v1/webhooks/{id}` (scope `webhooks`, access tokens
//! only: a subscription belongs to the app behind the token) and the loopback-only delivery log.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use url::Url;

use super::delivery::{Payload, send_once};
use super::{DeliveryState, EVENT_TYPES, PING, Subscription, WebhookDelivery, random_id};
use crate::api::{ApiError, Caller, authorize};
use crate::grants::random_token;
use crate::scope::Scope;
use crate::server::Shared;

pub(crate) fn routes() -> Router<Shared> {
    let control = Router::new()
        .route("/_control/webhooks/deliveries", get(delivery_log))
        .layer(axum::middleware::from_fn(crate::control::loopback_only));
    Router::new()
        .route("/api/v1/webhooks", get(list).post(create))
        .route("/api/v1/webhooks/{id}", delete(remove))
        .merge(control)
}

#[derive(Deserialize)]
struct NewSubscription {
    callback_url: String,
    events: Vec<String>,
}

/// The caller's app: webhooks need one, so API keys (which have none) are refused.
fn app_of(caller: Caller) -> Result<String, ApiError> {
    caller.client_id.ok_or_else(|| {
        ApiError::forbidden("webhooks belong to an app: use an OAuth access token, not an API key")
    })
}

fn public(subscription: &Subscription) -> Value {
    json!({
        "id": subscription.id,
        "callback_url": subscription.callback_url,
        "events": subscription.events,
        "created_at": subscription.created_at,
    })
}

fn check_callback(raw: &str) -> Result<String, ApiError> {
    let refuse = || {
        ApiError::bad_request(format!(
            "callback_url must be an absolute http or https URL, not {raw:?}"
        ))
    };
    let url = Url::parse(raw).map_err(|_| refuse())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(refuse());
    }
    Ok(raw.to_string())
}

/// The requested event types in order, without repeats; each must be one the contract lists.
fn check_events(events: Vec<String>) -> Result<Vec<String>, ApiError> {
    if events.is_empty() {
        return Err(ApiError::bad_request(format!(
            "events must name at least one of {}",
            EVENT_TYPES.join(", ")
        )));
    }
    let mut wanted: Vec<String> = Vec::with_capacity(events.len());
    for event in events {
        if !EVENT_TYPES.contains(&event.as_str()) {
            return Err(ApiError::bad_request(format!(
                "unknown event type {event:?}; expected one of {}",
                EVENT_TYPES.join(", ")
            )));
        }
        if !wanted.contains(&event) {
            wanted.push(event);
        }
    }
    Ok(wanted)
}

async fn create(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let caller = authorize(&app, &headers, Scope::Webhooks)?;
    let athlete_id = caller.athlete_id.clone();
    let client_id = app_of(caller)?;
    let request: NewSubscription = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!(
            "the body must be a JSON object {{\"callback_url\":…,\"events\":[…]}}: {e}"
        ))
    })?;
    let callback_url = check_callback(&request.callback_url)?;
    let events = check_events(request.events)?;

    let subscription = Subscription {
        id: random_id("wh_"),
        client_id,
        callback_url,
        events,
        secret: format!("whsec_{}", random_token()),
        created_at: app.clock.now(),
    };

    // The callback proves it is there, and answers, before anything is stored.
    let delivery_id = random_id("dlv_");
    let ping = Payload {
        id: &delivery_id,
        event: PING,
        athlete_id: &athlete_id,
        object_id: &subscription.id,
        occurred_at: subscription.created_at,
    }
    .to_bytes();
    let attempt = send_once(
        &app,
        &subscription.callback_url,
        &subscription.secret,
        &delivery_id,
        &ping,
    )
    .await;
    let confirmed = attempt.succeeded();
    app.webhooks.log_start(WebhookDelivery {
        id: delivery_id,
        subscription_id: subscription.id.clone(),
        client_id: subscription.client_id.clone(),
        event: PING.to_string(),
        athlete_id,
        object_id: subscription.id.clone(),
        callback_url: subscription.callback_url.clone(),
        attempts: 1,
        last_status: attempt.status,
        last_error: attempt.error.clone(),
        state: if confirmed {
            DeliveryState::Delivered
        } else {
            DeliveryState::Failed
        },
    });
    if let Some(error) = attempt.error {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "callback_failed",
            format!(
                "the callback must answer the signed {PING} with a 2xx status within {} seconds: {error}",
                super::CALLBACK_TIMEOUT.as_secs()
            ),
        ));
    }

    let mut body = public(&subscription);
    body["secret"] = Value::String(subscription.secret.clone());
    app.webhooks.add(subscription);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

async fn list(State(app): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    let client_id = app_of(authorize(&app, &headers, Scope::Webhooks)?)?;
    let data: Vec<Value> = app
        .webhooks
        .of_client(&client_id)
        .iter()
        .map(public)
        .collect();
    Ok(Json(json!({ "data": data })).into_response())
}

async fn remove(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let client_id = app_of(authorize(&app, &headers, Scope::Webhooks)?)?;
    if app.webhooks.remove(&client_id, &id) {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(ApiError::not_found(format!("no webhook subscription {id}")))
    }
}

/// `GET /_control/webhooks/deliveries`: the delivery log, oldest first.
async fn delivery_log(State(app): State<Shared>) -> Response {
    Json(json!({ "data": app.webhooks.deliveries() })).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callbacks_must_be_absolute_http() {
        assert!(check_callback("http://127.0.0.1:9000/hook").is_ok());
        assert!(check_callback("https://example.com/hook?x=1").is_ok());
        for bad in [
            "",
            "/hook",
            "127.0.0.1:9000/hook",
            "ftp://example.com/hook",
            "file:///etc/passwd",
            "mailto:a@b.c",
        ] {
            assert!(check_callback(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn events_are_checked_and_deduplicated() {
        let events = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            check_events(events(&[
                "activity.created",
                "athlete.deauthorized",
                "activity.created"
            ]))
            .unwrap(),
            events(&["activity.created", "athlete.deauthorized"])
        );
        assert!(check_events(Vec::new()).is_err());
        assert!(check_events(events(&["*"])).is_err());
        assert!(check_events(events(&["webhook.ping"])).is_err());
        assert!(check_events(events(&["activity.created", "activity.exploded"])).is_err());
    }
}
