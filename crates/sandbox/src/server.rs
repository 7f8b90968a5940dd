//! Starting and stopping a sandbox, the state its handlers share, and the routes of each
//! variant.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;

use crate::api_keys::ApiKeys;
use crate::catalog::{Catalog, Change};
use crate::clock::Clock;
use crate::config::{SandboxConfig, Variant};
use crate::data::{Activity, Athlete, Dataset, Workout, streams};
use crate::faults::Faults;
use crate::grants::{AuthStore, GrantId};
use crate::rate_limit::RateLimiter;
use crate::{
    api, control, etag, faults, intervals, metadata, oauth, rate_limit, revoke, settings, token,
    webhooks,
};

/// Something webhooks may have to tell an app.
#[derive(Debug, Clone)]
pub(crate) enum Event {
    Changed(Change),
    /// The person revoked an app's access (or the app revoked its own grant).
    Deauthorized {
        client_id: String,
        athlete_id: String,
    },
}

/// Everything one server knows; shared by its handlers.
pub(crate) struct AppState {
    pub config: SandboxConfig,
    pub clock: Clock,
    pub faults: Faults,
    pub limiter: RateLimiter,
    pub webhooks: webhooks::Registry,
    catalog: RwLock<Catalog>,
    auth: Mutex<AuthStore>,
    api_keys: Mutex<ApiKeys>,
    origin: OnceLock<String>,
    events: mpsc::UnboundedSender<Event>,
}

/// Takes over a lock whose holder panicked: a handler that failed halfway left nothing that
/// matters more than the server staying up.
fn recover<T>(result: Result<T, std::sync::PoisonError<T>>) -> T {
    result.unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    pub(crate) fn new(config: SandboxConfig) -> (AppState, mpsc::UnboundedReceiver<Event>) {
        let data = Dataset::generate(config.seed, config.anchor, config.dataset);
        let (events, receiver) = mpsc::unbounded_channel();
        let state = AppState {
            clock: Clock::default(),
            faults: Faults::new(config.faults.clone()),
            limiter: RateLimiter::default(),
            webhooks: webhooks::Registry::default(),
            catalog: RwLock::new(Catalog::new(data)),
            auth: Mutex::new(AuthStore::default()),
            api_keys: Mutex::new(ApiKeys::default()),
            origin: OnceLock::new(),
            events,
            config,
        };
        (state, receiver)
    }

    pub(crate) fn auth(&self) -> MutexGuard<'_, AuthStore> {
        recover(self.auth.lock())
    }

    pub(crate) fn api_keys(&self) -> MutexGuard<'_, ApiKeys> {
        recover(self.api_keys.lock())
    }

    pub(crate) fn catalog(&self) -> RwLockReadGuard<'_, Catalog> {
        recover(self.catalog.read())
    }

    pub(crate) fn catalog_mut(&self) -> RwLockWriteGuard<'_, Catalog> {
        recover(self.catalog.write())
    }

    /// `http://127.0.0.1:PORT`: the issuer and the base of every absolute URL.
    pub(crate) fn origin(&self) -> String {
        self.origin.get().cloned().unwrap_or_default()
    }

    /// Tells webhooks about a change.
    pub(crate) fn publish(&self, change: Change) {
        let _ = self.events.send(Event::Changed(change));
    }

    /// A grant ended (revoked by the person, by the app, or for a replayed token): tells the
    /// app's webhooks.
    pub(crate) fn grant_ended(&self, grant: GrantId) {
        let ended = self
            .auth()
            .grant(grant)
            .map(|g| (g.client_id.clone(), g.athlete_id.clone()));
        if let Some((client_id, athlete_id)) = ended {
            let _ = self.events.send(Event::Deauthorized {
                client_id,
                athlete_id,
            });
        }
    }

    /// What generating `activity`'s streams needs, copied out of `data` so that the generation
    /// (milliseconds for a long ride) runs after the catalog's lock is released.
    pub(crate) fn stream_job(&self, data: &Dataset, activity: &Activity) -> StreamJob {
        StreamJob {
            seed: self.config.seed,
            activity: activity.clone(),
            athlete: data.athlete(&activity.athlete_id).cloned(),
            plan: activity
                .planned_workout_id
                .as_deref()
                .and_then(|id| data.workout(id))
                .cloned(),
        }
    }
}

pub(crate) type Shared = Arc<AppState>;

