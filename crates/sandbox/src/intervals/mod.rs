//! The Intervals.icu surface (`shared/contracts/intervals-icu.md`), with the field names and
//! types of the platform's OpenAPI description (`tests/fixtures/intervals-icu-openapi.json`):
//!
//! - personal API keys sent as HTTP Basic `API_KEY:<key>` (a key sent as `Bearer` is refused
//!   with 403, as the platform does), and OAuth apps with comma-separated `AREA:READ|WRITE`
//!   scopes the person may untick, single-use two-minute codes and access tokens that live until
//!   the app is disconnected;
//! - athlete ids `i1042` or `1042`, `0` for the caller;
//! - calendar events, activities (newest first, some only as Strava stubs), one activity with
//!   its intervals, streams as a list, wellness with fitness and fatigue, and the coach's
//!   summary of followed athletes, all by date window;
//! - the platform's error bodies.
//!
//! What this surface remembers beyond the shared [`crate::grants::AuthStore`] (the Intervals
//! scopes of pending requests, codes and grants) lives in [`IcuState`], one per server, handed
//! to the handlers as an axum extension.

mod activities;
mod athlete;
mod auth;
mod consent;
mod errors;
mod events;
mod fitness;
mod ids;
mod laps;
mod oauth;
mod query;
mod scopes;
mod streams;
mod summary;
mod wellness;
mod workout_doc;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};

use axum::routing::{any, delete, get, post};
use axum::{Extension, Router};

use crate::grants::GrantId;
use crate::server::Shared;
use scopes::IcuScope;

/// The Intervals scopes of requests, codes and grants in flight on one server.
#[derive(Debug, Default)]
pub(crate) struct IcuState {
    inner: Mutex<Scopes>,
}

#[derive(Debug, Default)]
pub(crate) struct Scopes {
    /// Asked for, by pending request id, with the request's expiry.
    pub pending: HashMap<String, (DateTime<Utc>, Vec<IcuScope>)>,
    /// Approved, by the SHA-256 of the code, with the code's expiry.
    pub codes: HashMap<String, (DateTime<Utc>, Vec<IcuScope>)>,
    /// Granted, by grant.
    pub grants: HashMap<GrantId, Vec<IcuScope>>,
}

impl IcuState {
    pub(crate) fn scopes(&self) -> MutexGuard<'_, Scopes> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub(crate) type Icu = Extension<Arc<IcuState>>;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/oauth/authorize",
            get(oauth::authorize_page).post(oauth::authorize_decision),
        )
        .route("/api/oauth/token", post(oauth::token))
        .route("/api/v1/disconnect-app", delete(oauth::disconnect))
        .route("/api/v1/athlete/{id}", get(athlete::profile))
        .route("/api/v1/athlete/{id}/events", get(events::list))
        .route("/api/v1/athlete/{id}/activities", get(activities::list))
        .route("/api/v1/athlete/{id}/wellness", get(wellness::list))
        .route("/api/v1/athlete/{id}/athlete-summary", get(summary::list))
        .route("/api/v1/activity/{id}", get(activities::one))
        .route("/api/v1/activity/{id}/streams", get(streams::list))
        .route("/api/v1/{*rest}", any(errors::no_such_path))
        .layer(Extension(Arc::new(IcuState::default())))
}
