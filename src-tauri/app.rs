//! The app's state and what its commands do, free of Tauri so it is tested without a window.

use crate::account_views::{AccountView, RegisterAppRequest};
use crate::browser::Opener;
use crate::error::ApiError;
use crate::live_updates::LiveUpdates;
use crate::syncing::Background;
use chrono::Local;
use offpeak_domain::ProviderKind;
use offpeak_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, RunningSandbox, SandboxConfig};
use offpeak_store::Store;
use offpeak_sync::{Syncer, paths};
use offpeak_vault::Vault;
use std::path::PathBuf;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// Everything the commands need, passed to them explicitly by Tauri's state.
pub struct App {
    pub(crate) store: Store,
    pub(crate) http: reqwest::Client,
    /// The keychain and the syncer that needs it — or why the keychain could not be opened, in
    /// which case the calendar still works from the cache and connecting or syncing says why not.
    keychain: Result<Keychain, ApiError>,
    pub(crate) opener: Opener,
    /// The sign-in waiting for the browser, so the person can cancel it.
    pub(crate) login: std::sync::Mutex<Option<CancellationToken>>,
    /// The demo server, once "Try with demo data" has started it.
    demo: tokio::sync::Mutex<Option<RunningSandbox>>,
    /// The background schedule and the progress events, while the window is open.
    pub(crate) background: std::sync::Mutex<Option<Background>>,
    /// The receiver of live updates, once a connection has them on.
    pub(crate) live_updates: LiveUpdates,
    /// Where exports are written (the person's Downloads folder).
    pub(crate) exports_dir: PathBuf,
}

/// What needs the keychain. The one syncer of the app: the commands, the background schedule
/// and the progress events share it, so they see the same syncs, cancels and progress.
pub(crate) struct Keychain {
    pub(crate) vault: Vault,
    pub(crate) syncer: Arc<Syncer>,
}

impl App {
    /// Opens the cache in `data_dir` and the system keychain. A keychain that cannot be opened
    /// does not stop the app: the cached calendar stays readable.
    pub async fn open(
        data_dir: PathBuf,
        exports_dir: PathBuf,
        opener: Opener,
    ) -> Result<App, ApiError> {
        let store = Store::open(&paths::cache_file(&data_dir)).await?;
        let vault = Vault::system(offpeak_sync::KEYCHAIN_SERVICE)
            .await
            .map_err(|e| {
                tracing::warn!("the keychain is unavailable: {e}");
                ApiError::from(offpeak_sync::SyncError::from(e))
            });
        Ok(App::with_parts(store, vault, opener).with_exports_dir(exports_dir))
    }

    pub fn with_parts(store: Store, vault: Result<Vault, ApiError>, opener: Opener) -> App {
        let http = offpeak_provider::http_client();
        let keychain = vault.map(|vault| Keychain {
            syncer: Arc::new(Syncer::new(store.clone(), vault.clone(), http.clone())),
            vault,
        });
        App {
            store,
            http,
            keychain,
            opener,
            login: std::sync::Mutex::new(None),
            demo: tokio::sync::Mutex::new(None),
            background: std::sync::Mutex::new(None),
            live_updates: LiveUpdates::default(),
            exports_dir: std::env::temp_dir().join("offpeak-exports"),
        }
    }

    /// Writes exports to `dir` instead.
    pub fn with_exports_dir(mut self, dir: PathBuf) -> App {
        self.exports_dir = dir;
        self
    }

    pub(crate) fn keychain(&self) -> Result<&Keychain, ApiError> {
        self.keychain.as_ref().map_err(Clone::clone)
    }

