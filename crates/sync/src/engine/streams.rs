//! Activity streams: fetched after the summaries, most recent activity first, a few at a
//! time, each written together with the figures computed from it (power curve, time in zones,
//! load) and, where the platform has them (Intervals.icu), the activity's laps, fetched with
//! the streams by one more request: browsing never recomputes history, and streams are
//! never kept without their laps. Which activities get streams ahead of time is
//! the person's [`StreamsPolicy`]; an activity someone opens is fetched at once
//! ([`fetch_one`]), whatever the policy.
//!
//! Fetching and writing overlap: while requests are in flight, a writer task of its own takes
//! what arrived, computes the figures, encodes the series and stores them, several activities
//! to a transaction. The cache has one writer at a time, so writes never
//! wait on each other's locks, and the figures and encoding run beside the decoding of the next
//! answers. A failed or cancelled sync still writes what was already fetched.

use super::session::{Platform, Session};
use crate::SyncError;
use crate::progress::SyncPhase;
use crate::settings::StreamsPolicy;
use chrono::NaiveDate;
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use offpeak_domain::{Athlete, ConnectionId, Lap, Streams, figures};
use offpeak_provider::ProviderError;
use offpeak_provider::velopeak::FetchedStreams;
use offpeak_store::{EncodedStreams, Store, StreamTask, StreamsToSave, codec};
use std::collections::{HashMap, HashSet, VecDeque};
use tokio::sync::mpsc;

/// Activities asked for at a time from the cache.
const BATCH: u32 = 256;

/// Fetched activities waiting for the writer, at most: fetching pauses when it is this far
/// ahead, and the writer saves up to as many in one transaction.
const WRITE_QUEUE: usize = 16;

/// Activities the writer gathers for one transaction, waiting at most [`GATHER_FOR`] after the
/// first: each transaction costs a handful of round trips to SQLite however many it saves.
const WRITE_BATCH: usize = 8;
const GATHER_FOR: std::time::Duration = std::time::Duration::from_millis(50);

/// Streams fetched side by side.
fn concurrency(session: &Session<'_>) -> usize {
    match session.platform {
        Platform::Velopeak(_) => 4,
        // Ten requests a second are allowed; three in flight keep that pace on a slow line.
        Platform::Intervals(_) => 3,
    }
}

/// One activity's streams and laps as fetched, on their way to the cache.
struct Fetched {
    task: StreamTask,
    streams: FetchedStreams,
    /// `None` where the platform has no laps to ask for.
    laps: Option<Vec<Lap>>,
}

/// Fetches the streams the policy asks for that the cache lacks (or holds stale).
pub(crate) async fn sync(
    session: &Session<'_>,
    policy: StreamsPolicy,
    today: NaiveDate,
) -> Result<u64, SyncError> {
    if policy == StreamsPolicy::OnDemand {
        return Ok(0);
    }
    let connection = &session.record.id;
    let newer_than = policy.newer_than(today);
    let total = session
        .store
        .count_needing_streams(connection, newer_than)
        .await?;
    session.phase(SyncPhase::Streams, Some(total));
    let (to_writer, inbox) = mpsc::channel(WRITE_QUEUE);
    let (acks, mut saved) = mpsc::unbounded_channel();
    let writer = tokio::spawn(write_all(
        session.store.clone(),
        connection.clone(),
        inbox,
        acks,
    ));
    // Fetching ends by dropping `to_writer`: the writer then finishes its queue and stops.
    let fetching = fetch_all(session, newer_than, to_writer, &mut saved).await;
    let writing = match writer.await {
        Ok(result) => result,
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => Err(SyncError::Cancelled),
    };
    let fetched = fetching?;
    writing?;
    Ok(fetched)
}

