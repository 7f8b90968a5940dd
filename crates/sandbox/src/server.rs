//! Starting and stopping a sandbox, and the routes it serves.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::config::SandboxConfig;
use crate::data::Dataset;
use crate::grants::AuthStore;
use crate::{api, oauth, token};

/// Everything one server knows; shared by its handlers.
pub(crate) struct AppState {
    pub config: SandboxConfig,
    pub data: Dataset,
    pub clock: Clock,
    auth: Mutex<AuthStore>,
}

impl AppState {
    pub(crate) fn new(config: SandboxConfig) -> AppState {
        let data = Dataset::generate(config.seed, config.anchor);
        AppState {
            config,
            data,
            clock: Clock::default(),
            auth: Mutex::new(AuthStore::default()),
        }
    }

    /// The grant store. A handler that panicked while holding it left nothing half-written that
    /// matters more than staying up, so a poisoned lock is taken over.
    pub(crate) fn auth(&self) -> MutexGuard<'_, AuthStore> {
        self.auth.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub(crate) type Shared = Arc<AppState>;

fn router(state: Shared) -> Router {
    Router::new()
        .route(
            "/api/auth/oauth2/authorize",
            get(oauth::authorize_page).post(oauth::authorize_decision),
        )
        .route(
            "/api/auth/oauth2/token",
            axum::routing::post(token::token_endpoint),
        )
        .route("/api/v1/athlete", get(api::athlete))
        .route("/api/v1/workouts", get(api::workouts))
        .route("/api/v1/workouts/{id}", get(api::workout))
        .route("/api/v1/activities", get(api::activities))
        .route("/api/v1/activities/{id}", get(api::activity))
        .fallback(api::no_route)
        .with_state(state)
}

/// A sandbox serving on a local port, in a tokio task.
///
/// Dropping it stops the server task; [`RunningSandbox::shutdown`] also waits for in-flight
/// requests to finish.
pub struct RunningSandbox {
    origin: String,
    state: Shared,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl RunningSandbox {
    /// Binds `addr` (use `127.0.0.1:0` for a free port) and starts serving.
    pub async fn start(config: SandboxConfig, addr: SocketAddr) -> std::io::Result<RunningSandbox> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        let state: Shared = Arc::new(AppState::new(config));
        let app = router(state.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::error!("sandbox server stopped: {e}");
            }
        });
        Ok(RunningSandbox {
            origin: format!("http://{local}"),
            state,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn origin(&self) -> String {
        self.origin.clone()
    }

    /// Moves the server's clock forward, so that codes and tokens expire without waiting.
    pub fn advance_clock(&self, by: Duration) {
        self.state.clock.advance(by);
    }

    /// Stops accepting connections and waits (up to five seconds) for open requests to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
