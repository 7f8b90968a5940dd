//! The sandbox: a local HTTP server that speaks the VeloPeak contract
//! (`shared/contracts/velopeak-api.md`), its Velocity-style variant and the Intervals.icu
//! surface, well enough that the rest of Offpeak can be tested, benchmarked and demonstrated
//! without the real services.
//!
//! This crate owns:
//! - a deterministic, realistic data set ([`data`]) in named sizes, from a seed and an anchor
//!   date — same inputs, same bytes — with 1 Hz streams generated on request;
//! - the server ([`RunningSandbox`]): OAuth 2.0 authorization code + PKCE (S256 only),
//!   rotating refresh tokens with reuse detection, revocation, RFC 8414 metadata, scoped
//!   resources with paging, the change feed, ETags, gzip, rate limits and webhooks;
//! - a control endpoint and start flags to change data and inject faults while a client syncs;
//! - the person in the browser ([`approve`], [`deny`], [`consent`], [`approve_scopes`],
//!   [`revoke_app`]), who answers the consent page or revokes an app, so that loopback flows run
//!   end to end inside `cargo test`.
//!
//! Nothing here is global: every server carries its own configuration, data, grants and clock.

mod api;
mod api_keys;
pub mod bench;
mod catalog;
mod churn;
mod clock;
mod config;
mod consent_page;
mod control;
pub mod data;
mod etag;
mod faults;
mod grants;
mod intervals;
mod metadata;
mod oauth;
mod person;
mod pkce;
mod rate_limit;
mod redirect;
mod revoke;
mod scope;
mod server;
mod settings;
mod steering;
mod token;
mod webhooks;

pub use api_keys::{KeyAccess, workspace_slug};
pub use catalog::{Change, ChangeKind, Resource, Tombstone};
pub use config::{
    DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_INTERVALS_KEY, RateLimits, RegisteredClient,
    SandboxConfig, Variant,
};
pub use data::DatasetSize;
pub use faults::FaultPlan;
pub use person::{Decision, PersonError, approve, approve_scopes, consent, deny, revoke_app};
pub use scope::Scope;
pub use server::RunningSandbox;
pub use steering::CreatedKey;
pub use webhooks::{
    DeliveryState, EVENT_TYPES, PING, SIGNATURE_TOLERANCE_S, SignatureError, WebhookDelivery, sign,
    verify,
};
