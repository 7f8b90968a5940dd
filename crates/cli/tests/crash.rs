//! `offpeak-cli sync` killed with SIGKILL again and again — a random delay after a run's first
//! line of real work, or right at the first line of a phase no kill has hit yet — and
//! restarted until a run completes on its own. Ten years of data and recent streams make sure
//! the kills land on page writes of every phase. Then the cache must pass SQLite's integrity
//! check, equal the server item by item, and hold every stream the policy asks for, decodable. Needs a Secret Service, as `cli.rs` does: `scripts/test` starts one.

#[path = "../../sync/tests/common/truth/mod.rs"]
mod truth;

use chrono::{Local, Months};
use offpeak_domain::{ConnectionId, StreamKind};
use offpeak_sandbox::{
    DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_INTERVALS_KEY, DatasetSize, RateLimits,
    RunningSandbox, SandboxConfig, Variant,
};
use offpeak_store::Store;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

/// Kills a test must land, at least.
const KILLS: usize = 20;
/// Runs after which a sync that never completes fails the test.
const MAX_RUNS: usize = 400;
/// Phases every test must have killed a run in.
const PHASES: [&str; 4] = ["calendar", "history", "changes", "streams"];

/// Months of streams fetched ahead of time: three, or two on Intervals.icu, whose streams the
/// sandbox serves several times slower (it converts them from the VeloPeak shape).
fn stream_months(variant: Variant) -> u32 {
    match variant {
        Variant::Intervals => 2,
        _ => 3,
    }
}

fn cli(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_offpeak-cli"));
    command
        .env("OFFPEAK_DATA_DIR", data)
        .env("OFFPEAK_CLIENT_SECRET", DEMO_CLIENT_SECRET)
        .env("OFFPEAK_API_KEY", DEMO_INTERVALS_KEY)
        .kill_on_drop(true);
    command
}

async fn run_ok(data: &Path, args: &[&str]) -> String {
    let out = cli(data).args(args).output().await.unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{args:?}: {text}");
    text
}

/// Ten years of data around today, with limits no sync reaches.
async fn decade(variant: Variant) -> RunningSandbox {
    let today = Local::now().date_naive();
    RunningSandbox::start_local(SandboxConfig {
        dataset: DatasetSize::Decade,
        rate_limits: RateLimits {
            per_window: 1_000_000,
            window: Duration::from_secs(10),
            per_day: 100_000_000,
        },
        ..SandboxConfig::for_variant(variant, today)
    })
    .await
    .unwrap()
}

/// Signs in through the browser, the test approving on the consent page.
async fn login_velopeak(data: &Path, sandbox: &RunningSandbox) {
    let args = ["login", "velopeak", "--origin", &sandbox.origin()];
    let mut login = cli(data)
        .args(args)
        .args(["--client-id", DEMO_CLIENT_ID])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(login.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next_line().await.unwrap().expect("an address");
        if line.starts_with("http") {
            break line;
        }
    };
    offpeak_sandbox::approve(&url).await.unwrap();
    while lines.next_line().await.unwrap().is_some() {}
    assert!(login.wait().await.unwrap().success());
}

/// The phase a progress line names, and how many items the run has done in it:
/// `[connection] history: 120 (…)` or `[connection] streams: 3/40 (…)`.
fn progress_of(line: &str) -> Option<(&str, u64)> {
    let rest = line.strip_prefix('[')?.split_once("] ")?.1;
    let (phase, rest) = rest.split_once(": ")?;
    let done = rest.split([' ', '/']).next()?.parse().ok()?;
    Some((phase, done))
}

/// What happened to the runs.
#[derive(Debug, Default)]
struct Crashes {
    runs: usize,
    /// The phase of the last line each killed run printed.
    killed_in: Vec<String>,
}

/// How one run ended.
enum Ending {
    /// On its own, successfully.
    Completed,
    /// Killed in `phase`: at the random point, with `Some(true)` when it reported items done
    /// before, or at the first line of a phase (`None`).
    Killed {
        phase: String,
        progressed: Option<bool>,
    },
}

/// The longest a run is given before the kill: at first, and the bounds it moves between.
const FIRST_CAP: Duration = Duration::from_millis(800);
const SHORTEST_CAP: Duration = Duration::from_millis(200);
const LONGEST_CAP: Duration = Duration::from_secs(8);

