//! The Intervals.icu surface (placeholder until it lands).

use axum::Router;

use crate::server::Shared;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
}
