//! The browsing benchmark (`scripts/bench browse`): ten years of one athlete (the sandbox's
//! decade data set, every activity's streams) synced into a fresh cache, then the screens'
//! commands timed as the window calls them, with figures printed, never asserted:
//!
//! 1. every month of the ten years and the weeks around today: the query, the view and its
//!    JSON (what crosses the IPC bridge);
//! 2. the page of the longest ride (all its charts drawn to SVG at 1200 px), and its JSON;
//! 3. the fitness chart over the whole history and the coach overview.
//!
//! With `OFFPEAK_BENCH_CACHE=<dir>`, the synced cache is copied to `<dir>/offpeak/cache.sqlite`
//! for the window benchmark (cold start and memory), which opens it as the app's own.

use crate::analysis_views::{ChartRequest, FitnessRequest, XAxisView};
use crate::app::App;
use crate::calendar_views::{AthleteRef, CalendarRequest, CalendarSpan};
use crate::sync_views::{StreamsChoice, SyncSettingsView};
use crate::test_world::approving_browser;
use chrono::{Days, Local};
use offpeak_domain::{ConnectionId, Month, Week};
use offpeak_sandbox::{
    DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DatasetSize, RateLimits, RunningSandbox, SandboxConfig,
};
use offpeak_store::Store;
use offpeak_vault::Vault;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: run it with scripts/bench browse"]
async fn browse_bench() {
    let today = Local::now().date_naive();
    let config = SandboxConfig {
        dataset: DatasetSize::Decade,
        rate_limits: RateLimits {
            per_window: u32::MAX,
            window: Duration::from_secs(10),
            per_day: u32::MAX,
        },
        ..SandboxConfig::demo(today)
    };
    let sandbox = RunningSandbox::start_local(config).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite");
    let store = Store::open(&cache).await.unwrap();
    let app = App::with_parts(
        store,
        Ok(Vault::in_memory("offpeak-bench")),
        approving_browser(),
    );
    app.save_sync_settings(SyncSettingsView {
        interval_minutes: 0,
        streams: StreamsChoice::All,
        months: 12,
    })
    .await
    .unwrap();
    let registration = app
        .register_app(crate::account_views::RegisterAppRequest {
            provider: "velopeak".into(),
            origin: sandbox.origin(),
            client_id: DEMO_CLIENT_ID.into(),
            client_secret: DEMO_CLIENT_SECRET.into(),
            redirect_ports: String::new(),
        })
        .await
        .unwrap();
    let account = app.login_oauth(registration.id).await.unwrap();
    let started = Instant::now();
    app.sync_now(account.id.clone()).await.unwrap();
    let connection = ConnectionId(account.id.clone());
    let activities = app.store.activity_count(&connection).await.unwrap();
    println!(
        "decade cache: {activities} activities with their streams, synced in {:.1} s, {:.0} MB",
        started.elapsed().as_secs_f64(),
        std::fs::metadata(&cache).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
    );
    let athlete = AthleteRef {
        connection_id: account.id.clone(),
        athlete_id: account.athlete_id.clone(),
    };

    // 1. Months and weeks.
    let mut month = Month::containing(today);
    let mut months = Vec::new();
    for _ in 0..121 {
        months.push(month);
        month = month.previous();
    }
    let mut month_ms = Vec::new();
    let mut month_bytes = 0;
    for _round in 0..3 {
        for m in &months {
            let request = CalendarRequest {
                athlete: Some(athlete.clone()),
                span: CalendarSpan::Month,
                key: Some(m.to_string()),
            };
            let t = Instant::now();
            let view = app.calendar(request).await.unwrap();
            let json = serde_json::to_string(&view).unwrap();
            month_ms.push(t.elapsed().as_secs_f64() * 1e3);
            month_bytes = month_bytes.max(json.len());
        }
    }
    report("month view, query + view + JSON", &mut month_ms);
    println!("  largest month answer: {:.1} kB", month_bytes as f64 / 1e3);
    let mut week_ms = Vec::new();
    let mut week = Week::containing(today - Days::new(7 * 52));
    for _ in 0..60 {
        let request = CalendarRequest {
            athlete: Some(athlete.clone()),
            span: CalendarSpan::Week,
            key: Some(week.to_string()),
        };
        let t = Instant::now();
        let view = app.calendar(request).await.unwrap();
        let _json = serde_json::to_string(&view).unwrap();
        week_ms.push(t.elapsed().as_secs_f64() * 1e3);
        week = week.next();
    }
    report("week view, query + view + JSON", &mut week_ms);

    // 2. The longest ride's page.
    let all = app.store.all_activities(&connection).await.unwrap();
    let longest = all
        .iter()
        .filter(|a| a.stream_types.iter().any(|t| t == "watts"))
        .max_by_key(|a| a.elapsed_time_s)
        .expect("the decade has rides with power");
    let samples = app
        .store
        .streams(&connection, &longest.id)
        .await
        .unwrap()
        .map(|s| s.len())
        .unwrap_or(0);
    println!(
        "longest ride: {} ({}), {:.1} h, {samples} samples per stream",
        longest.name,
        longest.local_date,
        f64::from(longest.elapsed_time_s) / 3600.0
    );
    let mut page_ms = Vec::new();
    let mut page_bytes = 0;
    for round in 0..30 {
        let chart = ChartRequest {
            width_px: 1200,
            dark: round % 2 == 1,
            x_axis: if round % 3 == 2 {
                XAxisView::Distance
            } else {
                XAxisView::Time
            },
        };
        let t = Instant::now();
        let page = app
            .activity_page(account.id.clone(), longest.id.clone(), chart)
            .await
            .unwrap();
        let json = serde_json::to_string(&page).unwrap();
        page_ms.push(t.elapsed().as_secs_f64() * 1e3);
        page_bytes = json.len();
        assert!(page.series.is_some() && page.power_curve.is_some());
    }
    report("activity page, all charts to SVG + JSON", &mut page_ms);
    println!("  answer: {:.0} kB", page_bytes as f64 / 1e3);

    // 3. Fitness over the whole history, and the coach overview.
    let mut fitness_ms = Vec::new();
    for _ in 0..10 {
        let request = FitnessRequest {
            athlete: athlete.clone(),
            from: Some((today - Days::new(3660)).to_string()),
            to: None,
            chart: ChartRequest {
                width_px: 1200,
                dark: false,
                x_axis: XAxisView::Time,
            },
        };
        let t = Instant::now();
        let view = app.fitness(request).await.unwrap();
        let _json = serde_json::to_string(&view).unwrap();
        fitness_ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    report("fitness chart, ten years", &mut fitness_ms);
    let mut coach_ms = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let view = app.coach_overview(account.id.clone(), None).await.unwrap();
        let _json = serde_json::to_string(&view).unwrap();
        coach_ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    report("coach overview, one week", &mut coach_ms);

    if let Ok(target) = std::env::var("OFFPEAK_BENCH_CACHE") {
        app.store.close().await;
        let place = std::path::Path::new(&target).join("offpeak");
        std::fs::create_dir_all(&place).unwrap();
        std::fs::copy(&cache, place.join("cache.sqlite")).unwrap();
        println!("decade cache kept in {}", place.display());
    }
}

/// Prints p50, p95 and the maximum of `ms`.
fn report(what: &str, ms: &mut [f64]) {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{what}: n={} p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        ms.len(),
        at(0.5),
        at(0.95),
        ms[ms.len() - 1]
    );
}
