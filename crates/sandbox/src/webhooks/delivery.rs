//! From the server's events to signed POSTs: who gets what, one task per delivery, retries with
//! exponential back-off, and the log.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use super::{DeliveryState, MAX_RETRIES, Subscription, WebhookDelivery, random_id, sign};
use crate::server::{AppState, Event, Shared};

/// The JSON body of a delivery (contract §4).
#[derive(Debug, Serialize)]
pub(super) struct Payload<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub event: &'a str,
    pub athlete_id: &'a str,
    pub object_id: &'a str,
    pub occurred_at: DateTime<Utc>,
}

impl Payload<'_> {
    pub(super) fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a payload serializes")
    }
}

/// How one attempt went.
#[derive(Debug)]
pub(super) struct Attempt {
    pub status: Option<u16>,
    pub error: Option<String>,
}

impl Attempt {
    pub(super) fn succeeded(&self) -> bool {
        self.error.is_none()
    }
}

/// POSTs `body` to `url` once, signed with `secret` at the sandbox clock's now.
pub(super) async fn send_once(
    app: &AppState,
    url: &str,
    secret: &str,
    delivery_id: &str,
    body: &[u8],
) -> Attempt {
    let t = app.clock.now().timestamp();
    let sent = app
        .webhooks
        .http
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("X-VeloPeak-Delivery", delivery_id)
        .header("X-VeloPeak-Signature", sign(secret, t, body))
        .body(body.to_vec())
        .send()
        .await;
    match sent {
        Ok(response) if response.status().is_success() => Attempt {
            status: Some(response.status().as_u16()),
            error: None,
        },
        Ok(response) => Attempt {
            status: Some(response.status().as_u16()),
            error: Some(format!("the callback answered {}", response.status())),
        },
        Err(e) if e.is_timeout() => Attempt {
            status: None,
            error: Some(format!(
                "the callback did not answer within {} seconds",
                super::CALLBACK_TIMEOUT.as_secs()
            )),
        },
        Err(e) => Attempt {
            status: None,
            error: Some(format!("the callback could not be reached: {e}")),
        },
    }
}

/// One delivery to make.
#[derive(Debug)]
struct Job {
    delivery_id: String,
    subscription_id: String,
    callback_url: String,
    secret: String,
    body: Vec<u8>,
}

/// Receives the server's events and sends the deliveries they call for, each in its own task,
/// so that a slow or failing callback holds up neither the API nor other deliveries. Aborting
/// this task aborts every delivery in flight.
pub(crate) async fn dispatch(app: Shared, mut events: mpsc::UnboundedReceiver<Event>) {
    let mut running = JoinSet::new();
    loop {
        tokio::select! {
            event = events.recv() => {
                let Some(event) = event else { break };
                for job in plan(&app, &event) {
                    running.spawn(deliver(app.clone(), job));
                }
            }
            Some(_) = running.join_next(), if !running.is_empty() => {}
        }
    }
    while running.join_next().await.is_some() {}
}

/// What an event means for each subscription: a logged, pending delivery per recipient.
/// Decided when the event arrives, so that later grants or revocations do not change it.
fn plan(app: &AppState, event: &Event) -> Vec<Job> {
    let (kind, athlete_id, object_id, occurred_at, recipients) = match event {
        Event::Changed(change) => {
            let kind = change.event();
            let readers = clients_reading(app, &change.athlete_id);
            let recipients: Vec<Subscription> = app
                .webhooks
                .wanting(&kind)
                .into_iter()
                .filter(|s| readers.contains(&s.client_id))
                .collect();
            (
                kind,
                change.athlete_id.clone(),
                change.id.clone(),
                change.at,
                recipients,
            )
        }
        Event::Deauthorized {
            client_id,
            athlete_id,
        } => {
            let kind = "athlete.deauthorized".to_string();
            // Another grant of the same app for the same athlete still stands: nothing ended.
            let still_granted = app
                .auth()
                .grants_of(athlete_id)
                .iter()
                .any(|(_, g)| &g.client_id == client_id);
            let recipients = if still_granted {
                Vec::new()
            } else {
                app.webhooks
                    .wanting(&kind)
                    .into_iter()
                    .filter(|s| &s.client_id == client_id)
                    .collect()
            };
            (
                kind,
                athlete_id.clone(),
                athlete_id.clone(),
                app.clock.now(),
                recipients,
            )
        }
    };
    recipients
        .into_iter()
        .map(|subscription| {
            let delivery_id = random_id("dlv_");
            let body = Payload {
                id: &delivery_id,
                event: &kind,
                athlete_id: &athlete_id,
                object_id: &object_id,
                occurred_at,
            }
            .to_bytes();
            app.webhooks.log_start(WebhookDelivery {
                id: delivery_id.clone(),
                subscription_id: subscription.id.clone(),
                client_id: subscription.client_id.clone(),
                event: kind.clone(),
                athlete_id: athlete_id.clone(),
                object_id: object_id.clone(),
                callback_url: subscription.callback_url.clone(),
                attempts: 0,
                last_status: None,
                last_error: None,
                state: DeliveryState::Pending,
            });
            Job {
                delivery_id,
                subscription_id: subscription.id,
                callback_url: subscription.callback_url,
                secret: subscription.secret,
                body,
            }
        })
        .collect()
}

/// The apps with a live grant that may read `athlete_id`'s data: a grant of that athlete, or
/// of their coach.
fn clients_reading(app: &AppState, athlete_id: &str) -> Vec<String> {
    let viewers: Vec<String> = {
        let catalog = app.catalog();
        let mut viewers = vec![athlete_id.to_string()];
        if let Some(coach) = catalog
            .data
            .athlete(athlete_id)
            .and_then(|a| a.coach_id.clone())
            && catalog.data.may_read(&coach, athlete_id)
        {
            viewers.push(coach);
        }
        viewers
    };
    let auth = app.auth();
    let mut clients: Vec<String> = viewers
        .iter()
        .flat_map(|viewer| auth.grants_of(viewer))
        .map(|(_, grant)| grant.client_id)
        .collect();
    clients.sort();
    clients.dedup();
    clients
}

/// Sends one delivery: the first attempt, then up to [`MAX_RETRIES`] retries, waiting
/// `webhook_backoff`, then twice that, and so on. Stops early if the subscription is deleted.
async fn deliver(app: Shared, job: Job) {
    let mut wait = app.config.webhook_backoff;
    let mut attempts = 0;
    let state = loop {
        attempts += 1;
        let attempt = send_once(
            &app,
            &job.callback_url,
            &job.secret,
            &job.delivery_id,
            &job.body,
        )
        .await;
        let done = attempt.succeeded();
        app.webhooks.log_update(&job.delivery_id, |entry| {
            entry.attempts = attempts;
            entry.last_status = attempt.status;
            entry.last_error = attempt.error;
            if done {
                entry.state = DeliveryState::Delivered;
            }
        });
        if done {
            return;
        }
        if attempts > MAX_RETRIES {
            break DeliveryState::Failed;
        }
        tokio::time::sleep(wait).await;
        wait = wait.saturating_mul(2);
        if !app.webhooks.exists(&job.subscription_id) {
            app.webhooks.log_update(&job.delivery_id, |entry| {
                entry.last_error = Some("the subscription was deleted".to_string());
            });
            break DeliveryState::Failed;
        }
    };
    app.webhooks
        .log_update(&job.delivery_id, |entry| entry.state = state);
}
