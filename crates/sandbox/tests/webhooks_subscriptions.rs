//! Webhooks (contract §4), the subscription side: the signature, a subscription proven by a
//! signed ping, listing without secrets, deleting, the scope. A real sandbox and a real receiver
//! on loopback; waits are on channels, never on sleeps.

mod common;
#[path = "common/webhooks.rs"]
mod hooks;

use axum::http::StatusCode;
use axum::routing::post;
use common::*;
use hooks::*;
use offpeak_sandbox::{DeliveryState, sign, verify};
use serde_json::{Value, json};
use tokio::sync::mpsc;

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
