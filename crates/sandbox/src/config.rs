//! What a sandbox is started with: which server it plays, the data set, the registered apps,
//! the rate limits and the faults to inject.

use std::time::Duration;

use chrono::NaiveDate;

use crate::data::DatasetSize;
use crate::faults::FaultPlan;

/// The client id of the demo app registration ([`RegisteredClient::demo`]).
pub const DEMO_CLIENT_ID: &str = "offpeak-demo";
/// The client secret of the demo app registration ([`RegisteredClient::demo`]).
pub const DEMO_CLIENT_SECRET: &str = "offpeak-demo-secret";
/// The Intervals.icu personal API key of the data set's owner in the demo configuration.
pub const DEMO_INTERVALS_KEY: &str = "3f9c0a1b2d4e5f60718293a4b5c6d7e8";

/// Which platform the server plays. Chosen at start: their OAuth endpoints overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Variant {
    /// The VeloPeak contract: form-encoded token requests, confidential apps.
    #[default]
    VeloPeak,
    /// The Velocity-style profile: `/oauth/consent`, JSON token bodies, public clients, `vel_`
    /// API keys with a workspace slug.
    Velocity,
    /// The Intervals.icu surface: Basic `API_KEY` auth, athlete `0`, date windows.
    Intervals,
}

impl Variant {
    pub const ALL: [Variant; 3] = [Variant::VeloPeak, Variant::Velocity, Variant::Intervals];

    pub fn as_str(self) -> &'static str {
        match self {
            Variant::VeloPeak => "velopeak",
            Variant::Velocity => "velocity",
            Variant::Intervals => "intervals",
        }
    }

    pub fn parse(s: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Per-token request limits (the VeloPeak contract: 100 per 10 seconds, 20,000 a day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    pub per_window: u32,
    pub window: Duration,
    pub per_day: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            per_window: 100,
            window: Duration::from_secs(10),
            per_day: 20_000,
        }
    }
}

/// Everything a sandbox needs to start.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    pub variant: Variant,
    /// Seeds the data set: same seed, anchor and size, same bytes.
    pub seed: u64,
    /// "Today" for the data set: activities never come after it, the plan runs past it.
    pub anchor: NaiveDate,
    pub dataset: DatasetSize,
    /// The apps allowed to ask for authorization.
    pub clients: Vec<RegisteredClient>,
    pub rate_limits: RateLimits,
    /// Faults injected from the start; the control endpoint can change them later.
    pub faults: FaultPlan,
    /// The first wait before a failed webhook delivery is retried; doubled at each retry.
    pub webhook_backoff: Duration,
    /// Intervals.icu personal API keys, as (athlete id, key).
    pub intervals_keys: Vec<(String, String)>,
}

impl SandboxConfig {
    /// The VeloPeak server with seed 42, the demo data set around `anchor`, the demo app as the
    /// only client, and no faults.
    pub fn demo(anchor: NaiveDate) -> SandboxConfig {
        SandboxConfig {
            variant: Variant::VeloPeak,
            seed: 42,
            anchor,
            dataset: DatasetSize::Demo,
            clients: vec![RegisteredClient::demo()],
            rate_limits: RateLimits::default(),
            faults: FaultPlan::default(),
            webhook_backoff: Duration::from_secs(1),
            intervals_keys: Vec::new(),
        }
    }

    /// The same, playing `variant` with its usual app registration.
    pub fn for_variant(variant: Variant, anchor: NaiveDate) -> SandboxConfig {
        let client = match variant {
            Variant::VeloPeak => RegisteredClient::demo(),
            Variant::Velocity => RegisteredClient::public_demo(),
            Variant::Intervals => RegisteredClient::intervals_demo(),
        };
        SandboxConfig {
            variant,
            clients: vec![client],
            ..SandboxConfig::demo(anchor)
        }
    }

    pub(crate) fn client(&self, client_id: &str) -> Option<&RegisteredClient> {
        self.clients.iter().find(|c| c.client_id == client_id)
    }
}

/// An app registered with the authorization server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredClient {
    pub client_id: String,
    /// `None` registers a public client (no secret at the token endpoint).
    pub client_secret: Option<String>,
    /// Exact redirect URIs; a loopback one (`http://127.0.0.1/…`, `http://[::1]/…`) matches any port.
    pub redirect_uris: Vec<String>,
    /// Shown on the consent page.
    pub name: String,
}

impl RegisteredClient {
    /// The Offpeak desktop app as registered with the sandbox: confidential, loopback redirects.
    pub fn demo() -> Self {
        RegisteredClient {
            client_id: DEMO_CLIENT_ID.to_string(),
            client_secret: Some(DEMO_CLIENT_SECRET.to_string()),
            redirect_uris: vec![
                "http://127.0.0.1/callback".to_string(),
                "http://[::1]/callback".to_string(),
            ],
            name: "Offpeak".to_string(),
        }
    }

    /// The same app registered as a public client (no secret), as the Velocity profile wants.
    pub fn public_demo() -> Self {
        RegisteredClient {
            client_secret: None,
            ..RegisteredClient::demo()
        }
    }

    /// The app as registered with Intervals.icu: confidential; `http://localhost/` is always
    /// allowed there as well.
    pub fn intervals_demo() -> Self {
        let mut client = RegisteredClient::demo();
        client.redirect_uris.push("http://localhost/".to_string());
        client
    }
}
