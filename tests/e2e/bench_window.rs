//! The window benchmark (`scripts/bench window`), figures printed, never asserted: the app
//! started on the decade cache (ten years, every stream) that `scripts/bench browse` leaves in
//! `$OFFPEAK_BENCH_CACHE/offpeak/cache.sqlite`, five times from cold:
//!
//! - from launching the app to the calendar painted with its cards, as seen over WebDriver
//!   (the process start, the webview, the first commands and the first paint);
//! - the month view as the window asks for it, through the IPC bridge (40 months, 3 rounds);
//! - the memory of the app and its web processes at start and while browsing (a year of months
//!   back and forth, the week view, three activities' pages with their charts hovered, the
//!   fitness chart), measured after every step; the largest is the figure for the budget.

use crate::support::launch::launch_with_cache;
use crate::support::memory::{self, Memory};
use crate::support::screens::{ONE_WINDOW, previous_month};
use crate::support::webdriver::Session;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const APP: &str = env!("CARGO_BIN_EXE_offpeak");
/// The app's process name.
const APP_NAME: &str = "offpeak";

/// When the process `pid` started, in milliseconds since the Unix epoch (to 10 ms): its start
/// in clock ticks after boot (`/proc/<pid>/stat`), and boot placed on the wall clock by
/// `/proc/uptime` read next to the clock.
fn started_at_ms(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let ticks: f64 = after_name.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs_f64()
        * 1e3;
    // Linux counts the start in ticks of USER_HZ, 100 per second.
    Some(now_ms - uptime * 1e3 + ticks * 10.0)
}

/// The largest of the measures taken while browsing (by pages held, else proportional).
#[derive(Default)]
struct Peak {
    worst: Option<Memory>,
}

impl Peak {
    fn add(&mut self, now: Memory) {
        let size = |m: &Memory| m.held.unwrap_or(m.proportional);
        if self.worst.as_ref().is_none_or(|w| size(&now) > size(w)) {
            self.worst = Some(now);
        }
    }
}

#[tokio::test]
#[ignore = "a benchmark: run it with scripts/bench window"]
async fn bench_window() {
    let Some(cache) = std::env::var_os("OFFPEAK_BENCH_CACHE")
        .map(|dir| PathBuf::from(dir).join("offpeak/cache.sqlite"))
        .filter(|p| p.exists())
    else {
        println!("no decade cache: run scripts/bench browse with OFFPEAK_BENCH_CACHE set first");
        return;
    };
    let _window = ONE_WINDOW.lock().await;
    let mut starts = Vec::new();
    for round in 0..5 {
        let app = launch_with_cache(Some(&cache)).await;
        let launched = Instant::now();
        let session = Session::start(&app.driver.url, APP).await;
        session
            .wait_for("[data-testid=calendar-item]", Duration::from_secs(60))
            .await;
        let painted = launched.elapsed();
        // The page marks the first paint of the calendar; the process's start is in /proc.
        let mark = r#"
            const done = arguments[arguments.length - 1];
            const look = () => {
              const m = performance.getEntriesByName('offpeak:calendar-painted')[0];
              if (m) done([performance.timeOrigin + m.startTime, m.startTime]); else setTimeout(look, 5);
            };
            look();
        "#;
        let marked = session.execute_async(mark).await;
        let painted_at = marked[0].as_f64().unwrap_or(0.0);
        let in_page = marked[1].as_f64().unwrap_or(0.0);
        let app_pid = memory::app_processes(APP_NAME).first().map(|(pid, _)| *pid);
        let from_exec = app_pid
            .and_then(started_at_ms)
            .map(|start| painted_at - start);
        starts.push(from_exec.unwrap_or(painted.as_secs_f64() * 1e3));
        println!(
            "start {}: calendar painted {:.0} ms after the app process started ({in_page:.0} ms after its page began loading; {:.0} ms after asking WebDriver for a session)",
            round + 1,
            from_exec.unwrap_or(f64::NAN),
            painted.as_secs_f64() * 1e3
        );
        if round < 4 {
            session.end().await;
            continue;
        }
        let at_start = memory::measure(APP_NAME, "at start");
        println!("at start: {at_start}");
        let mut peak = Peak::default();

        // The month view as the window asks for it: the command through the IPC bridge and back.
        let timed = r#"
            const done = arguments[arguments.length - 1];
            (async () => {
              const times = [];
              const today = new Date();
              for (let round = 0; round < 3; round++) {
                for (let back = 0; back < 40; back++) {
                  const d = new Date(Date.UTC(today.getFullYear(), today.getMonth() - back, 1));
                  const key = d.toISOString().slice(0, 7);
                  const t = performance.now();
                  await window.__TAURI_INTERNALS__.invoke('calendar', {request: {athlete: null, span: 'month', key}});
                  times.push(performance.now() - t);
                }
              }
              done(times);
            })().catch(e => done(String(e)));
        "#;
        let answer = session.execute_async(timed).await;
        let mut ipc: Vec<f64> = answer
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
            .unwrap_or_default();
        assert!(!ipc.is_empty(), "the timing script answered {answer}");
        ipc.sort_by(f64::total_cmp);
        let at = |q: f64| ipc[((ipc.len() as f64 - 1.0) * q).round() as usize];
        println!(
            "month view through the IPC bridge (invoke to answer, in the page): n={} p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            ipc.len(),
            at(0.5),
            at(0.95),
            ipc[ipc.len() - 1]
        );

        // Browse, measuring after every step: a year back and forth, the week view, three
        // activities (their charts hovered), the fitness chart over its default range.
        for _ in 0..12 {
            previous_month(&session).await;
        }
        peak.add(memory::measure(APP_NAME, "a year back"));
        session
            .click("[data-testid=today-button] button, [data-testid=today]")
            .await;
        session.click("[data-testid=view-week]").await;
        session.click("[data-testid=view-month]").await;
        for i in 0..3 {
            let cards = session
                .wait_for("[data-kind=completed]", Duration::from_secs(10))
                .await;
            session.click_element(&cards[i % cards.len()]).await;
            let shown = session
                .wait_for(
                    "[data-testid=series-chart], [data-testid=streams-note]",
                    Duration::from_secs(30),
                )
                .await;
            session.hover(&shown[0], 40, 0).await;
            peak.add(memory::measure(APP_NAME, &format!("activity {}", i + 1)));
            session.click("[data-testid=back]").await;
        }
        session.click("[data-testid=nav-fitness]").await;
        session
            .wait_for("[data-testid=fitness-chart]", Duration::from_secs(20))
            .await;
        peak.add(memory::measure(APP_NAME, "fitness"));
        session.click("[data-testid=back]").await;
        session
            .wait_for("[data-testid=calendar-item]", Duration::from_secs(10))
            .await;
        let after = memory::measure(APP_NAME, "back on the calendar");
        println!("after browsing, back on the calendar: {after}");
        peak.add(after);
        println!("while browsing, at most: {}", peak.worst.expect("measured"));
        session.end().await;
    }
    starts.sort_by(f64::total_cmp);
    println!(
        "cold start (process start to a painted calendar): p50 {:.0} ms, max {:.0} ms over {} starts",
        starts[starts.len() / 2],
        starts[starts.len() - 1],
        starts.len()
    );
}