    /// Starts the demo server on 127.0.0.1 (once) and connects to it through the same browser
    /// sign-in as any platform.
    pub async fn start_demo(&self) -> Result<AccountView, ApiError> {
        let origin = {
            let mut demo = self.demo.lock().await;
            if demo.is_none() {
                let config = SandboxConfig::demo(Local::now().date_naive());
                let server = RunningSandbox::start_local(config).await.map_err(|e| {
                    ApiError::internal(format!("The demo server could not start: {e}."))
                })?;
                *demo = Some(server);
            }
            demo.as_ref()
                .map(RunningSandbox::origin)
                .unwrap_or_default()
        };
        let registration = self
            .register_app(RegisterAppRequest {
                provider: ProviderKind::Velopeak.as_str().into(),
                origin,
                client_id: DEMO_CLIENT_ID.into(),
                client_secret: DEMO_CLIENT_SECRET.into(),
                redirect_ports: String::new(),
            })
            .await?;
        self.login_oauth(registration.id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account_views::RegistrationView;
    use crate::calendar_views::{CalendarRequest, CalendarSpan};

    fn no_browser() -> Opener {
        Arc::new(|_: &str| Err("no browser in this test".to_owned()))
    }

    #[tokio::test]
    async fn without_a_keychain_the_calendar_opens_and_syncing_says_why_not() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
        let unavailable = ApiError {
            code: "keychain".into(),
            message: "The system keychain is not available.".into(),
        };
        let app = App::with_parts(store, Err(unavailable), no_browser());

        // Nothing cached yet: the calendar says so instead of failing on the keychain.
        let empty = app.calendar(month_request("2026-11")).await.unwrap_err();
        assert_eq!(empty.code, "not_found");
        assert!(app.list_accounts().await.unwrap().is_empty());
        let err = app.sync_now("c_1".into()).await.unwrap_err();
        assert_eq!(err.code, "keychain");
        let request = RegisterAppRequest {
            provider: "velopeak".into(),
            origin: "https://velo-peak.com".into(),
            client_id: "x".into(),
            client_secret: "s".into(),
            redirect_ports: String::new(),
        };
        assert_eq!(
            app.register_app(request).await.unwrap_err().code,
            "keychain"
        );
    }

    #[tokio::test]
    async fn a_malformed_month_is_an_input_error() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
        let app = App::with_parts(store, Ok(Vault::in_memory("offpeak-test")), no_browser());
        let err = app.calendar(month_request("November")).await.unwrap_err();
        assert_eq!(err.code, "invalid_input");
        assert!(err.message.contains("YYYY-MM"));
    }

    fn month_request(key: &str) -> CalendarRequest {
        CalendarRequest {
            athlete: None,
            span: CalendarSpan::Month,
            key: Some(key.into()),
        }
    }

    /// A demo server and this app registered with it.
    async fn demo_registration(app: &App) -> (RunningSandbox, RegistrationView) {
        let config = SandboxConfig::demo(Local::now().date_naive());
        let server = RunningSandbox::start_local(config).await.unwrap();
        let registration = app
            .register_app(RegisterAppRequest {
                provider: "velopeak".into(),
                origin: server.origin(),
                client_id: DEMO_CLIENT_ID.into(),
                client_secret: DEMO_CLIENT_SECRET.into(),
                redirect_ports: String::new(),
            })
            .await
            .unwrap();
        (server, registration)
    }

    #[tokio::test]
    async fn cancel_stops_the_sign_in_that_waits_for_the_browser() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
        let (opened_tx, mut opened_rx) = tokio::sync::mpsc::unbounded_channel();
        let opener: Opener = Arc::new(move |url: &str| {
            opened_tx.send(url.to_owned()).unwrap();
            Ok(())
        });
        let app = Arc::new(App::with_parts(
            store,
            Ok(Vault::in_memory("offpeak-test")),
            opener,
        ));
        let (_server, registration) = demo_registration(&app).await;
        let waiting = tokio::spawn({
            let app = app.clone();
            async move { app.login_oauth(registration.id).await }
        });
        let url = opened_rx.recv().await.unwrap();
        assert!(url.contains("code_challenge_method=S256"));
        app.cancel_login();
        let err = waiting.await.unwrap().unwrap_err();
        assert_eq!(err.code, "auth_cancelled");
        assert!(
            err.message.contains("nothing was connected"),
            "{}",
            err.message
        );
        assert!(app.list_accounts().await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_browser_that_will_not_open_is_explained() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
        let app = App::with_parts(store, Ok(Vault::in_memory("offpeak-test")), no_browser());
        let (_server, registration) = demo_registration(&app).await;
        let err = app.login_oauth(registration.id).await.unwrap_err();
        assert_eq!(err.code, "invalid_input");
        assert!(
            err.message.contains("could not open your web browser"),
            "{}",
            err.message
        );
    }
}
