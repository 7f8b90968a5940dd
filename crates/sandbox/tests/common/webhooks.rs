//! What the webhook tests share: a receiver (an app's callback on loopback that records what
//! it gets and can be told to fail), and the calls an app makes to subscribe.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use offpeak_sandbox::{
    DeliveryState, RegisteredClient, RunningSandbox, SandboxConfig, WebhookDelivery, sign, verify,
};
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::common::*;

/// Generous: only reached when something is wrong.
pub const PATIENCE: Duration = Duration::from_secs(20);
pub const BACKOFF: Duration = Duration::from_millis(10);
pub const WEBHOOKS: &str = "webhooks activities:read workouts:read";
pub const OTHER_CLIENT: &str = "other-app";
pub const OTHER_SECRET: &str = "other-app-secret";

// ---------------------------------------------------------------------------------------------
// A receiver: an app's callback on loopback.

/// One request the receiver got.
#[derive(Debug)]
pub struct Received {
    pub delivery: String,
    pub signature: String,
    pub content_type: String,
    pub body: Bytes,
    pub at: Instant,
}

impl Received {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }

    pub fn kind(&self) -> String {
        self.json()["type"].as_str().unwrap().to_string()
    }

    /// Checks the signature the way a receiver must: over the raw bytes, `t` near now.
    pub fn assert_signed_with(&self, secret: &str) {
        let now = chrono::Utc::now().timestamp();
        let t = verify(secret, &self.signature, &self.body, now)
            .unwrap_or_else(|e| panic!("{e}: {} over {:?}", self.signature, self.body));
        assert_eq!(self.signature, sign(secret, t, &self.body));
        assert!(verify("whsec_wrong", &self.signature, &self.body, now).is_err());
    }
}

#[derive(Clone)]
pub struct Behaviour {
    /// Statuses for the deliveries that are not pings, in order; then `then`.
    pub script: Arc<Mutex<VecDeque<u16>>>,
    pub then: u16,
    pub seen: mpsc::UnboundedSender<Received>,
}

pub async fn receive(State(b): State<Behaviour>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let received = Received {
        delivery: header("x-velopeak-delivery"),
        signature: header("x-velopeak-signature"),
        content_type: header("content-type"),
        body,
        at: Instant::now(),
    };
    let status = if received.kind() == "webhook.ping" {
        200
    } else {
        b.script.lock().unwrap().pop_front().unwrap_or(b.then)
    };
    let _ = b.seen.send(received);
    StatusCode::from_u16(status).unwrap()
}

pub struct Receiver {
    pub url: String,
    pub seen: mpsc::UnboundedReceiver<Received>,
}

impl Receiver {
    /// Answers pings 200, the other deliveries with `script` in order, then `then`.
    pub async fn start(script: &[u16], then: u16) -> Receiver {
        let (tx, seen) = mpsc::unbounded_channel();
        let behaviour = Behaviour {
            script: Arc::new(Mutex::new(script.iter().copied().collect())),
            then,
            seen: tx,
        };
        let app = axum::Router::new()
            .route("/hook", post(receive))
            .with_state(behaviour);
        let listener = tokio::net::TcpListener::bind(local()).await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Receiver { url, seen }
    }

    pub async fn ok() -> Receiver {
        Receiver::start(&[], 200).await
    }

    pub async fn next(&mut self) -> Received {
        tokio::time::timeout(PATIENCE, self.seen.recv())
            .await
            .expect("no delivery arrived in time")
            .expect("the receiver stopped")
    }

    /// The next request that is not a ping.
    pub async fn next_event(&mut self) -> Received {
        loop {
            let received = self.next().await;
            if received.kind() != "webhook.ping" {
                return received;
            }
        }
    }

    /// Whatever arrived and was not read yet.
    pub fn pending(&mut self) -> Vec<Received> {
        std::iter::from_fn(|| self.seen.try_recv().ok()).collect()
    }
}

/// A URL nobody listens on.
pub async fn unreachable_url() -> String {
    let listener = tokio::net::TcpListener::bind(local()).await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    drop(listener);
    url
}

// ---------------------------------------------------------------------------------------------
// The sandbox side.

