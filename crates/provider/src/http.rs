//! The HTTP client every platform call goes through, and the reading of its JSON answers.

use crate::ProviderError;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// A client with the manners Offpeak keeps with every platform: no redirects followed (an OAuth
/// endpoint that redirects is refused, not followed), gzip, bounded time, an honest user agent.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("Offpeak/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("the HTTP client's fixed configuration is valid")
}

/// The body of a successful answer from `origin` to `path`, read as JSON into `T`; a body that
/// does not read is a bad response naming `path`.
pub(crate) async fn read_json<T: DeserializeOwned>(
    response: reqwest::Response,
    origin: &str,
    path: &str,
) -> Result<T, ProviderError> {
    let body = response
        .bytes()
        .await
        .map_err(|e| ProviderError::transport(origin, e))?;
    serde_json::from_slice(&body).map_err(|e| ProviderError::BadResponse(format!("{path}: {e}")))
}
