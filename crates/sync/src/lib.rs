//! Offpeak's sync engine and account keeping: the one place where the platform clients
//! (`offpeak-provider`) meet the local cache (`offpeak-store`) and the keychain (`offpeak-vault`).
//!
//! - [`registrations`] keeps app registrations (client id in the cache, secret in the keychain).
//! - [`login`] connects an account through the browser (OAuth with PKCE, loopback listener,
//!   cancel and timeout); [`api_key`] connects with a personal API key.
//! - [`access`] hands out access tokens, refreshing them ahead of expiry, one refresh at a time
//!   per connection, the rotated refresh token saved before it is used; a refused refresh turns
//!   the connection into "reconnect needed" and leaves the cache alone.
//! - [`engine`] syncs a connection: calendar first, then history, changes and streams, each
//!   page written in one transaction with its checkpoint; cancellable, resumable.
//! - [`progress`] reports where a sync stands; [`settings`] holds the interval and the streams
//!   policy; [`schedule`] runs the background sync; [`webhooks`] receives VeloPeak deliveries.
//! - [`disconnect`] revokes at the platform, deletes the secrets, and keeps or purges the cache.
//! - [`summary`] gathers what the accounts screen shows.
//! - [`paths`] says where the cache lives, the same for the app and the CLI.

pub mod access;
pub mod api_key;
mod credentials;
pub mod disconnect;
pub mod engine;
mod error;
pub mod login;
mod origin;
pub mod paths;
pub mod profiles;
pub mod progress;
pub mod registrations;
pub mod schedule;
pub mod settings;
pub mod summary;
pub mod webhooks;

pub use api_key::{ApiKeyInput, connect_api_key};
pub use disconnect::{DisconnectOutcome, disconnect};
pub use engine::{ObjectKind, ObjectRef, SyncReport, Syncer};
pub use error::{ErrorCode, SyncError};
pub use login::{LoginControl, connect_oauth, reconnect};
pub use progress::{ProgressHub, SyncPhase, SyncProgress};
pub use registrations::{RegistrationInput, forget_app, needs_client_secret, register_app};
pub use schedule::Schedule;
pub use settings::{StreamsPolicy, SyncSettings};
pub use summary::{AccountSummary, account, accounts};
pub use webhooks::WebhookReceiver;

/// The keychain service under which Offpeak keeps its secrets.
pub const KEYCHAIN_SERVICE: &str = "offpeak";
