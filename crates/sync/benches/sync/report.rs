//! The benchmark's figures and how they are printed: a small table, each figure next to its
//! target, and a few lines saying how it was measured.

use crate::plain::{self, Fetched};
use crate::relay::Request;
use crate::world::UNBINDING_LIMITS;
use offpeak_domain::Month;
use offpeak_provider::manners::RequestStats;
use offpeak_store::StreamStorage;
use offpeak_sync::SyncReport;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::Duration;

/// Targets.
const MONTH_TARGET_S: f64 = 2.0;
const RATIO_TARGET: f64 = 1.3;
const REQUESTS_PER_KIND_TARGET: u64 = 3;
const STORAGE_TARGET: f64 = 0.35;

/// A sync when nothing changed.
pub struct Incremental {
    pub time: Duration,
    pub requests: u64,
    pub not_modified: u64,
    /// The requests of a second such sync, through the relay.
    pub counted: Vec<Request>,
}

pub struct Figures {
    pub cores: usize,
    pub truth_workouts: usize,
    pub truth_activities: usize,
    pub truth_with_streams: usize,
    pub month: Month,
    pub month_time: Option<Duration>,
    pub month_matches_at_end: bool,
    /// From the start of the full sync until its streams phase began.
    pub summaries_time: Option<Duration>,
    pub report: SyncReport,
    pub full: Duration,
    pub full_stats: RequestStats,
    pub recorded: Vec<Request>,
    /// Processor time of the whole process (the sandbox's included) during the full sync.
    pub full_cpu: Option<Duration>,
    /// The plain fetch just before the full sync and just after it, with the processor time
    /// it took.
    pub plain: [(Fetched, Option<Duration>); 2],
    pub streams_in_flight: usize,
    pub incremental: Incremental,
    pub storage: StreamStorage,
    pub sqlite_bytes: u64,
}

/// The kind of resource a request reads.
fn kind(request: &Request) -> &'static str {
    let Some(path) = request.api_path() else {
        return "other (OAuth)";
    };
    let segments: Vec<&str> = path.split('/').collect();
    match segments.as_slice() {
        ["athletes"] => "athletes",
        ["athlete"] => "profile",
        ["workouts"] => "workouts",
        ["activities"] => "activities",
        ["activities", _, "streams"] => "streams",
        ["workouts", _] | ["activities", _] => "single items",
        _ => "other",
    }
}

fn per_kind(requests: &[Request]) -> BTreeMap<&'static str, u64> {
    let mut counts = BTreeMap::new();
    for kind in ["athletes", "profile", "workouts", "activities", "streams"] {
        counts.insert(kind, 0);
    }
    for request in requests {
        *counts.entry(kind(request)).or_default() += 1;
    }
    counts
}