/// Runs `sync` once and kills it at a random point: a random delay (up to `cap`) after its
/// first line of real work (the calendar, history or streams), or at once at the first line
/// of a phase no run was killed in yet.
async fn run_once(data: &Path, rng: &mut StdRng, crashes: &Crashes, cap: Duration) -> Ending {
    let mut child = cli(data)
        .arg("sync")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut deadline: Option<tokio::time::Instant> = None;
    let (mut phase, mut progressed, mut at_once) = (String::new(), false, false);
    let mut printed = Vec::new();
    loop {
        let kill_point = async {
            match deadline {
                Some(at) => tokio::time::sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            line = lines.next_line() => {
                let Some(line) = line.unwrap() else {
                    let status = child.wait().await.unwrap();
                    assert!(status.success(), "a run failed: {printed:?}");
                    return Ending::Completed;
                };
                if let Some((now_in, done)) = progress_of(&line) {
                    let work = ["calendar", "history", "streams"].contains(&now_in);
                    progressed |= work && done > 0;
                    let now = tokio::time::Instant::now();
                    if PHASES.contains(&now_in) && !crashes.killed_in.iter().any(|k| k == now_in) {
                        // Its first request is under way: a short phase may be over in
                        // milliseconds, and the calendar's comes once only.
                        deadline = Some(now);
                        at_once = true;
                    } else if work && deadline.is_none() {
                        let cap = cap.as_millis() as u64;
                        deadline = Some(now + Duration::from_millis(rng.random_range(0..=cap)));
                    }
                    phase = now_in.to_owned();
                }
                printed.push(line);
            }
            () = kill_point => {
                child.start_kill().unwrap();
                let status = child.wait().await.unwrap();
                return if status.success() {
                    Ending::Completed
                } else {
                    Ending::Killed { phase, progressed: (!at_once).then_some(progressed) }
                };
            }
        }
    }
}

/// Runs `sync` and kills it, again and again, until a run completes on its own, recording the
/// runs and kills in `crashes`. A run killed
/// before it reported anything done gives the next one twice the time, so that even the
/// longest page is written in the end; one that got work done gives the next one half, so
/// that the kills stay many however fast the machine.
async fn sync_through_kills(data: &Path, rng: &mut StdRng, crashes: &mut Crashes) {
    let mut cap = FIRST_CAP;
    loop {
        crashes.runs += 1;
        assert!(crashes.runs <= MAX_RUNS, "no run completed: {crashes:?}");
        match run_once(data, rng, crashes, cap).await {
            Ending::Completed => return,
            Ending::Killed { phase, progressed } => {
                crashes.killed_in.push(phase);
                cap = match progressed {
                    Some(true) => (cap / 2).max(SHORTEST_CAP),
                    Some(false) => (cap * 2).min(LONGEST_CAP),
                    None => cap,
                };
            }
        }
    }
}

/// Every stream the policy wants is cached and decodes, with its figures.
async fn assert_streams_complete(store: &Store, connection: &ConnectionId, months: u32) {
    let newer_than = Local::now()
        .date_naive()
        .checked_sub_months(Months::new(months))
        .unwrap();
    let mut checked = 0;
    for a in store.all_activities(connection).await.unwrap() {
        if a.stub || a.stream_types.is_empty() || a.local_date < newer_than {
            continue;
        }
        let streams = store
            .streams(connection, &a.id)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no streams for {}", a.id));
        let kinds: BTreeSet<StreamKind> = streams.series.iter().map(|(k, _)| *k).collect();
        let types: BTreeSet<StreamKind> = a
            .stream_types
            .iter()
            .filter_map(|t| StreamKind::parse(t))
            .collect();
        assert_eq!(kinds, types, "{}", a.id);
        assert!(!streams.is_empty());
        assert!(streams.series.iter().all(|(_, d)| d.len() == streams.len()));
        assert!(store.figures(connection, &a.id).await.unwrap().is_some());
        checked += 1;
    }
    assert!(checked >= 20, "{checked} activities with streams");
    let left = store
        .count_needing_streams(connection, Some(newer_than))
        .await
        .unwrap();
    assert_eq!(left, 0);
}

/// Logs in, asks for recent streams, syncs through the kills and checks the cache.
async fn crash_and_check(variant: Variant, seed: u64) {
    let sandbox = decade(variant).await;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    match variant {
        Variant::Intervals => {
            run_ok(data, &["login", "intervals", "--origin", &sandbox.origin()]).await;
        }
        _ => login_velopeak(data, &sandbox).await,
    }
    let mut months = stream_months(variant);
    run_ok(data, &["settings", "--streams", &months.to_string()]).await;

    let mut rng = StdRng::seed_from_u64(seed);
    let mut crashes = Crashes::default();
    sync_through_kills(data, &mut rng, &mut crashes).await;
    // A machine fast enough to finish before enough kills gets more to do: the streams of
    // three more months, fetched by runs that are killed in turn.
    while crashes.killed_in.len() < KILLS {
        months += 3;
        run_ok(data, &["settings", "--streams", &months.to_string()]).await;
        sync_through_kills(data, &mut rng, &mut crashes).await;
    }
    for phase in PHASES {
        assert!(
            crashes.killed_in.iter().any(|k| k == phase),
            "seed {seed}: no kill in {phase}: {crashes:?}"
        );
    }

    let mut per_phase: Vec<(&str, usize)> = Vec::new();
    for phase in &crashes.killed_in {
        match per_phase.iter_mut().find(|(p, _)| p == phase) {
            Some((_, n)) => *n += 1,
            None => per_phase.push((phase, 1)),
        }
    }
    eprintln!(
        "{variant:?}: {} runs, {} kills by phase {per_phase:?}",
        crashes.runs,
        crashes.killed_in.len()
    );

    let store = Store::open(&data.join("cache.sqlite")).await.unwrap();
    store.integrity_check().await.unwrap();
    let connection = store.connections().await.unwrap().remove(0).id;
    let truth = sandbox.truth();
    let diff = match variant {
        Variant::Intervals => {
            truth::intervals_differences(&store, &truth, &connection, None)
                .await
                .0
        }
        _ => {
            truth::velopeak_differences(&store, &truth, &connection, &truth.owner().id, None).await
        }
    };
    assert!(diff.is_empty(), "seed {seed}:\n{}", diff.join("\n"));
    assert_eq!(
        store.activity_count(&connection).await.unwrap() as usize,
        truth.activities.len(),
        "no duplicates"
    );
    assert_eq!(
        store.workout_count(&connection).await.unwrap() as usize,
        truth.workouts.len()
    );
    assert_streams_complete(&store, &connection, months).await;
    store.close().await;

    // A run after all that is an ordinary one.
    let text = run_ok(data, &["sync"]).await;
    assert!(text.contains("planned workouts"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a Secret Service (the OS keychain); scripts/test runs it"]
async fn velopeak_sync_survives_kills_at_random_points() {
    crash_and_check(Variant::VeloPeak, 0x5eed_0001).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a Secret Service (the OS keychain); scripts/test runs it"]
async fn intervals_sync_survives_kills_at_random_points() {
    crash_and_check(Variant::Intervals, 0x5eed_0002).await;
}
