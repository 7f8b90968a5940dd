//! Offpeak's sync engine: the one place where the platform clients (`offpeak-provider`) meet the
//! local cache (`offpeak-store`) and the keychain (`offpeak-vault`).
//!
//! - [`accounts`] connects an account: runs the browser sign-in, keeps the tokens in the
//!   keychain and records the connection (never a secret) in the cache.
//! - [`engine`] syncs a connection: it pages through the platform's lists and writes each page
//!   in one transaction with its checkpoint, so a killed sync resumes where it stopped and a
//!   second sync duplicates nothing. Access tokens are refreshed ahead of expiry, one refresh
//!   at a time per connection, and the rotated refresh token is saved before it is used.
//! - [`paths`] says where the cache lives, the same for the app and the CLI.

pub mod accounts;
mod credentials;
pub mod engine;
mod error;
pub mod paths;

pub use accounts::{ConnectRequest, connect_velopeak};
pub use engine::{SyncReport, Syncer};
pub use error::{ErrorCode, SyncError};

/// The keychain service under which Offpeak keeps its secrets.
pub const KEYCHAIN_SERVICE: &str = "offpeak";