/// An activity whose streams are to be generated, with its athlete and plan.
pub(crate) struct StreamJob {
    seed: u64,
    activity: Activity,
    athlete: Option<Athlete>,
    plan: Option<Workout>,
}

impl StreamJob {
    /// The streams as the contract's JSON; `types` the activity lacks are left out.
    pub(crate) fn to_json(&self, types: &[&str]) -> String {
        let activity = &self.activity;
        let Some(athlete) = &self.athlete else {
            return streams::Streams::default().to_json(&activity.id, types);
        };
        let context = streams::StreamContext {
            seed: self.seed,
            athlete,
            plan: self.plan.as_ref(),
            home: activity.start_latlng.unwrap_or(athlete.home),
        };
        streams::generate(activity, &context).to_json(&activity.id, types)
    }
}

fn velopeak_routes(variant: Variant) -> Router<Shared> {
    let (authorize, token_path, revoke_path) = metadata::paths(variant);
    let router = Router::new()
        .route(
            "/.well-known/oauth-authorization-server",
            get(metadata::metadata),
        )
        .route(
            authorize,
            get(oauth::authorize_page).post(oauth::authorize_decision),
        )
        .route(token_path, post(token::token_endpoint))
        .route(revoke_path, post(revoke::revoke_endpoint))
        .route("/api/v1/athlete", get(api::athlete))
        .route("/api/v1/athletes", get(api::athletes))
        .route("/api/v1/activities", get(api::activities))
        .route("/api/v1/activities/{id}", get(api::activity))
        .route(
            "/api/v1/activities/{id}/streams",
            get(api::activity_streams),
        )
        .merge(webhooks::routes());
    if variant == Variant::Velocity {
        router
            .route(
                "/api/v1/workouts",
                get(api::workouts).post(api::create_workout),
            )
            .route(
                "/api/v1/workouts/{id}",
                get(api::workout).delete(api::delete_workout),
            )
            .merge(settings::api_key_routes())
    } else {
        router
            .route("/api/v1/workouts", get(api::workouts))
            .route("/api/v1/workouts/{id}", get(api::workout))
    }
}

fn router(state: Shared) -> Router {
    let variant = state.config.variant;
    let routes = match variant {
        Variant::VeloPeak | Variant::Velocity => velopeak_routes(variant),
        Variant::Intervals => intervals::routes(),
    };
    routes
        .merge(settings::connected_app_routes())
        .merge(control::routes())
        .fallback(api::no_route)
        .layer(axum::middleware::from_fn(etag::etag))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            rate_limit::limit,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        // Dynamic bodies get the fastest level, as busy API servers use: the default level
        // takes several times as long on a six-hour ride's streams for few bytes less.
        .layer(
            CompressionLayer::new()
                .gzip(true)
                .no_br()
                .no_deflate()
                .no_zstd()
                .quality(CompressionLevel::Fastest),
        )
        .with_state(state)
}

/// A sandbox serving on a local port, in a tokio task.
///
/// Dropping it stops the server task; [`RunningSandbox::shutdown`] also waits for in-flight
/// requests to finish.
pub struct RunningSandbox {
    origin: String,
    pub(crate) state: Shared,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    dispatcher: Option<JoinHandle<()>>,
}

impl RunningSandbox {
    /// Binds `addr` (use `127.0.0.1:0` for a free port), builds the data set and starts serving.
    /// Starts on `127.0.0.1` with a port the OS picks: what tests, benchmarks and the demo use.
    pub async fn start_local(config: SandboxConfig) -> std::io::Result<RunningSandbox> {
        RunningSandbox::start(config, ([127, 0, 0, 1], 0).into()).await
    }

    pub async fn start(config: SandboxConfig, addr: SocketAddr) -> std::io::Result<RunningSandbox> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        let (state, events) = tokio::task::spawn_blocking(move || AppState::new(config))
            .await
            .map_err(std::io::Error::other)?;
        let state: Shared = Arc::new(state);
        let origin = format!("http://{local}");
        let _ = state.origin.set(origin.clone());
        let app = router(state.clone());
        let dispatcher = tokio::spawn(webhooks::dispatch(state.clone(), events));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::error!("sandbox server stopped: {e}");
            }
        });
        Ok(RunningSandbox {
            origin,
            state,
            stop: Some(stop),
            task: Some(task),
            dispatcher: Some(dispatcher),
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
        if let Some(dispatcher) = self.dispatcher.take() {
            dispatcher.abort();
        }
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
        if let Some(dispatcher) = self.dispatcher.take() {
            dispatcher.abort();
        }
    }
}
