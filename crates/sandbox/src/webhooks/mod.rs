//! Webhooks (placeholder until the subscription module lands).

use axum::Router;
use tokio::sync::mpsc;

use crate::server::{Event, Shared};

#[derive(Debug, Default)]
pub(crate) struct Registry;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
}

pub(crate) async fn dispatch(_app: Shared, mut events: mpsc::UnboundedReceiver<Event>) {
    while events.recv().await.is_some() {}
}