pub fn config() -> SandboxConfig {
    let mut config = SandboxConfig::demo(anchor());
    config.webhook_backoff = BACKOFF;
    config.clients.push(RegisteredClient {
        client_id: OTHER_CLIENT.to_string(),
        client_secret: Some(OTHER_SECRET.to_string()),
        redirect_uris: vec!["http://127.0.0.1/callback".to_string()],
        name: "Another app".to_string(),
    });
    config
}

pub async fn access_token(origin: &str, scope: &str) -> String {
    tokens(origin, scope).await["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// An access token of the second registered app.
pub async fn other_app_token(origin: &str, scope: &str) -> String {
    let pkce = pkce();
    let url = authorize_url(
        origin,
        &[
            ("response_type", "code"),
            ("client_id", OTHER_CLIENT),
            ("redirect_uri", REDIRECT),
            ("scope", scope),
            ("state", "s"),
            ("code_challenge", &pkce.challenge),
            ("code_challenge_method", "S256"),
        ],
    );
    let query = approve_consent(origin, url).await;
    let code = param(&query, "code").unwrap().to_string();
    let (status, body) = token_request(
        origin,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("client_id", OTHER_CLIENT),
            ("client_secret", OTHER_SECRET),
            ("code_verifier", &pkce.verifier),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().unwrap().to_string()
}

pub async fn post_webhook(origin: &str, token: &str, body: &Value) -> (u16, Value) {
    let response = browser()
        .post(format!("{origin}/api/v1/webhooks"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// Subscribes `url` to `events`; returns the 201 body (with the secret).
pub async fn subscribe(origin: &str, token: &str, url: &str, events: &[&str]) -> Value {
    let (status, body) = post_webhook(
        origin,
        token,
        &json!({"callback_url": url, "events": events}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body
}

pub async fn list(origin: &str, token: &str) -> (u16, Value) {
    let response = api_get(origin, "/webhooks", Some(token)).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

pub async fn delete_webhook(origin: &str, token: &str, id: &str) -> reqwest::Response {
    browser()
        .delete(format!("{origin}/api/v1/webhooks/{id}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

pub async fn control(
    origin: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> Value {
    let mut request = browser().request(method, format!("{origin}/_control{path}"));
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.json().await.unwrap()
}

/// Creates a new activity (a copy of the first one under `id`) through the control endpoint.
pub async fn create_activity(origin: &str, id: &str) -> Value {
    let truth = control(origin, reqwest::Method::GET, "/truth", None).await;
    let mut activity = truth["activities"][0].clone();
    activity["id"] = json!(id);
    activity["name"] = json!("Webhook test ride");
    let changes = control(origin, reqwest::Method::PUT, "/activities", Some(activity)).await;
    assert_eq!(changes["kind"], "created", "{changes}");
    changes
}

pub async fn first_workout_id(origin: &str) -> String {
    let truth = control(origin, reqwest::Method::GET, "/truth", None).await;
    truth["workouts"][0]["id"].as_str().unwrap().to_string()
}

pub async fn owner_id(origin: &str) -> String {
    let truth = control(origin, reqwest::Method::GET, "/truth", None).await;
    truth["athletes"][0]["id"].as_str().unwrap().to_string()
}

/// Waits for the log entry of `id` to be delivered or failed.
pub async fn settled(sandbox: &RunningSandbox, id: &str) -> WebhookDelivery {
    let log = sandbox
        .wait_for_webhook_deliveries(PATIENCE, |log| {
            log.iter()
                .any(|d| d.id == id && d.state != DeliveryState::Pending)
        })
        .await
        .unwrap_or_else(|log| panic!("delivery {id} did not settle: {log:#?}"));
    log.into_iter().find(|d| d.id == id).unwrap()
}

/// A sandbox with the demo app subscribed to `events` at `receiver`, the ping already received:
/// (sandbox, origin, token, receiver, the subscription with its secret).
pub async fn subscribed(
    mut receiver: Receiver,
    events: &[&str],
) -> (RunningSandbox, String, String, Receiver, Value) {
    let sandbox = start_with(config()).await;
    let origin = sandbox.origin();
    let token = access_token(&origin, WEBHOOKS).await;
    let created = subscribe(&origin, &token, &receiver.url, events).await;
    assert_eq!(receiver.next().await.kind(), "webhook.ping");
    (sandbox, origin, token, receiver, created)
}
