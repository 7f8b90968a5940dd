//! Offpeak's side of the training platforms: signing in and reading data, nothing else.
//!
//! - [`oauth`] runs the native OAuth 2.0 flow for desktop apps (RFC 8252): PKCE with S256
//!   (RFC 7636), a fresh `state` per attempt, a loopback listener on `127.0.0.1` with a random
//!   port that accepts exactly one callback, the code exchange and refreshes. Opening the
//!   browser is the caller's business: it receives the authorization URL and opens it however
//!   it likes, so tests can play the person.
//! - [`velopeak`] is the VeloPeak API client: its JSON shapes and their translation into
//!   `offpeak_domain` types.
//!
//! This crate knows nothing of storage; tokens come in and go out as values.

mod error;
mod http;
pub mod oauth;
pub mod velopeak;

pub use error::ProviderError;
pub use http::http_client;