/// Keeps `concurrency` fetches in flight and hands what arrives to the writer; returns how
/// many activities the writer saved, or the first fetching error. Returns early (with what was
/// saved) when the writer stopped: its error is the writer's to report.
async fn fetch_all(
    session: &Session<'_>,
    newer_than: Option<NaiveDate>,
    to_writer: mpsc::Sender<Fetched>,
    saved: &mut mpsc::UnboundedReceiver<()>,
) -> Result<u64, SyncError> {
    let connection = &session.record.id;
    let width = concurrency(session);
    let mut queue = VecDeque::new();
    let mut attempted = HashSet::new();
    let mut exhausted = false;
    let mut running = FuturesUnordered::new();
    // Activities being fetched or written: still "needing streams" in the cache.
    let mut unsaved: u32 = 0;
    let mut done = 0;
    loop {
        session.check_cancelled()?;
        if !exhausted && queue.len() < width {
            // The unsaved ones come back too (they still need streams), so ask for as many
            // more: the answer then holds every unattempted activity up to a batch.
            let fresh: Vec<StreamTask> = session
                .store
                .activities_needing_streams(connection, newer_than, BATCH + unsaved)
                .await?
                .into_iter()
                .filter(|task| attempted.insert(task.activity_id.clone()))
                .collect();
            exhausted = fresh.is_empty();
            queue.extend(fresh);
        }
        while running.len() < width
            && let Some(task) = queue.pop_front()
        {
            running.push(fetch_task(session, task));
            unsaved += 1;
        }
        if unsaved == 0 {
            return Ok(done);
        }
        tokio::select! {
            Some(result) = running.next(), if !running.is_empty() => {
                if to_writer.send(result?).await.is_err() {
                    return Ok(done);
                }
            }
            ack = saved.recv() => match ack {
                Some(()) => {
                    unsaved -= 1;
                    done += 1;
                    session.advance(1);
                }
                None => return Ok(done),
            }
        }
    }
}