/// One line of the table: a figure, its value, and its target with whether it was met.
fn row(out: &mut String, name: &str, value: &str, target: Option<(&str, bool)>) {
    let (target, result) = match target {
        Some((target, true)) => (target, "met"),
        Some((target, false)) => (target, "MISSED"),
        None => ("", ""),
    };
    let _ = writeln!(out, "{name:<48} {value:>12}   {target:<8} {result}");
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

impl Figures {
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.header(&mut out);
        row(&mut out, "figure", "value", Some(("target", true)));
        let out = &mut out;

        let month = self.month_time.map(|d| d.as_secs_f64());
        row(
            out,
            &format!("1  current month ({}) in the cache", self.month),
            &month.map_or("not in 120 s".into(), |s| format!("{s:.2} s")),
            Some(("≤ 2 s", month.is_some_and(|s| s <= MONTH_TARGET_S))),
        );

        let plain: Vec<f64> = self
            .plain
            .iter()
            .map(|(p, _)| p.elapsed.as_secs_f64())
            .collect();
        let plain_mean = plain.iter().sum::<f64>() / plain.len() as f64;
        let ratio = self.full.as_secs_f64() / plain_mean;
        row(
            out,
            &format!(
                "2  full sync: summaries + {} streams",
                self.report.streams_fetched
            ),
            &seconds(self.full),
            None,
        );
        row(
            out,
            "     of which summaries (until streams began)",
            &self.summaries_time.map_or("?".into(), seconds),
            None,
        );
        row(
            out,
            &format!(
                "   plain fetch of its {} requests, before",
                self.recorded.len()
            ),
            &format!("{:.2} s", plain[0]),
            None,
        );
        row(
            out,
            "                                     and after",
            &format!("{:.2} s", plain[1]),
            None,
        );
        let cpu = |d: Option<Duration>| d.map_or("?".into(), seconds);
        row(
            out,
            "   processor time (this process): full sync",
            &cpu(self.full_cpu),
            None,
        );
        row(
            out,
            "     plain fetch before, after",
            &format!("{}, {}", cpu(self.plain[0].1), cpu(self.plain[1].1)),
            None,
        );
        row(
            out,
            "   full sync / plain fetch (mean of both)",
            &format!("{ratio:.2}×"),
            Some(("≤ 1.3×", ratio <= RATIO_TARGET)),
        );

        row(
            out,
            "3  no-change sync",
            &format!("{:.3} s", self.incremental.time.as_secs_f64()),
            None,
        );
        for (kind, n) in per_kind(&self.incremental.counted) {
            row(
                out,
                &format!("     requests: {kind}"),
                &n.to_string(),
                Some(("≤ 3", n <= REQUESTS_PER_KIND_TARGET)),
            );
        }
        row(
            out,
            "     answered 304 Not Modified",
            &format!(
                "{} of {}",
                self.incremental.not_modified, self.incremental.requests
            ),
            None,
        );

        let storage = &self.storage;
        let share = storage.stored_bytes as f64 / storage.json_bytes.max(1) as f64;
        row(
            out,
            "4  streams on disk / their JSON",
            &format!("{:.1}%", share * 100.0),
            Some(("≤ 35%", share <= STORAGE_TARGET)),
        );
        row(
            out,
            "     on disk, JSON",
            &format!(
                "{:.1} MB, {:.1} MB",
                mb(storage.stored_bytes),
                mb(storage.json_bytes)
            ),
            None,
        );
        row(
            out,
            "   SQLite file after closing",
            &format!("{:.1} MB", mb(self.sqlite_bytes)),
            None,
        );
        let _ = writeln!(out);
        self.notes(out);
        std::mem::take(out)
    }

    fn header(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "offpeak-sync bench: the decade data set over loopback, on a machine with {} cores",
            self.cores
        );
        let _ = writeln!(
            out,
            "setup: the sandbox runs in this process on 127.0.0.1:0 with rate limits that do not \
             bind ({} requests per {} s and a day); each sync starts from a fresh temporary cache \
             and an in-memory keychain, connected through the OAuth flow; streams policy: all",
            UNBINDING_LIMITS.per_window,
            UNBINDING_LIMITS.window.as_secs(),
        );
        let _ = writeln!(
            out,
            "data: {} planned workouts, {} activities ({} with streams); the full sync cached {} \
             workouts and {} activities with their streams",
            self.truth_workouts,
            self.truth_activities,
            self.truth_with_streams,
            self.report.workouts,
            self.report.activities,
        );
        let _ = writeln!(out);
    }

    fn notes(&self, out: &mut String) {
        let streams = self
            .recorded
            .iter()
            .filter(|r| plain::is_streams(r))
            .count();
        let _ = writeln!(
            out,
            "1: from the start of the sync; the cache is read every 10 ms until the month's planned \
             workouts and activities (ids, days, names, versions) equal the server's{}.",
            if self.month_matches_at_end {
                ""
            } else {
                " — AND THEY DIFFER AT THE END"
            }
        );
        let _ = writeln!(
            out,
            "2: the full sync sent {} requests ({:.1} MB of bodies, {} retries, {} answered 429). \
             The URL list comes from a first sync of the same data set into a cache of its own, \
             through a relay that records each request line and passes the bytes on untouched: \
             {} requests, {} of them streams. The plain fetch sends those GETs with the same \
             client (gzip, same settings): the others one at a time in their order, then the \
             streams {} at a time, as the sync does, reading each body whole and dropping it.",
            self.full_stats.requests,
            mb(self.full_stats.bytes),
            self.full_stats.retries,
            self.full_stats.rate_limited,
            self.recorded.len(),
            streams,
            self.streams_in_flight,
        );
        for (when, (fetched, _)) in ["before", "after"].iter().zip(&self.plain) {
            let _ = writeln!(
                out,
                "   plain fetch {when}: {} requests, {:.1} MB, {} not answered 200.",
                fetched.requests,
                mb(fetched.bytes),
                fetched.not_ok
            );
        }
        let _ = writeln!(
            out,
            "3: a sync right after the full one; the kinds are told apart on a second such sync \
             through the relay ({} requests).",
            self.incremental.counted.len()
        );
        let _ = writeln!(
            out,
            "4: `Store::stream_storage`: {} activities, {} series; the JSON is the bodies' size \
             decompressed.",
            self.storage.activities, self.storage.series
        );
    }
}
