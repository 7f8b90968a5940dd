//! Planned workouts and activities of one athlete on a VeloPeak-style platform.
//!
//! The first sync lists the calendar window, then history backwards (see [`super::windows`]),
//! remembering a watermark taken from the server's clock when it began; then it follows the
//! `updated_since` change feed from that watermark, so whatever changed while the first pass
//! ran is read too. Later syncs only follow the feed: updates are upserted, tombstones delete,
//! and an unchanged feed answers 304 to the ETag of its last empty page. Every page is written
//! in one transaction together with the state below, so a killed sync resumes at its page.

use super::session::Session;
use super::windows::{self, Span};
use crate::SyncError;
use crate::progress::SyncPhase;
use chrono::{DateTime, NaiveDate, Utc};
use offpeak_domain::{Activity, Workout};
use offpeak_provider::velopeak::{Change, Conditional, DateWindow, ListedItem, VelopeakClient};
use offpeak_store::{CachedItem, Changes, PageCheckpoint};
use serde::{Deserialize, Serialize};

/// How far before the server's clock at the start of a first pass the feed is read from
/// afterwards: room for a server whose stamps lag its `Date` header.
const WATERMARK_MARGIN: chrono::Duration = chrono::Duration::minutes(10);

/// Where one resource of one athlete stands, kept as JSON in its checkpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub(crate) enum FeedState {
    /// The first pass, in `span` (of `months` months, 0 for the calendar window), `found`
    /// items in it so far, resuming at `cursor`.
    Listing {
        watermark: DateTime<Utc>,
        span: Span,
        months: u32,
        found: u64,
        cursor: Option<String>,
    },
    /// Following the change feed from `since`; `high` is the latest change read in the pass
    /// under way; `etag` belongs to the last answer when it was an empty first page.
    Following {
        since: DateTime<Utc>,
        high: DateTime<Utc>,
        cursor: Option<String>,
        etag: Option<String>,
    },
}

/// How far a call goes: the calendar window, the whole first pass (history), or everything
/// (changes since the last sync too). A sync goes through all three for every athlete and
/// resource in turn, so each phase ends everywhere before the next begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    Calendar,
    History,
    Everything,
}

impl Reach {
    pub(crate) const IN_ORDER: [Reach; 3] = [Reach::Calendar, Reach::History, Reach::Everything];
}

/// What differs between planned workouts and activities, beyond how the platform lists them
/// ([`ListedItem`]) and how the cache keeps them ([`CachedItem`]).
pub(crate) trait Summary: ListedItem + CachedItem + Sync + 'static {
    const RESOURCE: &'static str;
    fn stamp(&self) -> DateTime<Utc>;
}

impl Summary for Workout {
    const RESOURCE: &'static str = "workouts";
    fn stamp(&self) -> DateTime<Utc> {
        self.updated_at
    }
}

impl Summary for Activity {
    const RESOURCE: &'static str = "activities";
    fn stamp(&self) -> DateTime<Utc> {
        self.updated_at
    }
}

/// Brings one resource of one athlete as far as `reach`.
pub(crate) async fn sync<T: Summary>(
    session: &Session<'_>,
    client: &VelopeakClient,
    athlete: &str,
    reach: Reach,
    today: NaiveDate,
) -> Result<(), SyncError> {
    let mut state = load_state(session, athlete, T::RESOURCE).await?;
    loop {
        session.check_cancelled()?;
        let next = match state {
            None => list_page::<T>(session, client, athlete, None, calendar_start(today)).await?,
            Some(FeedState::Listing { span, .. })
                if !span.is_calendar() && reach == Reach::Calendar =>
            {
                return Ok(());
            }
            Some(listing @ FeedState::Listing { .. }) => {
                list_page::<T>(
                    session,
                    client,
                    athlete,
                    Some(listing),
                    calendar_start(today),
                )
                .await?
            }
            Some(FeedState::Following { .. }) if reach != Reach::Everything => return Ok(()),
            Some(following @ FeedState::Following { .. }) => {
                match feed_page::<T>(session, client, athlete, following).await? {
                    Some(next) => next,
                    None => return Ok(()),
                }
            }
        };
        state = Some(next);
    }
}

fn calendar_start(today: NaiveDate) -> Span {
    windows::calendar(today)
}

async fn load_state(
    session: &Session<'_>,
    athlete: &str,
    resource: &str,
) -> Result<Option<FeedState>, SyncError> {
    let raw = session
        .store
        .checkpoint(&session.record.id, athlete, resource)
        .await?;
    Ok(raw.and_then(|text| match serde_json::from_str(&text) {
        Ok(state) => Some(state),
        Err(e) => {
            tracing::warn!(resource, "unreadable sync checkpoint, starting over: {e}");
            None
        }
    }))
}

