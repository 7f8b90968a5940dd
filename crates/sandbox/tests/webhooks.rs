//! Webhooks (contract §4): subscriptions proven by a signed ping, signed deliveries for changes
//! an app may see, retries with exponential back-off, deauthorization. Every test runs a real
//! sandbox and a real receiver on loopback, and waits on channels, never on sleeps.

mod common;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use common::*;
use offpeak_sandbox::{
    DeliveryState, RegisteredClient, RunningSandbox, SandboxConfig, WebhookDelivery, sign, verify,
};
use serde_json::{Value, json};
use tokio::sync::mpsc;

/// Generous: only reached when something is wrong.
const PATIENCE: Duration = Duration::from_secs(20);
const BACKOFF: Duration = Duration::from_millis(10);
const WEBHOOKS: &str = "webhooks activities:read workouts:read";
const OTHER_CLIENT: &str = "other-app";
const OTHER_SECRET: &str = "other-app-secret";

// ---------------------------------------------------------------------------------------------
// A receiver: an app's callback on loopback.

/// One request the receiver got.
#[derive(Debug)]
struct Received {
    delivery: String,
    signature: String,
    content_type: String,
    body: Bytes,
    at: Instant,
}

impl Received {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }

    fn kind(&self) -> String {
        self.json()["type"].as_str().unwrap().to_string()
    }

    /// Checks the signature the way a receiver must: over the raw bytes, `t` near now.
    fn assert_signed_with(&self, secret: &str) {
        let now = chrono::Utc::now().timestamp();
        let t = verify(secret, &self.signature, &self.body, now)
            .unwrap_or_else(|e| panic!("{e}: {} over {:?}", self.signature, self.body));
        assert_eq!(self.signature, sign(secret, t, &self.body));
        assert!(verify("whsec_wrong", &self.signature, &self.body, now).is_err());
    }
}

#[derive(Clone)]
struct Behaviour {
    /// Statuses for the deliveries that are not pings, in order; then `then`.
    script: Arc<Mutex<VecDeque<u16>>>,
    then: u16,
    seen: mpsc::UnboundedSender<Received>,
}

