//! Syncing one object a webhook named: the workout or activity is read again (and its streams
//! when they changed and the person's streams policy fetches them ahead of time), or removed from the cache when the platform no longer has it. The object
//! is always read, even for a deletion: deliveries may arrive out of order, and the platform's
//! answer now is the truth.

use super::session::{Platform, Session};
use super::streams;
use crate::SyncError;
use crate::settings::StreamsPolicy;
use chrono::NaiveDate;
use offpeak_store::{Changes, PageCheckpoint};

/// What a delivery is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectKind {
    Workout,
    Activity,
}

/// One object on a platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectRef {
    pub kind: ObjectKind,
    pub athlete_id: String,
    pub id: String,
}

/// Objects synced by webhook leave their own checkpoint row, so they never overwrite where a
/// running sync stands.
const RESOURCE: &str = "webhook";

/// Syncs `object`; an activity's streams are fetched as `policy` fetches them ahead of time
/// (on local dates up to `today`), or when someone opens it.
pub(crate) async fn sync(
    session: &Session<'_>,
    object: &ObjectRef,
    policy: StreamsPolicy,
    today: NaiveDate,
) -> Result<(), SyncError> {
    let Platform::Velopeak(client) = &session.platform else {
        return Ok(());
    };
    let store = session.store;
    let connection = &session.record.id;
    let athlete = object.athlete_id.as_str();
    let id = object.id.as_str();
    let state = format!("{{\"last\":\"{}\"}}", id.replace(['"', '\\'], ""));
    let checkpoint = PageCheckpoint {
        athlete_id: athlete,
        resource: RESOURCE,
        state: &state,
    };
    match object.kind {
        ObjectKind::Workout => {
            let found = session
                .call(|token| async move { client.workout(&token, athlete, id).await })
                .await?;
            store
                .apply_changes(
                    connection,
                    athlete,
                    &present_or_gone(found, id),
                    &checkpoint,
                )
                .await?;
        }
        ObjectKind::Activity => {
            let found = session
                .call(|token| async move { client.activity(&token, athlete, id).await })
                .await?;
            let present = found.is_some();
            store
                .apply_changes(
                    connection,
                    athlete,
                    &present_or_gone(found, id),
                    &checkpoint,
                )
                .await?;
            if present
                && let Some(task) = store.stream_task(connection, id).await?
                && policy.fetches_ahead(task.local_date, today)
            {
                streams::fetch_one(session, task).await?;
            }
        }
    }
    Ok(())
}

/// The platform's answer for one object as a change: the object as it is now, or its deletion.
fn present_or_gone<T>(found: Option<T>, id: &str) -> Changes<T> {
    let (upserts, deleted) = match found {
        Some(item) => (vec![item], Vec::new()),
        None => (Vec::new(), vec![id.to_owned()]),
    };
    Changes {
        upserts,
        deleted,
        window: None,
    }
}
