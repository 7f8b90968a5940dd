//! The VeloPeak sandbox: a local HTTP server that speaks the VeloPeak contract
//! (`shared/contracts/velopeak-api.md`) well enough that the rest of Offpeak can be tested,
//! benchmarked and demonstrated without the real service.
//!
//! This crate owns three things:
//! - a deterministic, realistic data set ([`data`]): one athlete, twelve weeks of planned
//!   workouts and the activities that fulfil (or miss) them, all derived from a seed and an
//!   anchor date, so the same inputs give byte-identical JSON;
//! - the server ([`RunningSandbox`]): OAuth 2.0 authorization code + PKCE (S256 only) with a
//!   sign-in and consent page, rotating refresh tokens, and the read-only resources behind
//!   Bearer tokens and scopes;
//! - the person in the browser ([`approve`], [`deny`]), who answers the consent page so that an
//!   app's loopback flow can run end to end inside `cargo test`.
//!
//! Nothing here is global: every server carries its own configuration, data, grants and clock.

mod api;
mod clock;
mod config;
mod consent_page;
pub mod data;
mod grants;
mod oauth;
mod person;
mod pkce;
mod redirect;
mod scope;
mod server;
mod token;

pub use config::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, RegisteredClient, SandboxConfig};
pub use person::{PersonError, approve, deny};
pub use scope::Scope;
pub use server::RunningSandbox;
