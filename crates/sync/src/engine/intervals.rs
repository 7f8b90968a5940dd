//! Planned events, activities and wellness of one athlete on Intervals.icu, which has no
//! change feed: everything is read by date windows, and a window's answer is the whole truth
//! for its dates — what the cache holds there and the answer lacks was deleted.
//!
//! The first sync reads the calendar window, then history backwards (see [`super::windows`]).
//! Later syncs re-read a recent window (the last six weeks and the plan ahead), which catches
//! new, changed (`updated`, `icu_sync_date`) and deleted items there, and once a week a
//! reconciliation pass re-reads all history, so an edit to an old activity is not missed
//! either; [`request_reconciliation`] makes that pass due at the next sync. A pass counts as
//! of when it began, so one spread over several runs is followed by another that much sooner.
//! Each window is written in one transaction with the state below.

use super::session::Session;
use super::velopeak::Reach;
use super::windows::{self, PLAN_AHEAD_DAYS, Span};
use crate::SyncError;
use crate::progress::SyncPhase;
use chrono::{DateTime, Days, NaiveDate, Utc};
use offpeak_domain::ConnectionId;
use offpeak_provider::intervals::IntervalsClient;
use offpeak_store::{CachedItem, Changes, DateWindow, PageCheckpoint, Store};
use serde::{Deserialize, Serialize};

/// Days before today that every later sync re-reads.
const RECENT_DAYS: u64 = 42;
/// How often all history is re-read.
const RECONCILE_EVERY: chrono::Duration = chrono::Duration::days(7);
/// The checkpoint row, one per connection (no athlete), holding when a reconciliation pass was
/// last asked for. Running syncs never write it, so a request cannot be lost to one.
const RECONCILE_REQUEST: PageCheckpoint<'static> = PageCheckpoint {
    athlete_id: "",
    resource: "reconcile_request",
    state: "",
};

/// The kinds of data read by windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resource {
    /// Planned workouts, races and notes.
    Calendar,
    Activities,
    Wellness,
}

impl Resource {
    pub(crate) const ALL: [Resource; 3] =
        [Resource::Calendar, Resource::Activities, Resource::Wellness];

    /// The OAuth scope that reads it.
    pub(crate) fn scope(self) -> &'static str {
        match self {
            Resource::Calendar => "CALENDAR:READ",
            Resource::Activities => "ACTIVITY:READ",
            Resource::Wellness => "WELLNESS:READ",
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Resource::Calendar => "calendar",
            Resource::Activities => "activities",
            Resource::Wellness => "wellness",
        }
    }
}

/// A pass over history: the span to read next, and when the pass began.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Pass {
    span: Span,
    months: u32,
    /// When the pass read its first window. A pass spread over several runs (the app closed
    /// or killed in between) reconciles history only as of then: an edit made meanwhile to a
    /// window it had already read is caught by the next pass, which falls due that much
    /// sooner. Absent in state written before it was kept: the pass counts as beginning when
    /// it ends.
    #[serde(default)]
    began: Option<DateTime<Utc>>,
}

impl Pass {
    fn new(span: Span, now: DateTime<Utc>) -> Pass {
        Pass {
            span,
            months: 0,
            began: Some(now),
        }
    }

    /// The pass after reading `found` items in this one's span; `None` when it is complete.
    fn next(self, found: u64) -> Option<Pass> {
        windows::after(self.span, self.months, found).map(|(span, months)| Pass {
            span,
            months,
            began: self.began,
        })
    }
}

/// Where one resource of one athlete stands, kept as JSON in its checkpoint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct WindowState {
    /// The first pass under way (`None` before it starts and once it is complete).
    first: Option<Pass>,
    complete: bool,
    /// A reconciliation pass under way.
    reconcile: Option<Pass>,
    reconciled_at: Option<DateTime<Utc>>,
}

/// Brings one resource of one athlete as far as `reach`.
pub(crate) async fn sync(
    session: &Session<'_>,
    client: &IntervalsClient,
    athlete: &str,
    resource: Resource,
    reach: Reach,
    today: NaiveDate,
) -> Result<(), SyncError> {
    let mut state = load_state(session, athlete, resource).await?;
    let now = Utc::now();
    let requested = reconciliation_requested(session.store, &session.record.id).await?;
    if !state.complete {
        let mut pass = state
            .first
            .unwrap_or_else(|| Pass::new(windows::calendar(today), now));
        loop {
            if !pass.span.is_calendar() && reach == Reach::Calendar {
                return Ok(());
            }
            session.check_cancelled()?;
            session.phase(
                if pass.span.is_calendar() {
                    SyncPhase::Calendar
                } else {
                    SyncPhase::History
                },
                None,
            );
            let found = read_window(
                session,
                client,
                athlete,
                resource,
                pass.span,
                today,
                |found| match pass.next(found) {
                    Some(next) => WindowState {
                        first: Some(next),
                        ..WindowState::default()
                    },
                    None => WindowState {
                        complete: true,
                        reconciled_at: Some(pass.began.unwrap_or(now)),
                        ..WindowState::default()
                    },
                },
            )
            .await?;
            match pass.next(found) {
                Some(next) => pass = next,
                None => return Ok(()),
            }
        }
    }
    if reach != Reach::Everything {
        return Ok(());
    }
    if state.reconcile.is_none() {
        session.check_cancelled()?;
        session.phase(SyncPhase::Changes, None);
        let recent = Span {
            oldest: today.checked_sub_days(Days::new(RECENT_DAYS)),
            newest: None,
        };
        let due = state.reconciled_at.is_none_or(|at| {
            now - at >= RECONCILE_EVERY || requested.is_some_and(|asked| asked > at)
        });
        let after_recent = state.clone();
        read_window(session, client, athlete, resource, recent, today, |_| {
            let mut next = after_recent.clone();
            if due {
                next.reconcile = Pass::new(recent, now).next(1);
            }
            next
        })
        .await?;
        if !due {
            return Ok(());
        }
        state = load_state(session, athlete, resource).await?;
    }
    while let Some(pass) = state.reconcile {
        session.check_cancelled()?;
        session.phase(SyncPhase::Reconcile, None);
        let before = state.clone();
        let found = read_window(
            session,
            client,
            athlete,
            resource,
            pass.span,
            today,
            |found| {
                let mut next = before.clone();
                next.reconcile = pass.next(found);
                if next.reconcile.is_none() {
                    next.reconciled_at = Some(pass.began.unwrap_or(now));
                }
                next
            },
        )
        .await?;
        state.reconcile = pass.next(found);
        if state.reconcile.is_none() {
            state.reconciled_at = Some(pass.began.unwrap_or(now));
        }
    }
    Ok(())
}

