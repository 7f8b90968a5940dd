//! What a sandbox is started with: the data seed, the anchor date and the registered apps.

use chrono::NaiveDate;

/// The client id of the demo app registration ([`RegisteredClient::demo`]).
pub const DEMO_CLIENT_ID: &str = "offpeak-demo";
/// The client secret of the demo app registration ([`RegisteredClient::demo`]).
pub const DEMO_CLIENT_SECRET: &str = "offpeak-demo-secret";

/// Everything a sandbox needs to start.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Seeds the data set: same seed and anchor, same bytes.
    pub seed: u64,
    /// "Today" for the data set: activities never come after it, the plan runs one week past it.
    pub anchor: NaiveDate,
    /// The apps allowed to ask for authorization.
    pub clients: Vec<RegisteredClient>,
}

impl SandboxConfig {
    /// Seed 42, the given anchor, and the demo app as the only client.
    pub fn demo(anchor: NaiveDate) -> SandboxConfig {
        SandboxConfig {
            seed: 42,
            anchor,
            clients: vec![RegisteredClient::demo()],
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
}
