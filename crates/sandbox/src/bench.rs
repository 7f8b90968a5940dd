//! The sandbox's benchmark (`offpeak-sandbox bench`): how long a data set takes to be ready to
//! serve, and how fast full pages, the change feed, streams and 304s come back over loopback.
//! Figures are printed, never asserted: run it in release mode.

use std::fmt::Write;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use crate::config::{DEMO_CLIENT_ID, RateLimits, SandboxConfig};
use crate::data::DatasetSize;
use crate::scope::Scope;
use crate::server::RunningSandbox;

/// Latencies of a series of requests.
struct Series {
    name: String,
    times: Vec<Duration>,
    bytes: u64,
}

impl Series {
    fn new(name: impl Into<String>) -> Series {
        Series {
            name: name.into(),
            times: Vec::new(),
            bytes: 0,
        }
    }

    fn line(&mut self) -> String {
        self.times.sort();
        let pick = |q: f64| {
            let i = ((self.times.len() as f64 - 1.0) * q).round() as usize;
            self.times.get(i).copied().unwrap_or_default()
        };
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        format!(
            "{:<38} n={:<4} p50 {:>7.2} ms  p95 {:>7.2} ms  max {:>7.2} ms  {:>9} bytes",
            self.name,
            self.times.len(),
            ms(pick(0.5)),
            ms(pick(0.95)),
            ms(pick(1.0)),
            self.bytes
        )
    }
}

async fn get(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    series: &mut Series,
) -> Result<serde_json::Value, String> {
    let started = Instant::now();
    let response = client
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status();
    let body = response.bytes().await.map_err(|e| e.to_string())?;
    series.times.push(started.elapsed());
    series.bytes += body.len() as u64;
    if !status.is_success() {
        return Err(format!("{url}: HTTP {status}"));
    }
    serde_json::from_slice(&body).map_err(|e| format!("{url}: {e}"))
}

/// Walks a whole list with `limit=200`; returns the number of items.
async fn walk(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    series: &mut Series,
) -> Result<usize, String> {
    let mut cursor: Option<String> = None;
    let mut count = 0;
    loop {
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = match &cursor {
            Some(c) => format!("{base}{sep}limit=200&cursor={c}"),
            None => format!("{base}{sep}limit=200"),
        };
        let page = get(client, &url, token, series).await?;
        count += page["data"].as_array().map_or(0, Vec::len);
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => return Ok(count),
        }
    }
}

/// Runs the benchmark on a data set and returns the printed report.
pub async fn run(size: DatasetSize) -> Result<String, String> {
    let anchor = chrono::Local::now().date_naive();
    // The benchmark measures the server, not its manners: no rate limit.
    let config = SandboxConfig {
        dataset: size,
        rate_limits: RateLimits {
            per_window: u32::MAX,
            per_day: u32::MAX,
            ..RateLimits::default()
        },
        ..SandboxConfig::demo(anchor)
    };
    let addr = SocketAddr::from(([127, 0, 0, 1], 0));
    let mut out = String::new();
    let _ = writeln!(out, "offpeak-sandbox bench: {} data set", size.as_str());
    let mut starts = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let sandbox = RunningSandbox::start(config.clone(), addr)
            .await
            .map_err(|e| e.to_string())?;
        starts.push(started.elapsed());
        sandbox.shutdown().await;
    }
    starts.sort();
    let sandbox = RunningSandbox::start(config, addr)
        .await
        .map_err(|e| e.to_string())?;
    let truth = sandbox.truth();
    let _ = writeln!(
        out,
        "ready to serve (generate + bind), 3 starts: {}",
        starts
            .iter()
            .map(|d| format!("{:.0} ms", d.as_secs_f64() * 1000.0))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        out,
        "data: {} athletes, {} planned workouts, {} activities",
        truth.athletes.len(),
        truth.workouts.len(),
        truth.activities.len()
    );
    let now = sandbox.state.clock.now();
    let token = sandbox
        .state
        .auth()
        .grant_directly(DEMO_CLIENT_ID, &truth.owner().id, Scope::READ.to_vec(), now)
        .access_token;
    let origin = sandbox.origin();
    let plain = reqwest::Client::builder()
        .no_gzip()
        .no_proxy()
        .build()
        .map_err(|e| e.to_string())?;
    let gzip = reqwest::Client::builder()
        .no_proxy()
        .build()
        .map_err(|e| e.to_string())?;
    let mut lines = Vec::new();
    // A coach reads every athlete who shares with them, one `athlete_id` at a time.
    let athletes: Vec<String> = truth
        .readable_by(&truth.owner().id)
        .iter()
        .map(|a| a.id.clone())
        .collect();
    for (label, client) in [("", &plain), (" (gzip)", &gzip)] {
        let mut activities = Series::new(format!("activities, full pages of 200{label}"));
        let mut workouts = Series::new(format!("workouts, full pages of 200{label}"));
        let mut feed = Series::new(format!("activity change feed{label}"));
        let mut n = 0;
        for athlete in &athletes {
            let base = format!("{origin}/api/v1/activities?athlete_id={athlete}");
            n += walk(client, &base, &token, &mut activities).await?;
            let base = format!("{origin}/api/v1/workouts?athlete_id={athlete}");
            walk(client, &base, &token, &mut workouts).await?;
            let base = format!(
                "{origin}/api/v1/activities?athlete_id={athlete}&updated_since=2000-01-01T00:00:00Z"
            );
            walk(client, &base, &token, &mut feed).await?;
        }
        if n != truth.activities.len() {
            return Err(format!(
                "walked {n} activities of {}",
                truth.activities.len()
            ));
        }
        lines.extend([activities.line(), workouts.line(), feed.line()]);
    }
    let longest = truth
        .activities
        .iter()
        .max_by_key(|a| a.elapsed_time_s)
        .ok_or("no activities")?;
    for (label, client) in [("", &plain), (" (gzip)", &gzip)] {
        let mut streams = Series::new(format!(
            "streams of a {:.1} h activity{label}",
            f64::from(longest.elapsed_time_s) / 3600.0
        ));
        for _ in 0..10 {
            get(
                client,
                &format!("{origin}/api/v1/activities/{}/streams", longest.id),
                &token,
                &mut streams,
            )
            .await?;
        }
        streams.bytes /= 10;
        lines.push(streams.line());
    }
    let first_page = format!("{origin}/api/v1/activities?limit=200");
    let tag = plain
        .get(&first_page)
        .bearer_auth(&token)
        .send()
        .await
        .map_err(|e| e.to_string())?
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .ok_or("no ETag")?;
    let mut not_modified = Series::new("same page with If-None-Match (304)");
    for _ in 0..20 {
        let started = Instant::now();
        let response = plain
            .get(&first_page)
            .bearer_auth(&token)
            .header("if-none-match", &tag)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if response.status() != 304 {
            return Err(format!("expected 304, got {}", response.status()));
        }
        not_modified.times.push(started.elapsed());
    }
    lines.push(not_modified.line());
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    sandbox.shutdown().await;
    Ok(out)
}