/// Makes a reconciliation pass due for every resource of the connection at its next sync (a
/// pass under way just goes on). Resources whose first pass is still running are left alone:
/// that pass reads everything anyway.
pub(crate) async fn request_reconciliation(
    store: &Store,
    connection: &ConnectionId,
) -> Result<(), SyncError> {
    let at = serde_json::to_string(&Utc::now()).expect("an instant serializes");
    let checkpoint = PageCheckpoint {
        state: &at,
        ..RECONCILE_REQUEST
    };
    store.save_checkpoint(connection, &checkpoint).await?;
    Ok(())
}

/// When a reconciliation pass was last asked for, if ever.
async fn reconciliation_requested(
    store: &Store,
    connection: &ConnectionId,
) -> Result<Option<DateTime<Utc>>, SyncError> {
    let raw = store
        .checkpoint(
            connection,
            RECONCILE_REQUEST.athlete_id,
            RECONCILE_REQUEST.resource,
        )
        .await?;
    Ok(raw.and_then(|text| serde_json::from_str(&text).ok()))
}

async fn load_state(
    session: &Session<'_>,
    athlete: &str,
    resource: Resource,
) -> Result<WindowState, SyncError> {
    let raw = session
        .store
        .checkpoint(&session.record.id, athlete, resource.as_str())
        .await?;
    Ok(raw
        .and_then(|text| match serde_json::from_str(&text) {
            Ok(state) => Some(state),
            Err(e) => {
                tracing::warn!(
                    resource = resource.as_str(),
                    "unreadable sync checkpoint, starting over: {e}"
                );
                None
            }
        })
        .unwrap_or_default())
}

/// Reads `span` (open sides made concrete) and writes what it holds, deleting what it lacks,
/// together with the state `next(found)`; returns how many items it held.
async fn read_window(
    session: &Session<'_>,
    client: &IntervalsClient,
    athlete: &str,
    resource: Resource,
    span: Span,
    today: NaiveDate,
    next: impl FnOnce(u64) -> WindowState,
) -> Result<u64, SyncError> {
    let window = DateWindow {
        oldest: span.oldest.unwrap_or_else(windows::dawn),
        newest: span
            .newest
            .unwrap_or_else(|| today + Days::new(PLAN_AHEAD_DAYS)),
    };
    let (oldest, newest) = (window.oldest, window.newest);
    let place = Place {
        store: session.store,
        connection: &session.record.id,
        athlete,
        resource: resource.as_str(),
        window: &window,
    };
    let found = match resource {
        Resource::Calendar => {
            let events = session
                .run(client.calendar(athlete, oldest, newest))
                .await?;
            let found = (events.workouts.len() + events.notes.len()) as u64;
            // Two tables, two transactions: the workouts keep the checkpoint as it stands, the
            // notes move it on, so a sync stopped in between reads the window again.
            let unchanged = place
                .store
                .checkpoint(place.connection, athlete, place.resource)
                .await?
                .unwrap_or_default();
            place.write(events.workouts, unchanged).await?;
            place.write(events.notes, state_text(next(found))).await?;
            found
        }
        Resource::Activities => {
            let activities = session
                .run(client.activities_in(athlete, oldest, newest))
                .await?;
            let found = activities.len() as u64;
            place.write(activities, state_text(next(found))).await?;
            found
        }
        Resource::Wellness => {
            let days = session
                .run(client.wellness(athlete, oldest, newest))
                .await?;
            let found = days.len() as u64;
            place.write(days, state_text(next(found))).await?;
            found
        }
    };
    session.advance(found);
    Ok(found)
}

fn state_text(state: WindowState) -> String {
    serde_json::to_string(&state).expect("state serializes")
}

/// Where a window's answer goes: one resource of one athlete, over one window.
struct Place<'a> {
    store: &'a Store,
    connection: &'a ConnectionId,
    athlete: &'a str,
    resource: &'static str,
    window: &'a DateWindow,
}

impl Place<'_> {
    /// Writes a window's answer — everything it holds, so what the cache holds there besides is
    /// deleted — together with the checkpoint `state`, in one transaction.
    async fn write<T: CachedItem>(&self, items: Vec<T>, state: String) -> Result<(), SyncError> {
        let changes = Changes {
            upserts: items,
            deleted: Vec::new(),
            window: Some(DateWindow {
                oldest: self.window.oldest,
                newest: self.window.newest,
            }),
        };
        let checkpoint = PageCheckpoint {
            athlete_id: self.athlete,
            resource: self.resource,
            state: &state,
        };
        self.store
            .apply_changes(self.connection, self.athlete, &changes, &checkpoint)
            .await?;
        Ok(())
    }
}
