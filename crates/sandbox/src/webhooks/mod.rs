//! Webhooks (contract §4): apps subscribe a callback URL to event types, the server proves the
//! callback with a signed `webhook.ping`, then POSTs a signed delivery for every change the app
//! may see, retrying failures with exponential back-off, and keeps a log of what it sent.
//!
//! - [`routes`]: `POST/GET /api/v1/webhooks`, `DELETE /api/v1/webhooks/{id}` and the loopback-only
//!   `GET /_control/webhooks/deliveries`;
//! - [`dispatch`]: turns the server's events into deliveries;
//! - [`sign`] / [`verify`]: the `X-VeloPeak-Signature` header.

mod delivery;
mod routes;
mod signature;

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::RngCore;
use serde::Serialize;
use tokio::sync::watch;

pub(crate) use delivery::dispatch;
pub(crate) use routes::routes;
pub use signature::{SIGNATURE_TOLERANCE_S, SignatureError, sign, verify};

use crate::server::RunningSandbox;

/// The event types an app may subscribe to.
pub const EVENT_TYPES: [&str; 7] = [
    "workout.created",
    "workout.updated",
    "workout.deleted",
    "activity.created",
    "activity.updated",
    "activity.deleted",
    "athlete.deauthorized",
];

/// The type of the delivery that proves a callback before a subscription is made.
pub const PING: &str = "webhook.ping";

/// How long a callback has to answer, ping or delivery.
pub(crate) const CALLBACK_TIMEOUT: Duration = Duration::from_secs(5);

/// Retries after the first attempt of a delivery.
pub(crate) const MAX_RETRIES: u32 = 5;

/// Deliveries the log keeps; the oldest go first.
const LOG_CAPACITY: usize = 10_000;

/// One app's subscription.
#[derive(Debug, Clone)]
pub(crate) struct Subscription {
    pub id: String,
    pub client_id: String,
    pub callback_url: String,
    pub events: Vec<String>,
    pub secret: String,
    pub created_at: DateTime<Utc>,
}

impl Subscription {
    fn wants(&self, event: &str) -> bool {
        self.events.iter().any(|e| e == event)
    }
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryState {
    /// Being sent, or waiting for a retry.
    Pending,
    /// The callback answered 2xx.
    Delivered,
    /// Every attempt failed (or, for a ping, the one attempt did), or the subscription went away
    /// while retrying.
    Failed,
}

/// One entry of the delivery log: a `webhook.ping` or an event delivery, and how it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WebhookDelivery {
    /// `dlv_…`, as in the body and the `X-VeloPeak-Delivery` header.
    pub id: String,
    /// The subscription it was sent for (for a refused ping, the id it would have had).
    pub subscription_id: String,
    pub client_id: String,
    /// `activity.created`, `athlete.deauthorized`, `webhook.ping`…
    #[serde(rename = "type")]
    pub event: String,
    pub athlete_id: String,
    pub object_id: String,
    pub callback_url: String,
    /// Attempts made so far (1 + retries).
    pub attempts: u32,
    /// The HTTP status of the last attempt, if the callback answered at all.
    pub last_status: Option<u16>,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    pub state: DeliveryState,
}

#[derive(Debug, Default)]
struct Inner {
    subscriptions: Vec<Subscription>,
    log: VecDeque<WebhookDelivery>,
}

/// The subscriptions of every app and the delivery log.
#[derive(Debug)]
pub(crate) struct Registry {
    inner: Mutex<Inner>,
    /// Sends callbacks: no proxy, no redirects, the contract's timeout.
    http: reqwest::Client,
    /// Bumped whenever the log changes, so that waiters wake up.
    log_version: watch::Sender<u64>,
}

impl Default for Registry {
    fn default() -> Self {
        let http = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(CALLBACK_TIMEOUT)
            .user_agent("VeloPeak-Webhooks/1 (offpeak-sandbox)")
            .build()
            .unwrap_or_default();
        Registry {
            inner: Mutex::default(),
            http,
            log_version: watch::Sender::new(0),
        }
    }
}

impl Registry {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn add(&self, subscription: Subscription) {
        self.lock().subscriptions.push(subscription);
    }

    /// The subscriptions of one app, oldest first.
    fn of_client(&self, client_id: &str) -> Vec<Subscription> {
        self.lock()
            .subscriptions
            .iter()
            .filter(|s| s.client_id == client_id)
            .cloned()
            .collect()
    }

    /// Every subscription that wants `event`.
    fn wanting(&self, event: &str) -> Vec<Subscription> {
        self.lock()
            .subscriptions
            .iter()
            .filter(|s| s.wants(event))
            .cloned()
            .collect()
    }

    /// Removes a subscription of `client_id`; `false` if it has none with that id.
    fn remove(&self, client_id: &str, id: &str) -> bool {
        let mut inner = self.lock();
        let before = inner.subscriptions.len();
        inner
            .subscriptions
            .retain(|s| !(s.id == id && s.client_id == client_id));
        inner.subscriptions.len() != before
    }

    fn exists(&self, id: &str) -> bool {
        self.lock().subscriptions.iter().any(|s| s.id == id)
    }

    fn log_start(&self, delivery: WebhookDelivery) {
        {
            let mut inner = self.lock();
            if inner.log.len() >= LOG_CAPACITY {
                inner.log.pop_front();
            }
            inner.log.push_back(delivery);
        }
        self.log_version.send_modify(|v| *v += 1);
    }

    fn log_update(&self, id: &str, update: impl FnOnce(&mut WebhookDelivery)) {
        {
            let mut inner = self.lock();
            if let Some(entry) = inner.log.iter_mut().rev().find(|d| d.id == id) {
                update(entry);
            }
        }
        self.log_version.send_modify(|v| *v += 1);
    }

    pub(crate) fn deliveries(&self) -> Vec<WebhookDelivery> {
        self.lock().log.iter().cloned().collect()
    }

    /// Waits until `until` holds for the log, or `timeout` passes; returns the log either way.
    async fn wait_for(
        &self,
        timeout: Duration,
        until: impl Fn(&[WebhookDelivery]) -> bool,
    ) -> Result<Vec<WebhookDelivery>, Vec<WebhookDelivery>> {
        let mut changed = self.log_version.subscribe();
        let wait = async {
            loop {
                let log = self.deliveries();
                if until(&log) {
                    return log;
                }
                // The sender lives as long as the registry, which outlives this borrow.
                let _ = changed.changed().await;
            }
        };
        tokio::time::timeout(timeout, wait)
            .await
            .map_err(|_| self.deliveries())
    }
}

/// `prefix` + 16 random bytes in hex.
fn random_id(prefix: &str) -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let mut id = String::from(prefix);
    for b in bytes {
        id.push_str(&format!("{b:02x}"));
    }
    id
}

impl RunningSandbox {
    /// The webhook delivery log, oldest first: every ping and event delivery, its attempts and
    /// outcome (also at `GET /_control/webhooks/deliveries`).
    pub fn webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        self.state.webhooks.deliveries()
    }

    /// Waits (up to `timeout`) until `until` holds for the delivery log. `Ok` with the log when
    /// it does, `Err` with the log as it was at the deadline otherwise.
    pub async fn wait_for_webhook_deliveries(
        &self,
        timeout: Duration,
        until: impl Fn(&[WebhookDelivery]) -> bool,
    ) -> Result<Vec<WebhookDelivery>, Vec<WebhookDelivery>> {
        self.state.webhooks.wait_for(timeout, until).await
    }
}