/// Saves what `inbox` brings, in arrival order — whatever has arrived since the last write,
/// up to [`WRITE_BATCH`] gathered for a moment, in one transaction — acknowledging each
/// activity on `saved`; stops at the first error, or when the inbox is closed and empty.
async fn write_all(
    store: Store,
    connection: ConnectionId,
    mut inbox: mpsc::Receiver<Fetched>,
    saved: mpsc::UnboundedSender<()>,
) -> Result<(), SyncError> {
    let mut profiles = Profiles::default();
    let mut arrived = Vec::with_capacity(WRITE_QUEUE);
    while inbox.recv_many(&mut arrived, WRITE_QUEUE).await > 0 {
        let gathering = tokio::time::Instant::now() + GATHER_FOR;
        while arrived.len() < WRITE_BATCH {
            let room = WRITE_QUEUE - arrived.len();
            let more = inbox.recv_many(&mut arrived, room);
            match tokio::time::timeout_at(gathering, more).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
        let count = arrived.len();
        save(
            &store,
            &connection,
            &mut profiles,
            std::mem::take(&mut arrived),
        )
        .await?;
        for _ in 0..count {
            let _ = saved.send(());
        }
    }
    Ok(())
}

/// Fetches and keeps one activity's streams now (the activity a person opened).
pub(crate) async fn fetch_one(session: &Session<'_>, task: StreamTask) -> Result<(), SyncError> {
    let fetched = fetch_task(session, task).await?;
    let mut profiles = Profiles::default();
    save(
        session.store,
        &session.record.id,
        &mut profiles,
        vec![fetched],
    )
    .await
}

/// Athletes' profiles (thresholds, zones), read from the cache once per athlete.
#[derive(Default)]
struct Profiles(HashMap<String, Option<Athlete>>);

impl Profiles {
    async fn of(
        &mut self,
        store: &Store,
        connection: &ConnectionId,
        athlete_id: &str,
    ) -> Result<Option<&Athlete>, SyncError> {
        if !self.0.contains_key(athlete_id) {
            let profile = store.athlete_profile(connection, athlete_id).await?;
            self.0.insert(athlete_id.to_owned(), profile);
        }
        Ok(self.0.get(athlete_id).and_then(Option::as_ref))
    }
}

/// Writes activities' streams with their figures in one transaction; nothing for an activity
/// no longer cached. The figures and the encoding are computation only: they run on a thread
/// of their own, not on the async tasks (which then keep answering and fetching).
async fn save(
    store: &Store,
    connection: &ConnectionId,
    profiles: &mut Profiles,
    fetched: Vec<Fetched>,
) -> Result<(), SyncError> {
    let ids: Vec<&str> = fetched
        .iter()
        .map(|f| f.task.activity_id.as_str())
        .collect();
    let platform_loads = store.platform_loads(connection, &ids).await?;
    let mut work = Vec::with_capacity(fetched.len());
    for Fetched {
        task,
        streams,
        laps,
    } in fetched
    {
        let Some(&platform_load) = platform_loads.get(&task.activity_id) else {
            continue;
        };
        let athlete = profiles
            .of(store, connection, &task.athlete_id)
            .await?
            .cloned();
        work.push((task, streams, laps, platform_load, athlete));
    }
    let ready = tokio::task::spawn_blocking(move || {
        let mut encoder = codec::Encoder::new();
        work.into_iter()
            .map(|(task, streams, laps, platform_load, athlete)| {
                let figures = figures::compute(platform_load, athlete.as_ref(), &streams.streams);
                let encoded = EncodedStreams::new(&streams.streams, &mut encoder);
                (task, encoded, streams.json_bytes, figures, laps)
            })
            .collect::<Vec<_>>()
    })
    .await
    .map_err(|e| match e.try_into_panic() {
        Ok(panic) => std::panic::resume_unwind(panic),
        Err(_) => SyncError::Cancelled,
    })?;
    let batch: Vec<StreamsToSave<'_>> = ready
        .iter()
        .map(|(task, encoded, json_bytes, figures, laps)| StreamsToSave {
            activity_id: &task.activity_id,
            fingerprint: &task.fingerprint,
            streams: encoded,
            json_bytes: *json_bytes,
            figures,
            laps: laps.as_deref(),
        })
        .collect();
    store.save_stream_batch(connection, &batch).await?;
    Ok(())
}

/// One activity's streams and laps from the platform; none when the platform no longer has
/// it (the next summaries sync removes it). A laps request that fails fails the activity as a
/// streams request would: nothing of it is saved, and a later sync asks again.
async fn fetch_task(session: &Session<'_>, task: StreamTask) -> Result<Fetched, SyncError> {
    let streams = match fetch(session, &task).await {
        Ok(streams) => streams,
        Err(SyncError::Provider(ProviderError::NotFound(_))) => FetchedStreams {
            streams: Streams::default(),
            json_bytes: 0,
        },
        Err(e) => return Err(e),
    };
    let laps = fetch_laps(session, &task).await?;
    Ok(Fetched {
        task,
        streams,
        laps,
    })
}

/// The activity's laps: none to ask for on VeloPeak; on Intervals.icu its intervals, an empty
/// list when the platform answers that it does not know the activity.
async fn fetch_laps(
    session: &Session<'_>,
    task: &StreamTask,
) -> Result<Option<Vec<Lap>>, SyncError> {
    match &session.platform {
        Platform::Velopeak(_) => Ok(None),
        Platform::Intervals(client) => match session.run(client.laps(&task.activity_id)).await {
            Ok(laps) => Ok(Some(laps)),
            Err(SyncError::Provider(ProviderError::NotFound(_))) => Ok(Some(Vec::new())),
            Err(e) => Err(e),
        },
    }
}

async fn fetch(session: &Session<'_>, task: &StreamTask) -> Result<FetchedStreams, SyncError> {
    match &session.platform {
        Platform::Velopeak(client) => {
            session
                .call(|token| async move {
                    client
                        .streams(&token, &task.athlete_id, &task.activity_id)
                        .await
                })
                .await
        }
        Platform::Intervals(client) => session.run(client.streams(&task.activity_id)).await,
    }
}
