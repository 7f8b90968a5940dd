//! The sync benchmark (`cargo bench -p offpeak-sync --bench sync`, or `scripts/bench sync`):
//! ten years of one athlete (the sandbox's decade data set) synced over loopback into a fresh
//! cache, with figures printed, never asserted:
//!
//! 1. how long until the current month is in the cache, exactly as the server has it;
//! 2. the full sync (summaries and every activity's streams) next to a plain fetch of the very
//!    requests it made, with the same client settings and as many in flight;
//! 3. a sync when nothing changed: its requests per kind, and its time;
//! 4. the room streams take on disk against their JSON, and the size of the SQLite file.
//!
//! Run it in release mode; it takes one to a few minutes on two cores, as busy as they are.

mod cpu;
mod month;
mod phases;
mod plain;
mod relay;
mod report;
mod world;

use offpeak_domain::Month;
use offpeak_store::StreamStorage;
use offpeak_sync::{StreamsPolicy, Syncer};
use relay::Relay;
use report::{Figures, Incremental};
use std::time::{Duration, Instant};
use world::Device;

/// Streams the engine fetches side by side from a VeloPeak-style platform
/// (`engine/streams.rs`); the plain fetch keeps as many in flight.
const STREAMS_IN_FLIGHT: usize = 4;

/// The longest the current month is waited for.
const MONTH_DEADLINE: Duration = Duration::from_secs(120);

#[tokio::main]
async fn main() {
    let today = chrono::Local::now().date_naive();
    let sandbox = world::sandbox(today).await;
    let truth = sandbox.truth();
    let owner = truth.owner().id.clone();
    let upstream = sandbox.origin().trim_start_matches("http://").to_owned();
    let relay = Relay::start(upstream).await;

    // The list of requests a full sync makes, recorded from a sync on a cache of its own.
    let recording = Device::connect(&sandbox, StreamsPolicy::All).await;
    let recorder = Syncer::new(
        recording.store.clone(),
        recording.vault.clone(),
        relay.client(),
    );
    recorder
        .sync(&recording.connection.id)
        .await
        .expect("the recorded sync succeeds");
    let recorded = relay.take();

    // The measured sync, on a fresh cache, the current month watched meanwhile, between two
    // plain fetches: the machine's load drifts, and a sync is compared with both.
    let token = recording.access_token().await;
    let plain_before = cpu::of(plain::fetch(
        &offpeak_provider::http_client(),
        &token,
        &recorded,
        STREAMS_IN_FLIGHT,
    ))
    .await;
    let device = Device::connect(&sandbox, StreamsPolicy::All).await;
    let id = device.connection.id.clone();
    let syncer = Syncer::new(
        device.store.clone(),
        device.vault.clone(),
        offpeak_provider::http_client(),
    );
    let month = Month::containing(today);
    let month_truth = month::MonthItems::truth(&truth, &owner, month);
    let started = Instant::now();
    let watcher = month::watch(
        device.store.clone(),
        owner.clone(),
        month,
        month_truth.clone(),
        started,
        MONTH_DEADLINE,
    );
    let streams_phase = phases::streams_started(syncer.progress().subscribe(), started);
    let (report, full_cpu) = cpu::of(syncer.sync(&id)).await;
    let report = report.expect("the full sync succeeds");
    let full = started.elapsed();
    let month_time = watcher.await.expect("the watcher runs");
    let summaries_time = streams_phase.await.expect("the progress watcher runs");
    let full_stats = syncer.request_stats(&id);
    let plain_after = cpu::of(plain::fetch(
        &offpeak_provider::http_client(),
        &token,
        &recorded,
        STREAMS_IN_FLIGHT,
    ))
    .await;

    // Nothing changed: once measured, once through the relay to tell the requests apart.
    let before = syncer.request_stats(&id);
    let started = Instant::now();
    syncer.sync(&id).await.expect("the no-change sync succeeds");
    let incremental_time = started.elapsed();
    let after = syncer.request_stats(&id);
    let counting = Syncer::new(device.store.clone(), device.vault.clone(), relay.client());
    counting
        .sync(&id)
        .await
        .expect("the counted no-change sync succeeds");
    let counted = relay.take();

    let storage: StreamStorage = device
        .store
        .stream_storage(Some(&id))
        .await
        .expect("the cache reads");
    let cached_month = month::MonthItems::cached(&device.store, &owner, month).await;
    device.store.close().await;
    let sqlite_bytes = std::fs::metadata(device.cache_file()).map_or(0, |m| m.len());

    let with_streams = truth
        .activities
        .iter()
        .filter(|a| a.athlete_id == owner && !a.stream_types.is_empty())
        .count();
    let figures = Figures {
        cores: std::thread::available_parallelism().map_or(0, usize::from),
        truth_workouts: truth.workouts.len(),
        truth_activities: truth.activities.len(),
        truth_with_streams: with_streams,
        month,
        month_time,
        month_matches_at_end: cached_month == month_truth,
        summaries_time,
        report,
        full,
        full_stats,
        full_cpu,
        recorded,
        plain: [plain_before, plain_after],
        streams_in_flight: STREAMS_IN_FLIGHT,
        incremental: Incremental {
            time: incremental_time,
            requests: after.requests - before.requests,
            not_modified: after.not_modified - before.not_modified,
            counted,
        },
        storage,
        sqlite_bytes,
    };
    println!("{}", figures.render());
    sandbox.shutdown().await;
}
