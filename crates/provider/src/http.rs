//! The HTTP client every platform call goes through.

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
