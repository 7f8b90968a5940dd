//! The world the sync tests run in: a sandbox on 127.0.0.1:0, a fresh cache file, an in-memory
//! keychain, and a scripted person who answers the consent page in the "browser".
#![allow(dead_code)]

pub mod compare;
pub mod truth;

use chrono::NaiveDate;
use offpeak_domain::{ProviderKind, Sensitive};
use offpeak_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, RunningSandbox, SandboxConfig, Variant};
use offpeak_store::{ConnectionRecord, Store};
use offpeak_sync::{DisconnectOutcome, LoginControl, RegistrationInput, SyncError, Syncer};
use offpeak_vault::Vault;

pub const ANCHOR: &str = "2026-11-23";

pub struct World {
    pub dir: tempfile::TempDir,
    pub sandbox: RunningSandbox,
    pub store: Store,
    pub vault: Vault,
    pub http: reqwest::Client,
}

pub fn anchor() -> NaiveDate {
    ANCHOR.parse().unwrap()
}

/// The engine's "today" (the local date): tests about which dates a sync reads first, or which
/// activities get streams, anchor their data set here.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A sandbox playing `variant` with the `dataset` around today, without rate limits.
pub fn today_config(variant: Variant, dataset: offpeak_sandbox::DatasetSize) -> SandboxConfig {
    roomy(SandboxConfig {
        dataset,
        ..SandboxConfig::for_variant(variant, today())
    })
}

pub async fn world_with(config: SandboxConfig) -> World {
    let sandbox = RunningSandbox::start_local(config).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
    // Streams only when an activity is opened, unless a test says otherwise: most tests are
    // about summaries, and hundreds of rides' streams would only slow them down.
    offpeak_sync::SyncSettings {
        streams: offpeak_sync::StreamsPolicy::OnDemand,
        ..offpeak_sync::SyncSettings::default()
    }
    .save(&store)
    .await
    .unwrap();
    World {
        dir,
        sandbox,
        store,
        vault: Vault::in_memory("offpeak-test"),
        http: offpeak_provider::http_client(),
    }
}

/// `config` with rate limits no test reaches, for tests about something else.
pub fn roomy(config: SandboxConfig) -> SandboxConfig {
    SandboxConfig {
        rate_limits: offpeak_sandbox::RateLimits {
            per_window: 100_000,
            window: std::time::Duration::from_secs(10),
            per_day: 10_000_000,
        },
        ..config
    }
}

pub async fn world() -> World {
    world_with(SandboxConfig::demo(anchor())).await
}

pub async fn world_of(variant: Variant) -> World {
    world_with(SandboxConfig::for_variant(variant, anchor())).await
}

impl World {
    pub fn syncer(&self) -> Syncer {
        Syncer::new(self.store.clone(), self.vault.clone(), self.http.clone())
    }

    /// Streams only when an activity is opened: most tests are about summaries, and generating
    /// hundreds of rides' streams would only slow them down.
    pub async fn streams_on_demand(&self) {
        offpeak_sync::SyncSettings {
            streams: offpeak_sync::StreamsPolicy::OnDemand,
            ..offpeak_sync::SyncSettings::default()
        }
        .save(&self.store)
        .await
        .unwrap();
    }

    /// Registers this app on the sandbox (VeloPeak: the demo confidential app).
    pub async fn register(
        &self,
        provider: ProviderKind,
        client_id: &str,
        secret: Option<&str>,
    ) -> String {
        offpeak_sync::register_app(
            &self.store,
            &self.vault,
            RegistrationInput {
                provider,
                origin: self.sandbox.origin(),
                client_id: client_id.into(),
                client_secret: secret.map(|s| Sensitive::new(s.to_owned())),
                redirect_ports: Vec::new(),
            },
        )
        .await
        .unwrap()
        .id
    }

    pub async fn register_velopeak(&self) -> String {
        self.register(
            ProviderKind::Velopeak,
            DEMO_CLIENT_ID,
            Some(DEMO_CLIENT_SECRET),
        )
        .await
    }

    /// Signs in with `registration`, the person answering as `person` does.
    pub async fn login_as<F>(
        &self,
        registration: &str,
        person: F,
    ) -> Result<ConnectionRecord, SyncError>
    where
        F: FnOnce(&str) -> Result<(), String>,
    {
        offpeak_sync::connect_oauth(
            &self.store,
            &self.vault,
            &self.http,
            registration,
            LoginControl::default(),
            person,
        )
        .await
    }

