//! The app's state and what its commands do, free of Tauri so it is tested without a window.

use crate::browser::Opener;
use crate::calendar_view;
use crate::error::ApiError;
use crate::views::{CalendarMonth, ConnectRequest, ConnectionView, SyncReport};
use chrono::Local;
use offpeak_domain::{ConnectionId, Month, Sensitive};
use offpeak_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, RunningSandbox, SandboxConfig};
use offpeak_store::Store;
use offpeak_sync::{Syncer, connect_velopeak, paths};
use offpeak_vault::Vault;
use std::path::PathBuf;

/// Everything the commands need, passed to them explicitly by Tauri's state.
pub struct App {
    store: Store,
    vault: Vault,
    http: reqwest::Client,
    syncer: Syncer,
    opener: Opener,
    /// The demo server, once "Try with demo data" has started it.
    demo: tokio::sync::Mutex<Option<RunningSandbox>>,
}

impl App {
    /// Opens the cache in `data_dir` and the system keychain.
    pub async fn open(data_dir: PathBuf, opener: Opener) -> Result<App, ApiError> {
        let store = Store::open(&paths::cache_file(&data_dir)).await?;
        let vault = Vault::system(offpeak_sync::KEYCHAIN_SERVICE)
            .await
            .map_err(offpeak_sync::SyncError::from)?;
        Ok(App::with_parts(store, vault, opener))
    }

    pub fn with_parts(store: Store, vault: Vault, opener: Opener) -> App {
        let http = offpeak_provider::http_client();
        let syncer = Syncer::new(store.clone(), vault.clone(), http.clone());
        App {
            store,
            vault,
            http,
            syncer,
            opener,
            demo: tokio::sync::Mutex::new(None),
        }
    }

    pub async fn list_connections(&self) -> Result<Vec<ConnectionView>, ApiError> {
        Ok(self
            .store
            .connections()
            .await?
            .into_iter()
            .map(ConnectionView::from)
            .collect())
    }

    pub async fn connect_velopeak(
        &self,
        request: ConnectRequest,
    ) -> Result<ConnectionView, ApiError> {
        let secret = Some(request.client_secret)
            .filter(|s| !s.trim().is_empty())
            .map(Sensitive::new);
        let request = offpeak_sync::ConnectRequest {
            origin: request.origin,
            client_id: request.client_id,
            client_secret: secret,
        };
        self.connect(request).await
    }

    /// Starts the demo server on 127.0.0.1 (once) and connects to it through the same browser
    /// sign-in as any platform.
    pub async fn start_demo(&self) -> Result<ConnectionView, ApiError> {
        let origin = {
            let mut demo = self.demo.lock().await;
            if demo.is_none() {
                let config = SandboxConfig::demo(Local::now().date_naive());
                let server = RunningSandbox::start(config, ([127, 0, 0, 1], 0).into())
                    .await
                    .map_err(|e| {
                        ApiError::internal(format!("The demo server could not start: {e}."))
                    })?;
                *demo = Some(server);
            }
            demo.as_ref()
                .map(RunningSandbox::origin)
                .unwrap_or_default()
        };
        let request = offpeak_sync::ConnectRequest {
            origin,
            client_id: DEMO_CLIENT_ID.into(),
            client_secret: Some(Sensitive::new(DEMO_CLIENT_SECRET.into())),
        };
        self.connect(request).await
    }

    async fn connect(
        &self,
        request: offpeak_sync::ConnectRequest,
    ) -> Result<ConnectionView, ApiError> {
        let opener = self.opener.clone();
        let record = connect_velopeak(
            &self.store,
            &self.vault,
            &self.http,
            request,
            None,
            move |url| opener(url),
        )
        .await?;
        Ok(record.into())
    }

    pub async fn sync_now(&self, connection_id: String) -> Result<SyncReport, ApiError> {
        Ok(self.syncer.sync(&ConnectionId(connection_id)).await?.into())
    }

    /// A month from the cache only; `None` is the month containing today.
    pub async fn calendar_month(&self, month: Option<String>) -> Result<CalendarMonth, ApiError> {
        let today = Local::now().date_naive();
        let month = match month {
            Some(text) => text
                .parse::<Month>()
                .map_err(|e| ApiError::invalid_input(e.to_string()))?,
            None => Month::containing(today),
        };
        let grid = month.grid();
        let workouts = self.store.workouts_between(grid.start, grid.end).await?;
        let activities = self.store.activities_between(grid.start, grid.end).await?;
        Ok(calendar_view::month_view(
            month,
            today,
            &workouts,
            &activities,
        ))
    }
}
