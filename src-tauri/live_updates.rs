//! Live updates: VeloPeak's webhooks, turned on per connection. The local receiver starts the
//! first time a connection turns them on, or at start-up when one has them on. It listens on
//! 127.0.0.1 at the port it used before, so the platform's subscriptions stay valid across
//! restarts; when that port is taken it takes another and renews the subscriptions pointing at
//! the old one. Free of Tauri: the window is told of changed caches through a function.

use crate::account_views::AccountView;
use crate::app::App;
use crate::error::ApiError;
use offpeak_domain::{ConnectionId, ConnectionStatus, ProviderKind};
use offpeak_sync::WebhookReceiver;
use std::net::{Ipv4Addr, SocketAddr};
use tokio::sync::broadcast::error::RecvError;
use tokio::task::JoinHandle;

/// The setting that remembers the receiver's port.
const PORT_SETTING: &str = "live_updates_port";

/// The scope a connection needs for live updates.
const SCOPE: &str = "webhooks";

/// The receiver, once started, and the task that tells the window what it changed.
#[derive(Default)]
pub(crate) struct LiveUpdates {
    receiver: tokio::sync::OnceCell<WebhookReceiver>,
    forwarder: std::sync::Mutex<Option<JoinHandle<()>>>,
    /// Told of every connection whose cache a delivery changed.
    notify: std::sync::Mutex<Option<Notify>>,
}

type Notify = std::sync::Arc<dyn Fn(String) + Send + Sync>;

impl Drop for LiveUpdates {
    fn drop(&mut self) {
        if let Some(task) = lock(&self.forwarder).take() {
            task.abort();
        }
    }
}

impl App {
    /// Turns live updates on or off for a connection. On needs the platform's `webhooks`
    /// permission: without it the answer is the code `scope_needed`, and Reconnect asks for it.
    pub async fn set_live_updates(
        &self,
        connection_id: String,
        on: bool,
    ) -> Result<AccountView, ApiError> {
        let id = ConnectionId(connection_id);
        let record = self
            .store
            .connection(&id)
            .await?
            .ok_or_else(|| ApiError::invalid_input("This account is no longer connected."))?;
        if on {
            if record.provider == ProviderKind::Intervals {
                return Err(ApiError::invalid_input(
                    "Intervals.icu does not send live updates; Offpeak checks it at every sync.",
                ));
            }
            if record.status != ConnectionStatus::Active {
                return Err(ApiError::invalid_input(
                    "Reconnect this account before turning on live updates.",
                ));
            }
            if !record.scopes.iter().any(|s| s.0 == SCOPE) {
                return Err(ApiError {
                    code: "scope_needed".into(),
                    message: format!(
                        "Live updates need {}'s “webhooks” permission. Reconnect and allow it.",
                        record.provider.display_name()
                    ),
                });
            }
            self.receiver().await?.enable(&id).await?;
        } else {
            self.receiver().await?.disable(&id).await?;
        }
        let record = self.store.connection(&id).await?.unwrap_or(record);
        self.account_view(record).await
    }

    /// Starts the receiver when a connection has live updates on, and renews subscriptions
    /// that point at another address. `notify` hears of each connection whose cache changed.
    pub(crate) async fn resume_live_updates(
        &self,
        notify: impl Fn(String) + Send + Sync + 'static,
    ) {
        *lock(&self.live_updates.notify) = Some(std::sync::Arc::new(notify));
        let connections = match self.store.connections().await {
            Ok(connections) => connections,
            Err(e) => return tracing::warn!("live updates not resumed: {e}"),
        };
        for record in connections {
            let subscription = match self.store.webhook_subscription(&record.id).await {
                Ok(Some(subscription)) if record.status == ConnectionStatus::Active => subscription,
                Ok(_) => continue,
                Err(e) => return tracing::warn!("live updates not resumed: {e}"),
            };
            let receiver = match self.receiver().await {
                Ok(receiver) => receiver,
                Err(e) => return tracing::warn!("live updates not resumed: {}", e.message),
            };
            if subscription.callback_url != receiver.callback_url(&record.id)
                && let Err(e) = receiver.enable(&record.id).await
            {
                tracing::warn!(connection = %record.id, "live updates not renewed: {}", e.message());
            }
        }
    }

    /// The receiver, started on first use.
    async fn receiver(&self) -> Result<&WebhookReceiver, ApiError> {
        let keychain = self.keychain()?;
        let live = &self.live_updates;
        live.receiver
            .get_or_try_init(|| async {
                let remembered = self
                    .store
                    .setting(PORT_SETTING)
                    .await?
                    .and_then(|port| port.parse::<u16>().ok())
                    .unwrap_or(0);
                let start = |port| {
                    WebhookReceiver::start(
                        keychain.syncer.clone(),
                        self.store.clone(),
                        keychain.vault.clone(),
                        SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
                    )
                };
                let receiver = match start(remembered).await {
                    Ok(receiver) => receiver,
                    // The port is taken: another one, and the subscriptions follow.
                    Err(_) if remembered != 0 => start(0).await.map_err(unstartable)?,
                    Err(e) => return Err(unstartable(e)),
                };
                let port = receiver.address().port();
                self.store
                    .set_setting(PORT_SETTING, &port.to_string())
                    .await?;
                *lock(&live.forwarder) = Some(forward(&receiver, live.notify_fn()));
                Ok(receiver)
            })
            .await
    }
}

impl LiveUpdates {
    fn notify_fn(&self) -> Notify {
        lock(&self.notify)
            .clone()
            .unwrap_or_else(|| std::sync::Arc::new(|_| {}))
    }
}

/// Hands each connection a delivery changed to `notify` until the task is aborted.
fn forward(receiver: &WebhookReceiver, notify: Notify) -> JoinHandle<()> {
    let mut synced = receiver.synced();
    tokio::spawn(async move {
        loop {
            match synced.recv().await {
                Ok(connection) => notify(connection.0),
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => break,
            }
        }
    })
}

fn unstartable(e: std::io::Error) -> ApiError {
    ApiError::internal(format!(
        "Offpeak could not listen for live updates on this computer ({e}). Syncing still works."
    ))
}

fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
#[path = "live_updates_tests.rs"]
mod tests;