    /// Registers the demo VeloPeak app and signs in, the person approving.
    pub async fn connect(&self) -> ConnectionRecord {
        let registration = self.register_velopeak().await;
        self.login_as(&registration, approving_person)
            .await
            .unwrap()
    }

    /// Registers the demo VeloPeak app and signs in asking for live updates too.
    pub async fn connect_with_webhooks(&self) -> ConnectionRecord {
        let registration = self.register_velopeak().await;
        let control = LoginControl {
            webhooks: true,
            ..LoginControl::default()
        };
        offpeak_sync::connect_oauth(
            &self.store,
            &self.vault,
            &self.http,
            &registration,
            control,
            approving_person,
        )
        .await
        .unwrap()
    }

    /// The access and refresh tokens the keychain holds for `c`.
    pub async fn stored_tokens(&self, c: &ConnectionRecord) -> (String, String) {
        let json = self
            .vault
            .get(&format!("connection/{}/tokens", c.id))
            .await
            .unwrap()
            .expect("tokens in the keychain");
        let v: serde_json::Value = serde_json::from_str(json.expose()).unwrap();
        let token = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
        (token("access_token"), token("refresh_token"))
    }

    /// Connects Intervals.icu on `origin` with a personal API key.
    pub async fn connect_key(
        &self,
        origin: &str,
        key: &str,
        athlete: &str,
    ) -> Result<ConnectionRecord, SyncError> {
        offpeak_sync::connect_api_key(
            &self.store,
            &self.vault,
            &self.http,
            offpeak_sync::ApiKeyInput {
                provider: ProviderKind::Intervals,
                origin: origin.to_owned(),
                api_key: Sensitive::new(key.to_owned()),
                athlete_id: athlete.to_owned(),
            },
        )
        .await
    }

    /// Connects Intervals.icu with the demo key of the data set's owner.
    pub async fn connect_intervals_key(&self) -> ConnectionRecord {
        self.connect_key(
            &self.sandbox.origin(),
            offpeak_sandbox::DEMO_INTERVALS_KEY,
            "",
        )
        .await
        .unwrap()
    }

    /// Registers the Intervals.icu app and signs in through the browser, every scope granted.
    pub async fn connect_intervals_oauth(&self) -> ConnectionRecord {
        let registration = self
            .register(
                ProviderKind::Intervals,
                DEMO_CLIENT_ID,
                Some(DEMO_CLIENT_SECRET),
            )
            .await;
        self.login_as(&registration, approving_person)
            .await
            .unwrap()
    }

    /// Disconnects `c`, keeping or purging its cache.
    pub async fn disconnect(&self, c: &ConnectionRecord, purge: bool) -> DisconnectOutcome {
        offpeak_sync::disconnect(
            &self.store,
            &self.vault,
            &self.http,
            self.syncer().tokens(),
            &c.id,
            purge,
        )
        .await
        .unwrap()
    }

    /// The secret strings the keychain holds for a connection (tokens JSON or API key).
    pub async fn secrets_of(&self, connection: &ConnectionRecord) -> Vec<String> {
        let mut found = Vec::new();
        for name in ["tokens", "api-key", "client-secret"] {
            if let Some(secret) = self
                .vault
                .get(&format!("connection/{}/{name}", connection.id))
                .await
                .unwrap()
            {
                found.push(secret.expose().clone());
            }
        }
        found
    }
}

/// Opens the "browser": a task that approves the consent page as the person would.
pub fn approving_person(url: &str) -> Result<(), String> {
    let url = url.to_owned();
    tokio::spawn(async move {
        offpeak_sandbox::approve(&url)
            .await
            .expect("the consent page works")
    });
    Ok(())
}

/// A person who refuses on the consent page.
pub fn denying_person(url: &str) -> Result<(), String> {
    let url = url.to_owned();
    tokio::spawn(async move { offpeak_sandbox::deny(&url).await.unwrap() });
    Ok(())
}

/// Another sandbox, to stand in after a test stopped the one its connection points at.
pub async fn idle_sandbox() -> RunningSandbox {
    RunningSandbox::start_local(SandboxConfig::demo(anchor()))
        .await
        .unwrap()
}
