//! Offpeak's side of the training platforms: signing in and reading data, nothing else.
//!
//! - [`oauth`] runs the native OAuth 2.0 flow for desktop apps (RFC 8252) from a
//!   provider-agnostic [`oauth::OAuthProfile`]: metadata discovery with issuer checks
//!   (RFC 8414), PKCE with S256 (RFC 7636), a fresh `state` per attempt, a loopback listener on
//!   `127.0.0.1` that accepts exactly one callback and checks `iss` (RFC 9207), cancellation and
//!   timeout, the code exchange in form or JSON bodies, rotating refreshes (RFC 9700) and
//!   revocation (RFC 7009, or Intervals.icu's disconnect). Opening the browser is the caller's
//!   business: it receives the authorization URL and opens it however it likes, so tests can
//!   play the person.
//! - [`velopeak`] is the VeloPeak API client (also serving the Velocity-style platform, whose
//!   resource API is the same) and both platforms' OAuth profiles.
//! - [`intervals`] is the Intervals.icu client: personal API keys (HTTP Basic `API_KEY`) or
//!   OAuth tokens, date-window reads, and refusals explained to a person.
//!
//! - [`manners`] is how every request of a connection behaves: it keeps the platform's rate
//!   limit, retries what a passing fault spoiled, caps the size of answers and counts it all.
//!
//! This crate knows nothing of storage; tokens come in and go out as values.

mod convert;
mod error;
mod http;
pub mod intervals;
pub mod manners;
pub mod oauth;
mod streams;
pub mod velopeak;

pub use error::ProviderError;
pub use http::http_client;
pub use manners::{Manners, RequestStats, RetryPolicy};
pub use streams::FetchedStreams;