async fn write<T: Summary>(
    session: &Session<'_>,
    athlete: &str,
    changes: Changes<T>,
    next: &FeedState,
) -> Result<(), SyncError> {
    let state = serde_json::to_string(next).expect("a sync state always serializes");
    let checkpoint = PageCheckpoint {
        athlete_id: athlete,
        resource: T::RESOURCE,
        state: &state,
    };
    session
        .store
        .apply_changes(&session.record.id, athlete, &changes, &checkpoint)
        .await?;
    Ok(())
}

/// One page of the first pass; returns the state after it.
async fn list_page<T: Summary>(
    session: &Session<'_>,
    client: &VelopeakClient,
    athlete: &str,
    state: Option<FeedState>,
    calendar: Span,
) -> Result<FeedState, SyncError> {
    let (watermark, span, months, found, cursor) = match state {
        Some(FeedState::Listing {
            watermark,
            span,
            months,
            found,
            cursor,
        }) => (Some(watermark), span, months, found, cursor),
        _ => (None, calendar, 0, 0, None),
    };
    session.phase(
        if span.is_calendar() {
            SyncPhase::Calendar
        } else {
            SyncPhase::History
        },
        None,
    );
    let window = DateWindow {
        oldest: span.oldest,
        newest: span.newest,
    };
    let page = session
        .call(|token| {
            let (window, cursor) = (&window, cursor.as_deref());
            async move { client.list::<T>(&token, athlete, window, cursor).await }
        })
        .await?;
    let now = Utc::now();
    let watermark =
        watermark.unwrap_or_else(|| page.served_at.unwrap_or(now).min(now) - WATERMARK_MARGIN);
    let count = page.items.len() as u64;
    let found = found + count;
    let next = match page.next_cursor {
        Some(cursor) => FeedState::Listing {
            watermark,
            span,
            months,
            found,
            cursor: Some(cursor),
        },
        None => match windows::after(span, months, found) {
            Some((span, months)) => FeedState::Listing {
                watermark,
                span,
                months,
                found: 0,
                cursor: None,
            },
            None => FeedState::Following {
                since: watermark,
                high: watermark,
                cursor: None,
                etag: None,
            },
        },
    };
    let changes = Changes {
        upserts: page.items,
        deleted: Vec::new(),
        window: None,
    };
    write(session, athlete, changes, &next).await?;
    session.advance(count);
    Ok(next)
}

/// One page of the change feed; `None` when the feed has been read to its end.
async fn feed_page<T: Summary>(
    session: &Session<'_>,
    client: &VelopeakClient,
    athlete: &str,
    state: FeedState,
) -> Result<Option<FeedState>, SyncError> {
    let FeedState::Following {
        since,
        high,
        cursor,
        etag,
    } = state
    else {
        return Ok(None);
    };
    session.phase(SyncPhase::Changes, None);
    let answer = session
        .call(|token| {
            let (cursor, etag) = (cursor.as_deref(), etag.as_deref());
            async move {
                client
                    .changes::<T>(&token, athlete, since, cursor, etag)
                    .await
            }
        })
        .await?;
    let (page, fresh_etag) = match answer {
        Conditional::NotModified => return Ok(None),
        Conditional::Fresh { value, etag } => (value, etag),
    };
    let mut upserts = Vec::new();
    let mut deleted = Vec::new();
    let mut latest = high;
    for change in page.items {
        match change {
            Change::Upsert(item) => {
                latest = latest.max(item.stamp());
                upserts.push(item);
            }
            Change::Deleted { id, at } => {
                latest = latest.max(at);
                deleted.push(id);
            }
        }
    }
    let count = (upserts.len() + deleted.len()) as u64;
    let last_page = page.next_cursor.is_none();
    let next = match page.next_cursor {
        Some(next_cursor) => FeedState::Following {
            since,
            high: latest,
            cursor: Some(next_cursor),
            etag: None,
        },
        // An empty pass keeps its address, so its ETag can answer 304 next time.
        None if count == 0 && cursor.is_none() && latest == since => FeedState::Following {
            since,
            high: latest,
            cursor: None,
            etag: fresh_etag,
        },
        None => FeedState::Following {
            since: latest,
            high: latest,
            cursor: None,
            etag: None,
        },
    };
    let changes = Changes {
        upserts,
        deleted,
        window: None,
    };
    write(session, athlete, changes, &next).await?;
    session.advance(count);
    Ok((!last_page).then_some(next))
}
