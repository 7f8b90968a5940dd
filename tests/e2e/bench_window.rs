//! The window benchmark (`scripts/bench window`), figures printed, never asserted: the app
//! started on the decade cache (ten years, every stream) that `scripts/bench browse` leaves in
//! `$OFFPEAK_BENCH_CACHE/offpeak/cache.sqlite`, five times from cold:
//!
//! - from launching the app to the calendar painted with its cards, as seen over WebDriver
//!   (the process start, the webview, the first commands and the first paint);
//! - the month view as the window asks for it, through the IPC bridge (40 months, 3 rounds);
//! - then, after browsing (a year of months back and forth, the week view, three activities'
//!   pages with all their charts), the resident memory of the app and its web processes.

use crate::support::launch::launch_with_cache;
use crate::support::screens::{ONE_WINDOW, previous_month};
use crate::support::webdriver::Session;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const APP: &str = env!("CARGO_BIN_EXE_offpeak");

/// `(pid, name, parent)` of every process.
fn processes() -> Vec<(u32, String, u32)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(status) = std::fs::read_to_string(entry.path().join("status")) else {
            continue;
        };
        let field = |key: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_owned()))
                .unwrap_or_default()
        };
        found.push((pid, field("Name:"), field("PPid:").parse().unwrap_or(0)));
    }
    found
}

/// Kilobytes of `key` (`VmRSS:` in status, `Pss:` in smaps_rollup) of a process.
fn kilobytes(pid: u32, file: &str, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/{file}"))
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.split_whitespace().next().and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

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

/// Resident and proportional megabytes of the app and its web processes, each printed.
fn memory(label: &str) -> (f64, f64) {
    let mut rss = 0;
    let mut pss = 0;
    for (pid, name) in &app_processes() {
        let (r, p) = (
            kilobytes(*pid, "status", "VmRSS:"),
            kilobytes(*pid, "smaps_rollup", "Pss:"),
        );
        println!(
            "  {label}: {name} (pid {pid}) resident {:.0} MB, proportional {:.0} MB",
            r as f64 / 1024.0,
            p as f64 / 1024.0
        );
        rss += r;
        pss += p;
    }
    (rss as f64 / 1024.0, pss as f64 / 1024.0)
}

/// The app's process and its descendants (the WebKit web and network processes).
fn app_processes() -> Vec<(u32, String)> {
    let all = processes();
    let mut family: Vec<(u32, String)> = all
        .iter()
        .filter(|(_, name, _)| name == "offpeak")
        .map(|(pid, name, _)| (*pid, name.clone()))
        .collect();
    let mut grew = true;
    while grew {
        grew = false;
        for (pid, name, parent) in &all {
            if family.iter().any(|(p, _)| p == parent) && !family.iter().any(|(p, _)| p == pid) {
                family.push((*pid, name.clone()));
                grew = true;
            }
        }
    }
    family
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
        let app_pid = app_processes().first().map(|(pid, _)| *pid);
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
        let (rss, pss) = memory("at start");
        println!("at start: {rss:.0} MB resident ({pss:.0} MB proportional)");

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

        // Browse: a year back and forth, the week view, three activities.
        for _ in 0..12 {
            previous_month(&session).await;
        }
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
            session
                .wait_for(
                    "[data-testid=series-chart], [data-testid=streams-note]",
                    Duration::from_secs(30),
                )
                .await;
            session.click("[data-testid=back]").await;
        }
        let (rss, pss) = memory("after browsing");
        println!(
            "after browsing: the app and its web processes hold {rss:.0} MB resident ({pss:.0} MB proportional to what they share)"
        );
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
