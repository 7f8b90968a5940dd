//! A sandbox on 127.0.0.1 and an app with a fresh cache and an in-memory keychain, signed in
//! through a "browser" that approves every consent page: the world of the app's own tests.

use crate::account_views::{AccountView, RegisterAppRequest};
use crate::app::App;
use crate::browser::Opener;
use crate::sync_views::{StreamsChoice, SyncSettingsView};
use chrono::Local;
use offpeak_sandbox::{
    DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, FaultPlan, RunningSandbox, SandboxConfig,
};
use offpeak_store::Store;
use offpeak_vault::Vault;
use std::sync::Arc;

/// A "browser" that approves every consent page it is shown.
pub(crate) fn approving_browser() -> Opener {
    Arc::new(|url: &str| {
        let url = url.to_owned();
        tokio::spawn(async move { offpeak_sandbox::approve(&url).await.unwrap() });
        Ok(())
    })
}

/// A sandbox, and an app with a fresh cache and keychain whose syncs fetch streams only when an
/// activity is opened (hundreds of rides' streams would only slow these tests down).
pub(crate) struct World {
    pub(crate) sandbox: RunningSandbox,
    pub(crate) app: App,
    _dir: tempfile::TempDir,
}

pub(crate) async fn world(faults: FaultPlan) -> World {
    let config = SandboxConfig {
        faults,
        ..SandboxConfig::demo(Local::now().date_naive())
    };
    let sandbox = RunningSandbox::start_local(config).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let app = App::with_parts(
        store,
        Ok(Vault::in_memory("offpeak-test")),
        approving_browser(),
    )
    .with_exports_dir(dir.path().join("Downloads"));
    app.save_sync_settings(SyncSettingsView {
        interval_minutes: 30,
        streams: StreamsChoice::OnDemand,
        months: 12,
    })
    .await
    .unwrap();
    World {
        sandbox,
        app,
        _dir: dir,
    }
}

impl World {
    pub(crate) fn cache_path(&self) -> std::path::PathBuf {
        self._dir.path().join("cache.sqlite")
    }

    pub(crate) fn exports_dir(&self) -> std::path::PathBuf {
        self._dir.path().join("Downloads")
    }

    pub(crate) async fn connect(&self) -> AccountView {
        let registration = self
            .app
            .register_app(RegisterAppRequest {
                provider: "velopeak".into(),
                origin: self.sandbox.origin(),
                client_id: DEMO_CLIENT_ID.into(),
                client_secret: DEMO_CLIENT_SECRET.into(),
                redirect_ports: String::new(),
            })
            .await
            .unwrap();
        self.app.login_oauth(registration.id).await.unwrap()
    }
}
