//! Webhooks, optional per connection: a local receiver for VeloPeak deliveries, and the
//! subscription that points the platform at it.
//!
//! A delivery is checked before anything is believed: its signature over the raw body, in
//! constant time, with at most five minutes between its timestamp and now; a delivery id seen
//! before is acknowledged and ignored. A good delivery is acknowledged at once (the platform
//! waits five seconds at most) and the object it names is synced in the background.

use crate::engine::{ObjectKind, ObjectRef};
use crate::{SyncError, Syncer, credentials};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use chrono::Utc;
use offpeak_domain::ConnectionId;
use offpeak_provider::velopeak::webhook::{self, DeliveryKind};
use offpeak_store::Store;
use offpeak_vault::Vault;
use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;
use tokio::task::JoinHandle;

/// The events a subscription asks for.
pub const EVENTS: [&str; 7] = [
    "workout.created",
    "workout.updated",
    "workout.deleted",
    "activity.created",
    "activity.updated",
    "activity.deleted",
    "athlete.deauthorized",
];

#[derive(Clone)]
struct Receiver {
    syncer: Arc<Syncer>,
    store: Store,
    vault: Vault,
    /// Connections subscribing right now: the platform's first ping arrives before its answer
    /// carries the secret, so an unsigned-looking ping for them is acknowledged.
    subscribing: Arc<Mutex<HashSet<ConnectionId>>>,
    /// Told each time a delivery's object reached the cache.
    synced: broadcast::Sender<ConnectionId>,
}

/// The receiver, serving until dropped.
pub struct WebhookReceiver {
    address: SocketAddr,
    state: Receiver,
    task: JoinHandle<()>,
}

impl Drop for WebhookReceiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl WebhookReceiver {
    /// Starts serving on `bind` (`127.0.0.1:0` picks a free port).
    pub async fn start(
        syncer: Arc<Syncer>,
        store: Store,
        vault: Vault,
        bind: SocketAddr,
    ) -> std::io::Result<WebhookReceiver> {
        let listener = tokio::net::TcpListener::bind(bind).await?;
        let address = listener.local_addr()?;
        let state = Receiver {
            syncer,
            store,
            vault,
            subscribing: Arc::default(),
            synced: broadcast::channel(64).0,
        };
        let app = Router::new()
            .route("/webhooks/velopeak/{connection}", post(receive))
            .with_state(state.clone());
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!("webhook receiver stopped: {e}");
            }
        });
        Ok(WebhookReceiver {
            address,
            state,
            task,
        })
    }

    /// Where it listens.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The connections whose cache a delivery just changed, for a window to show it.
    pub fn synced(&self) -> broadcast::Receiver<ConnectionId> {
        self.state.synced.subscribe()
    }

    /// Subscribes the connection to webhooks delivered here; the signing secret goes to the
    /// keychain. The connection needs the `webhooks` scope (Reconnect adds it).
    pub async fn enable(&self, connection: &ConnectionId) -> Result<(), SyncError> {
        let Receiver {
            syncer,
            store,
            vault,
            subscribing,
            ..
        } = &self.state;
        lock(subscribing).insert(connection.clone());
        let answer = syncer
            .subscribe_webhooks(connection, &self.callback_url(connection))
            .await;
        lock(subscribing).remove(connection);
        let subscription = answer?;
        credentials::save_webhook_secret(vault, connection, &subscription.secret).await?;
        store
            .save_webhook_subscription(
                connection,
                &offpeak_store::WebhookSubscription {
                    subscription_id: subscription.id,
                    callback_url: subscription.callback_url,
                    created_at: Utc::now(),
                },
            )
            .await?;
        Ok(())
    }

    /// Ends the connection's subscription: at the platform, then its secret and its record.
    pub async fn disable(&self, connection: &ConnectionId) -> Result<(), SyncError> {
        let Receiver {
            syncer,
            store,
            vault,
            ..
        } = &self.state;
        if let Some(subscription) = store.webhook_subscription(connection).await? {
            syncer
                .unsubscribe_webhooks(connection, &subscription.subscription_id)
                .await?;
        }
        credentials::delete_webhook_secret(vault, connection).await?;
        store.delete_webhook_subscription(connection).await?;
        Ok(())
    }

    /// The address the platform delivers a connection's events to.
    pub fn callback_url(&self, connection: &ConnectionId) -> String {
        format!("http://{}/webhooks/velopeak/{}", self.address, connection.0)
    }
}

