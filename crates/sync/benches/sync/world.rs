//! Where the benchmark runs: a sandbox serving the decade data set on 127.0.0.1:0 with rate
//! limits that never bind, and for each person syncing a fresh cache file in a temporary folder,
//! an in-memory keychain, and an account connected through the real OAuth flow (the consent page
//! answered as a person would, the code received by the app's loopback listener).

use chrono::NaiveDate;
use offpeak_domain::Sensitive;
use offpeak_sandbox::{
    DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DatasetSize, RateLimits, RunningSandbox, SandboxConfig,
};
use offpeak_store::{ConnectionRecord, Store};
use offpeak_sync::{LoginControl, RegistrationInput, StreamsPolicy, SyncSettings};
use offpeak_vault::Vault;
use std::path::PathBuf;
use std::time::Duration;

/// Limits no sync of ten years reaches: the benchmark measures the sync, not its waits.
pub const UNBINDING_LIMITS: RateLimits = RateLimits {
    per_window: u32::MAX,
    window: Duration::from_secs(10),
    per_day: u32::MAX,
};

/// The decade data set around `today`, with limits that never bind.
pub async fn sandbox(today: NaiveDate) -> RunningSandbox {
    let config = SandboxConfig {
        dataset: DatasetSize::Decade,
        rate_limits: UNBINDING_LIMITS,
        ..SandboxConfig::demo(today)
    };
    RunningSandbox::start_local(config)
        .await
        .expect("the sandbox starts on loopback")
}

/// One person's side: a fresh cache, a keychain and a connected account.
pub struct Device {
    /// Removed with the device.
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub vault: Vault,
    pub connection: ConnectionRecord,
}

impl Device {
    /// A fresh cache whose streams policy is `streams`, connected to `sandbox` by OAuth.
    pub async fn connect(sandbox: &RunningSandbox, streams: StreamsPolicy) -> Device {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = Store::open(&dir.path().join("cache.sqlite"))
            .await
            .expect("a fresh cache opens");
        SyncSettings {
            streams,
            ..SyncSettings::default()
        }
        .save(&store)
        .await
        .expect("settings are saved");
        let vault = Vault::in_memory("offpeak-bench");
        let http = offpeak_provider::http_client();
        let registration = offpeak_sync::register_app(
            &store,
            &vault,
            RegistrationInput {
                provider: offpeak_domain::ProviderKind::Velopeak,
                origin: sandbox.origin(),
                client_id: DEMO_CLIENT_ID.into(),
                client_secret: Some(Sensitive::new(DEMO_CLIENT_SECRET.to_owned())),
                redirect_ports: Vec::new(),
            },
        )
        .await
        .expect("the app registers")
        .id;
        let connection = offpeak_sync::connect_oauth(
            &store,
            &vault,
            &http,
            &registration,
            LoginControl::default(),
            |url| {
                let url = url.to_owned();
                tokio::spawn(async move {
                    offpeak_sandbox::approve(&url)
                        .await
                        .expect("the consent page works")
                });
                Ok(())
            },
        )
        .await
        .expect("the OAuth flow connects");
        Device {
            dir,
            store,
            vault,
            connection,
        }
    }

    /// The access token the keychain holds for the connection.
    pub async fn access_token(&self) -> String {
        let name = format!("connection/{}/tokens", self.connection.id);
        let json = self
            .vault
            .get(&name)
            .await
            .expect("the keychain answers")
            .expect("tokens in the keychain");
        let tokens: serde_json::Value =
            serde_json::from_str(json.expose()).expect("tokens are JSON");
        tokens["access_token"]
            .as_str()
            .expect("an access token")
            .to_owned()
    }

    pub fn cache_file(&self) -> PathBuf {
        self.dir.path().join("cache.sqlite")
    }
}