async fn receive(State(b): State<Behaviour>, headers: HeaderMap, body: Bytes) -> StatusCode {
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

struct Receiver {
    url: String,
    seen: mpsc::UnboundedReceiver<Received>,
}

impl Receiver {
    /// Answers pings 200, the other deliveries with `script` in order, then `then`.
    async fn start(script: &[u16], then: u16) -> Receiver {
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

    async fn ok() -> Receiver {
        Receiver::start(&[], 200).await
    }

    async fn next(&mut self) -> Received {
        tokio::time::timeout(PATIENCE, self.seen.recv())
            .await
            .expect("no delivery arrived in time")
            .expect("the receiver stopped")
    }

    /// The next request that is not a ping.
    async fn next_event(&mut self) -> Received {
        loop {
            let received = self.next().await;
            if received.kind() != "webhook.ping" {
                return received;
            }
        }
    }

    /// Whatever arrived and was not read yet.
    fn pending(&mut self) -> Vec<Received> {
        std::iter::from_fn(|| self.seen.try_recv().ok()).collect()
    }
}

/// A URL nobody listens on.
async fn unreachable_url() -> String {
    let listener = tokio::net::TcpListener::bind(local()).await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    drop(listener);
    url
}

// ---------------------------------------------------------------------------------------------
// The sandbox side.

fn config() -> SandboxConfig {
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

async fn access_token(origin: &str, scope: &str) -> String {
    tokens(origin, scope).await["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// An access token of the second registered app.
async fn other_app_token(origin: &str, scope: &str) -> String {
    let pkce = pkce();
    let browser = browser();
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
    let page = browser.get(url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let id = request_id(&page.text().await.unwrap());
    let response = browser
        .post(format!("{origin}/api/auth/oauth2/authorize"))
        .form(&[("request_id", id.as_str()), ("decision", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let code = param(&location_query(&response), "code")
        .unwrap()
        .to_string();
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

async fn post_webhook(origin: &str, token: &str, body: &Value) -> (u16, Value) {
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
async fn subscribe(origin: &str, token: &str, url: &str, events: &[&str]) -> Value {
    let (status, body) = post_webhook(
        origin,
        token,
        &json!({"callback_url": url, "events": events}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body
}

async fn list(origin: &str, token: &str) -> (u16, Value) {
    let response = api_get(origin, "/webhooks", Some(token)).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn delete_webhook(origin: &str, token: &str, id: &str) -> reqwest::Response {
    browser()
        .delete(format!("{origin}/api/v1/webhooks/{id}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn control(origin: &str, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
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
async fn create_activity(origin: &str, id: &str) -> Value {
    let truth = control(origin, reqwest::Method::GET, "/truth", None).await;
    let mut activity = truth["activities"][0].clone();
    activity["id"] = json!(id);
    activity["name"] = json!("Webhook test ride");
    let changes = control(origin, reqwest::Method::PUT, "/activities", Some(activity)).await;
    assert_eq!(changes["kind"], "created", "{changes}");
    changes
}

async fn first_workout_id(origin: &str) -> String {
    let truth = control(origin, reqwest::Method::GET, "/truth", None).await;
    truth["workouts"][0]["id"].as_str().unwrap().to_string()
}

async fn owner_id(origin: &str) -> String {
    let truth = control(origin, reqwest::Method::GET, "/truth", None).await;
    truth["athletes"][0]["id"].as_str().unwrap().to_string()
}

/// Waits for the log entry of `id` to be delivered or failed.
async fn settled(sandbox: &RunningSandbox, id: &str) -> WebhookDelivery {
    let log = sandbox
        .wait_for_webhook_deliveries(PATIENCE, |log| {
            log.iter()
                .any(|d| d.id == id && d.state != DeliveryState::Pending)
        })
        .await
        .unwrap_or_else(|log| panic!("delivery {id} did not settle: {log:#?}"));
    log.into_iter().find(|d| d.id == id).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The signature.

#[test]
fn signature_matches_a_fixed_vector() {
    // Computed independently, with Python's hmac and with `openssl dgst -sha256 -hmac`:
    //   printf '%s' '1712745600.<body>' | openssl dgst -sha256 -hmac 'whsec_MfKQ9r2ttGm5VfQHbdUeZw'
    let secret = "whsec_MfKQ9r2ttGm5VfQHbdUeZw";
    let body = br#"{"id":"dlv_0001","type":"activity.created","athlete_id":"ath_1","object_id":"a_42","occurred_at":"2024-04-10T10:40:00Z"}"#;
    let header = sign(secret, 1_712_745_600, body);
    assert_eq!(
        header,
        "t=1712745600,v1=0969c1167965256361ece04b562ed28da655490ce157ff36bbceabdfe39959c7"
    );
    assert_eq!(
        verify(secret, &header, body, 1_712_745_600 + 300),
        Ok(1_712_745_600)
    );
    assert!(verify(secret, &header, body, 1_712_745_600 + 301).is_err());
    assert!(verify(secret, &header, &body[1..], 1_712_745_600).is_err());
}

// ---------------------------------------------------------------------------------------------
// Subscriptions.

#[tokio::test]
async fn subscribing_pings_the_callback_then_lists_without_secret_and_deletes() {
    let sandbox = start_with(config()).await;
    let origin = sandbox.origin();
    let token = access_token(&origin, WEBHOOKS).await;
    let mut receiver = Receiver::ok().await;

    let created = subscribe(
        &origin,
        &token,
        &receiver.url,
        &["activity.created", "workout.deleted"],
    )
    .await;
    let id = created["id"].as_str().unwrap();
    let secret = created["secret"].as_str().unwrap();
    assert!(
        secret.starts_with("whsec_") && secret.len() > 30,
        "{secret}"
    );
    assert_eq!(created["callback_url"], receiver.url.as_str());
    assert_eq!(
        created["events"],
        json!(["activity.created", "workout.deleted"])
    );
    assert!(chrono::DateTime::parse_from_rfc3339(created["created_at"].as_str().unwrap()).is_ok());

    // The ping came first, signed with the secret the response then showed.
    let ping = receiver
        .pending()
        .into_iter()
        .next()
        .expect("the ping arrives before the 201");
    ping.assert_signed_with(secret);
    let body = ping.json();
    assert_eq!(body["type"], "webhook.ping");
    assert_eq!(body["id"], ping.delivery.as_str());
    assert!(ping.delivery.starts_with("dlv_"));
    assert_eq!(body["object_id"], id);
    assert_eq!(body["athlete_id"], owner_id(&origin).await.as_str());
    assert_eq!(ping.content_type, "application/json");

    // A second subscription gets another secret.
    let second = subscribe(&origin, &token, &receiver.url, &["athlete.deauthorized"]).await;
    assert_ne!(second["secret"], created["secret"]);
    assert_ne!(second["id"], created["id"]);

    let (status, listed) = list(&origin, &token).await;
    assert_eq!(status, 200);
    let data = listed["data"].as_array().unwrap();
    assert_eq!(data.len(), 2, "{listed}");
    assert_eq!(data[0]["id"], id);
    assert_eq!(data[0]["callback_url"], receiver.url.as_str());
    assert_eq!(data[0]["events"], created["events"]);
    assert_eq!(data[0]["created_at"], created["created_at"]);
    assert!(!listed.to_string().contains("secret"), "{listed}");
    assert!(!listed.to_string().contains("whsec_"), "{listed}");

    assert_eq!(delete_webhook(&origin, &token, id).await.status(), 204);
    let (_, listed) = list(&origin, &token).await;
    let ids: Vec<&Value> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["id"])
        .collect();
    assert_eq!(ids, vec![&second["id"]]);
    let again = delete_webhook(&origin, &token, id).await;
    assert_eq!(again.status(), 404);
    let body: Value = again.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    assert_eq!(
        delete_webhook(&origin, &token, "wh_unknown").await.status(),
        404
    );
}

#[tokio::test]
async fn a_callback_that_fails_the_ping_gets_no_subscription() {
    let sandbox = start_with(config()).await;
    let origin = sandbox.origin();
    let token = access_token(&origin, WEBHOOKS).await;

    // Answers every ping with 500.
    let failing = {
        let (tx, mut seen) = mpsc::unbounded_channel::<()>();
        let app = axum::Router::new().route(
            "/hook",
            post(move || {
                let _ = tx.send(());
                async { StatusCode::INTERNAL_SERVER_ERROR }
            }),
        );
        let listener = tokio::net::TcpListener::bind(local()).await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let (status, body) = post_webhook(
            &origin,
            &token,
            &json!({"callback_url": url, "events": ["activity.created"]}),
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"]["code"], "callback_failed");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains("500"), "{message}");
        assert!(seen.try_recv().is_ok(), "the ping was sent");
        url
    };

    let unreachable = unreachable_url().await;
    let (status, body) = post_webhook(
        &origin,
        &token,
        &json!({"callback_url": unreachable, "events": ["activity.created"]}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "callback_failed");
    assert!(body["error"]["message"].as_str().unwrap().contains("reach"));

    let (status, listed) = list(&origin, &token).await;
    assert_eq!(status, 200);
    assert_eq!(listed["data"], json!([]));

    let pings = sandbox.webhook_deliveries();
    assert_eq!(pings.len(), 2, "{pings:#?}");
    assert!(
        pings.iter().all(|p| p.event == "webhook.ping"
            && p.state == DeliveryState::Failed
            && p.attempts == 1)
    );
    assert_eq!(pings[0].callback_url, failing);
    assert_eq!(pings[0].last_status, Some(500));
    assert_eq!(pings[1].last_status, None);
}

#[tokio::test]
async fn malformed_subscriptions_are_400_and_never_pinged() {
    let sandbox = start_with(config()).await;
    let origin = sandbox.origin();
    let token = access_token(&origin, WEBHOOKS).await;
    let mut receiver = Receiver::ok().await;
    let url = receiver.url.clone();
    for body in [
        json!({"callback_url": "/hook", "events": ["activity.created"]}),
        json!({"callback_url": url.replace("http:", "ftp:"), "events": ["activity.created"]}),
        json!({"callback_url": url, "events": []}),
        json!({"callback_url": url, "events": ["*"]}),
        json!({"callback_url": url, "events": ["webhook.ping"]}),
        json!({"callback_url": url, "events": ["activity.created", "activity.exploded"]}),
        json!({"callback_url": url}),
        json!({"events": ["activity.created"]}),
        json!("not an object"),
    ] {
        let (status, answer) = post_webhook(&origin, &token, &body).await;
        assert_eq!(status, 400, "{body} → {answer}");
        assert_eq!(answer["error"]["code"], "invalid_request", "{answer}");
        assert!(
            answer["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    assert!(receiver.pending().is_empty());
    assert!(sandbox.webhook_deliveries().is_empty());
    // The same callback with a valid body works.
    subscribe(&origin, &token, &url, &["activity.created"]).await;
    assert_eq!(receiver.next().await.kind(), "webhook.ping");
}

#[tokio::test]
async fn webhooks_need_the_webhooks_scope() {
    let sandbox = start_with(config()).await;
    let origin = sandbox.origin();
    let token = access_token(&origin, ALL_READ).await;
    let mut receiver = Receiver::ok().await;

    let response = browser()
        .post(format!("{origin}/api/v1/webhooks"))
        .bearer_auth(&token)
        .json(&json!({"callback_url": receiver.url, "events": ["activity.created"]}))
        .send()
        .await
        .unwrap();
    let refusals = [
        response,
        api_get(&origin, "/webhooks", Some(&token)).await,
        delete_webhook(&origin, &token, "wh_x").await,
    ];
    for response in refusals {
        assert_eq!(response.status(), 403);
        let challenge = response.headers()["www-authenticate"].to_str().unwrap();
        assert!(
            challenge.contains("error=\"insufficient_scope\"") && challenge.contains("webhooks"),
            "{challenge}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "insufficient_scope");
    }
    assert_eq!(api_get(&origin, "/webhooks", None).await.status(), 401);
    assert!(receiver.pending().is_empty(), "nothing was pinged");
    assert!(sandbox.webhook_deliveries().is_empty());
}

#[tokio::test]
async fn the_control_endpoint_shows_the_delivery_log() {
    let sandbox = start_with(config()).await;
    let origin = sandbox.origin();
    let token = access_token(&origin, WEBHOOKS).await;
    let receiver = Receiver::ok().await;
    let created = subscribe(&origin, &token, &receiver.url, &["activity.created"]).await;
    let log = control(&origin, reqwest::Method::GET, "/webhooks/deliveries", None).await;
    let data = log["data"].as_array().unwrap();
    assert_eq!(data.len(), 1, "{log}");
    assert_eq!(data[0]["type"], "webhook.ping");
    assert_eq!(data[0]["subscription_id"], created["id"]);
    assert_eq!(data[0]["state"], "delivered");
    assert_eq!(data[0]["attempts"], 1);
    assert_eq!(data[0]["last_status"], 200);
    assert!(!log.to_string().contains("whsec_"));
}

// ---------------------------------------------------------------------------------------------
// Deliveries.

#[tokio::test]
async fn changes_are_delivered_signed_with_type_object_and_athlete() {
    let sandbox = start_with(config()).await;
    let origin = sandbox.origin();
    let token = access_token(&origin, WEBHOOKS).await;
    let mut receiver = Receiver::ok().await;
    let created = subscribe(
        &origin,
        &token,
        &receiver.url,
        &["activity.created", "workout.deleted"],
    )
    .await;
    let secret = created["secret"].as_str().unwrap();
    assert_eq!(receiver.next().await.kind(), "webhook.ping");
    let owner = owner_id(&origin).await;

    let change = create_activity(&origin, "a_webhook_1").await;
    let delivery = receiver.next_event().await;
    delivery.assert_signed_with(secret);
    assert_eq!(delivery.content_type, "application/json");
    let body = delivery.json();
    assert_eq!(body["type"], "activity.created");
    assert_eq!(body["object_id"], "a_webhook_1");
    assert_eq!(body["athlete_id"], owner.as_str());
    assert_eq!(body["id"], delivery.delivery.as_str());
    assert!(delivery.delivery.starts_with("dlv_"));
    let occurred = chrono::DateTime::parse_from_rfc3339(body["occurred_at"].as_str().unwrap())
        .expect("occurred_at is RFC 3339");
    let changed_at = chrono::DateTime::parse_from_rfc3339(change["at"].as_str().unwrap()).unwrap();
    assert_eq!(occurred, changed_at);

    let workout = first_workout_id(&origin).await;
    control(
        &origin,
        reqwest::Method::DELETE,
        &format!("/workouts/{workout}"),
        None,
    )
    .await;
    let delivery = receiver.next_event().await;
    delivery.assert_signed_with(secret);
    let body = delivery.json();
    assert_eq!(body["type"], "workout.deleted");
    assert_eq!(body["object_id"], workout.as_str());
    assert_eq!(body["athlete_id"], owner.as_str());

    let entry = settled(&sandbox, &delivery.delivery).await;
    assert_eq!(entry.state, DeliveryState::Delivered);
    assert_eq!(entry.attempts, 1);
    assert_eq!(entry.last_status, Some(200));
    assert_eq!(entry.subscription_id, created["id"].as_str().unwrap());
    assert_eq!(entry.event, "workout.deleted");
    assert_eq!(entry.object_id, workout);
}

#[tokio::test]
async fn event_types_not_subscribed_are_not_delivered() {
    let sandbox = start_with(config()).await;
    let origin = sandbox.origin();
    let token = access_token(&origin, WEBHOOKS).await;
    let mut receiver = Receiver::ok().await;
    subscribe(&origin, &token, &receiver.url, &["workout.deleted"]).await;
    assert_eq!(receiver.next().await.kind(), "webhook.ping");

    create_activity(&origin, "a_webhook_2").await;
    let workout = first_workout_id(&origin).await;
    control(
        &origin,
        reqwest::Method::DELETE,
        &format!("/workouts/{workout}"),
        None,
    )
    .await;
    // Events are planned in order, so by the time the workout's delivery exists, the
    // activity's would have been logged too.
    let delivery = receiver.next_event().await;
    assert_eq!(delivery.kind(), "workout.deleted");
    assert_eq!(delivery.json()["object_id"], workout.as_str());
    let log = sandbox.webhook_deliveries();
    assert!(
        log.iter().all(|d| !d.event.starts_with("activity.")),
        "{log:#?}"
    );
    assert_eq!(log.len(), 2, "the ping and the workout: {log:#?}");
}

#[tokio::test]
async fn a_delivery_that_fails_twice_is_retried_with_growing_gaps() {
    let sandbox = start_with(config()).await;
    let origin = sandbox.origin();
    let token = access_token(&origin, WEBHOOKS).await;
    let mut receiver = Receiver::start(&[500, 503], 200).await;
    let created = subscribe(&origin, &token, &receiver.url, &["activity.created"]).await;
    let secret = created["secret"].as_str().unwrap();
    assert_eq!(receiver.next().await.kind(), "webhook.ping");

    create_activity(&origin, "a_webhook_3").await;
    let attempts = [
        receiver.next_event().await,
        receiver.next_event().await,
        receiver.next_event().await,
    ];
    for attempt in &attempts {
        attempt.assert_signed_with(secret);
        assert_eq!(
            attempt.delivery, attempts[0].delivery,
            "one delivery, retried"
        );
        assert_eq!(attempt.body, attempts[0].body, "the same body each time");
    }
    let gaps: Vec<Duration> = attempts.windows(2).map(|w| w[1].at - w[0].at).collect();
    assert!(gaps[0] >= BACKOFF, "{gaps:?}");
    assert!(gaps[1] >= BACKOFF * 2, "{gaps:?}");

    let entry = settled(&sandbox, &attempts[0].delivery).await;
    assert_eq!(entry.state, DeliveryState::Delivered);
    assert_eq!(entry.attempts, 3);
    assert_eq!(entry.last_status, Some(200));
    assert!(receiver.pending().is_empty(), "no attempt after success");
}

#[tokio::test]
async fn a_delivery_that_always_fails_is_tried_six_times_then_given_up() {
    let sandbox = start_with(config()).await;
    let origin = sandbox.origin();
    let token = access_token(&origin, WEBHOOKS).await;
    let mut receiver = Receiver::start(&[], 500).await;
    let created = subscribe(&origin, &token, &receiver.url, &["activity.created"]).await;
    assert_eq!(receiver.next().await.kind(), "webhook.ping");

    create_activity(&origin, "a_webhook_4").await;
    let first = receiver.next_event().await;
    let entry = settled(&sandbox, &first.delivery).await;
    assert_eq!(entry.state, DeliveryState::Failed);
    assert_eq!(entry.attempts, 6);
    assert_eq!(entry.last_status, Some(500));
    assert!(entry.last_error.is_some());
    assert_eq!(entry.subscription_id, created["id"].as_str().unwrap());

    // Every attempt reached the receiver before the delivery was given up.
    let mut attempts = vec![first];
    attempts.extend(receiver.pending());
    assert_eq!(attempts.len(), 6, "1 attempt + 5 retries");
    assert!(attempts.iter().all(|a| a.delivery == entry.id));
    let gaps: Vec<Duration> = attempts.windows(2).map(|w| w[1].at - w[0].at).collect();
    for (i, gap) in gaps.iter().enumerate() {
        assert!(*gap >= BACKOFF * 2u32.pow(i as u32), "gap {i}: {gaps:?}");
    }
}

#[tokio::test]
async fn revoking_the_grant_sends_deauthorized_and_stops_deliveries_for_that_app() {
    let sandbox = start_with(config()).await;
    let origin = sandbox.origin();
    let owner = owner_id(&origin).await;

    let token = access_token(&origin, WEBHOOKS).await;
    let mut first = Receiver::ok().await;
    let created = subscribe(
        &origin,
        &token,
        &first.url,
        &["activity.created", "athlete.deauthorized"],
    )
    .await;
    let secret = created["secret"].as_str().unwrap();
    assert_eq!(first.next().await.kind(), "webhook.ping");

    let revoked = control(
        &origin,
        reqwest::Method::POST,
        "/grants/revoke",
        Some(json!({})),
    )
    .await;
    assert_eq!(revoked["revoked"], 1);
    let delivery = first.next_event().await;
    delivery.assert_signed_with(secret);
    let body = delivery.json();
    assert_eq!(body["type"], "athlete.deauthorized");
    assert_eq!(body["athlete_id"], owner.as_str());
    assert_eq!(body["object_id"], owner.as_str());

    // Another app, authorized after the revocation, sees the next change; the first does not.
    let other = other_app_token(&origin, WEBHOOKS).await;
    let mut second = Receiver::ok().await;
    subscribe(&origin, &other, &second.url, &["activity.created"]).await;
    assert_eq!(second.next().await.kind(), "webhook.ping");
    let (_, listed) = list(&origin, &other).await;
    assert_eq!(listed["data"].as_array().unwrap().len(), 1, "{listed}");
    assert_ne!(listed["data"][0]["id"], created["id"]);
    assert_eq!(
        delete_webhook(&origin, &other, created["id"].as_str().unwrap())
            .await
            .status(),
        404,
        "another app's subscription is not found"
    );

    create_activity(&origin, "a_webhook_5").await;
    let seen = second.next_event().await;
    assert_eq!(seen.json()["object_id"], "a_webhook_5");
    // Deliveries of one event are all logged before any is sent.
    let log = sandbox.webhook_deliveries();
    let to_first: Vec<&WebhookDelivery> = log
        .iter()
        .filter(|d| d.subscription_id == created["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        to_first.len(),
        2,
        "the ping and the deauthorization: {log:#?}"
    );
    assert!(first.pending().is_empty());

    // The first app's old token is dead with its grant.
    assert_eq!(
        api_get(&origin, "/webhooks", Some(&token)).await.status(),
        401
    );
}
