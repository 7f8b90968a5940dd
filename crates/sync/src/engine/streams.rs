//! Activity streams: fetched after the summaries, most recent activity first, a few at a
//! time, each written together with the figures computed from it (power curve, time in zones,
//! load), so browsing never recomputes history. Which activities get streams ahead of time is
//! the person's [`StreamsPolicy`]; an activity someone opens is fetched at once
//! ([`fetch_one`]), whatever the policy.

use super::session::{Platform, Session};
use crate::SyncError;
use crate::progress::SyncPhase;
use crate::settings::StreamsPolicy;
use chrono::NaiveDate;
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use offpeak_domain::{Athlete, Streams, figures};
use offpeak_provider::ProviderError;
use offpeak_provider::velopeak::FetchedStreams;
use offpeak_store::StreamTask;
use std::collections::{HashMap, HashSet};

/// Activities asked for at a time from the cache.
const BATCH: u32 = 32;

/// Streams fetched side by side.
fn concurrency(session: &Session<'_>) -> usize {
    match session.platform {
        Platform::Velopeak(_) => 4,
        // Ten requests a second are allowed; three in flight keep that pace on a slow line.
        Platform::Intervals(_) => 3,
    }
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
    let mut attempted = HashSet::new();
    let mut profiles = HashMap::new();
    let mut fetched = 0;
    loop {
        session.check_cancelled()?;
        let batch: Vec<StreamTask> = session
            .store
            .activities_needing_streams(connection, newer_than, BATCH)
            .await?
            .into_iter()
            .filter(|task| attempted.insert(task.activity_id.clone()))
            .collect();
        if batch.is_empty() {
            return Ok(fetched);
        }
        for task in &batch {
            if !profiles.contains_key(&task.athlete_id) {
                let profile = session
                    .store
                    .athlete_profile(connection, &task.athlete_id)
                    .await?;
                profiles.insert(task.athlete_id.clone(), profile);
            }
        }
        let mut running = FuturesUnordered::new();
        let mut queue = batch.into_iter();
        for task in queue.by_ref().take(concurrency(session)) {
            running.push(fetch_and_save(session, task, &profiles));
        }
        while let Some(result) = running.next().await {
            result?;
            fetched += 1;
            session.advance(1);
            if let Some(task) = queue.next() {
                running.push(fetch_and_save(session, task, &profiles));
            }
        }
    }
}

/// Fetches and keeps one activity's streams now (the activity a person opened).
pub(crate) async fn fetch_one(session: &Session<'_>, task: StreamTask) -> Result<(), SyncError> {
    let profile = session
        .store
        .athlete_profile(&session.record.id, &task.athlete_id)
        .await?;
    let profiles = HashMap::from([(task.athlete_id.clone(), profile)]);
    fetch_and_save(session, task, &profiles).await
}

async fn fetch_and_save(
    session: &Session<'_>,
    task: StreamTask,
    profiles: &HashMap<String, Option<Athlete>>,
) -> Result<(), SyncError> {
    let fetched = match fetch(session, &task).await {
        Ok(fetched) => fetched,
        // Gone at the platform: the next summaries sync removes it; until then it has none.
        Err(SyncError::Provider(ProviderError::NotFound(_))) => FetchedStreams {
            streams: Streams::default(),
            json_bytes: 0,
        },
        Err(e) => return Err(e),
    };
    let connection = &session.record.id;
    let Some(activity) = session
        .store
        .activity(connection, &task.activity_id)
        .await?
    else {
        return Ok(());
    };
    let athlete = profiles.get(&task.athlete_id).and_then(Option::as_ref);
    let figures = figures::compute(&activity, athlete, &fetched.streams);
    session
        .store
        .save_streams(
            connection,
            &task.activity_id,
            &task.fingerprint,
            &fetched.streams,
            fetched.json_bytes,
            &figures,
        )
        .await?;
    Ok(())
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