async fn receive(
    State(receiver): State<Receiver>,
    Path(connection): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, &'static str) {
    let connection = ConnectionId(connection);
    let Some(signature) = headers
        .get("x-velopeak-signature")
        .and_then(|v| v.to_str().ok())
    else {
        return (StatusCode::BAD_REQUEST, "missing signature");
    };
    let secret = match credentials::load_webhook_secret(&receiver.vault, &connection).await {
        Ok(Some(secret)) => secret,
        Ok(None) if lock(&receiver.subscribing).contains(&connection) => {
            let ping = webhook::parse_delivery(&body).is_ok_and(|d| d.kind == DeliveryKind::Ping);
            return if ping {
                (StatusCode::OK, "pong")
            } else {
                (StatusCode::NOT_FOUND, "no subscription")
            };
        }
        Ok(None) => return (StatusCode::NOT_FOUND, "no subscription"),
        Err(e) => {
            tracing::warn!(connection = %connection, "webhook secret unreadable: {e}");
            return (StatusCode::SERVICE_UNAVAILABLE, "keychain unavailable");
        }
    };
    let now = Utc::now().timestamp();
    if let Err(e) = webhook::verify_signature(secret.expose(), signature, &body, now) {
        tracing::warn!(connection = %connection, "webhook delivery refused: {e}");
        return (StatusCode::UNAUTHORIZED, "bad signature");
    }
    let Ok(delivery) = webhook::parse_delivery(&body) else {
        return (StatusCode::BAD_REQUEST, "unreadable delivery");
    };
    match receiver
        .store
        .record_delivery(&delivery.id, Some(&connection), Utc::now())
        .await
    {
        Ok(true) => {}
        Ok(false) => return (StatusCode::OK, "already received"),
        Err(e) => {
            tracing::warn!("webhook delivery not recorded: {e}");
            return (StatusCode::SERVICE_UNAVAILABLE, "cache unavailable");
        }
    }
    let object = |kind| {
        delivery.object_id.clone().map(|id| ObjectRef {
            kind,
            athlete_id: delivery.athlete_id.clone(),
            id,
        })
    };
    let target = match delivery.kind {
        DeliveryKind::WorkoutChanged | DeliveryKind::WorkoutDeleted => object(ObjectKind::Workout),
        DeliveryKind::ActivityChanged | DeliveryKind::ActivityDeleted => {
            object(ObjectKind::Activity)
        }
        DeliveryKind::Deauthorized => {
            let message = "The platform says Offpeak's access was revoked. Reconnect the account; its cached data is kept.";
            if let Err(e) = receiver
                .store
                .mark_reauth_required(&connection, message)
                .await
            {
                tracing::warn!("could not record the revocation: {e}");
            }
            None
        }
        DeliveryKind::Ping | DeliveryKind::Other(_) => None,
    };
    if let Some(target) = target {
        let (syncer, synced) = (receiver.syncer.clone(), receiver.synced.clone());
        tokio::spawn(async move {
            match syncer.sync_object(&connection, &target).await {
                // Nobody listening is fine.
                Ok(()) => drop(synced.send(connection)),
                Err(e) => {
                    tracing::warn!(connection = %connection, "webhook sync failed: {}", e.message())
                }
            }
        });
    }
    (StatusCode::ACCEPTED, "accepted")
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
