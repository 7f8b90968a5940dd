//! End to end, sync progress and settings: a slow sync's progress on the account card, its
//! ending, the sync settings panel, and the sync that saving the settings starts, cancelled.

use super::APP;
use super::support::launch::{launch, next_opened_url};
use super::support::screens::{ONE_WINDOW, count, fill_in_the_velopeak_registration, screenshots};
use super::support::webdriver::Session;
use chrono::Local;
use offpeak_sandbox::{FaultPlan, RunningSandbox, SandboxConfig};
use std::time::Duration;

/// "Streams — 312 of 1,204, about 3 min left" → (312, 1204).
fn streams_done(headline: &str) -> Option<(u32, u32)> {
    let counts = headline
        .strip_prefix("Streams — ")?
        .split(',')
        .collect::<String>();
    let mut words = counts.split_whitespace();
    let done = words.next()?.parse().ok()?;
    (words.next()? == "of").then_some(())?;
    let total = words.next()?.parse().ok()?;
    Some((done, total))
}

/// Answers slow enough for a sync to be watched (and cancelled) in the window.
fn slow(latency_ms: u64) -> FaultPlan {
    FaultPlan {
        latency_ms,
        ..FaultPlan::default()
    }
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service and tauri-driver; scripts/test runs it"]
async fn a_sync_shows_its_progress_and_the_settings_panel_keeps_its_changes() {
    let _window = ONE_WINDOW.lock().await;
    let config = SandboxConfig {
        faults: slow(250),
        ..SandboxConfig::demo(Local::now().date_naive())
    };
    let sandbox = RunningSandbox::start_local(config).await.unwrap();
    let app = launch().await;
    let session = Session::start(&app.driver.url, APP).await;
    session
        .wait_for("[data-testid=demo-button]", Duration::from_secs(20))
        .await;
    fill_in_the_velopeak_registration(&session, &sandbox).await;
    let url = next_opened_url(&app.opened).await;
    offpeak_sandbox::approve(&url).await.unwrap();

    // The first sync starts by itself; its card on the accounts screen follows it.
    session
        .wait_for("[data-testid=accounts-button]", Duration::from_secs(30))
        .await;
    session.click("[data-testid=accounts-button]").await;
    session
        .wait_for("[data-testid=sync-progress]", Duration::from_secs(60))
        .await;
    session
        .wait_for("[data-testid=sync-indicator]", Duration::from_secs(5))
        .await;
    assert_eq!(
        count(&session, "[data-testid=account-sync]:disabled").await,
        1,
        "Sync now waits while the account syncs"
    );
    // Streams with a count and the time left, a quarter of the way or more.
    let headline = session
        .wait_for_text(
            "[data-testid=sync-phase]",
            |t| {
                streams_done(t).is_some_and(|(done, total)| done * 4 >= total)
                    && t.ends_with(" left")
            },
            Duration::from_secs(120),
        )
        .await;
    assert_eq!(
        count(&session, "[data-testid=sync-progress][aria-valuenow]").await,
        1,
        "a known total makes a determinate bar: {headline}"
    );
    let detail = session.text_of("[data-testid=sync-detail]").await;
    assert!(detail.ends_with("received"), "detail: {detail}");
    session
        .screenshot(&screenshots().join("sync-progress.png"))
        .await;

    let finished = session
        .wait_for_text(
            "[data-testid=sync-ending][data-sync-state=finished]",
            |t| !t.is_empty(),
            Duration::from_secs(180),
        )
        .await;
    assert_eq!(finished, "Synced just now");
    assert!(
        session
            .find_all("[data-testid=sync-indicator]")
            .await
            .is_empty()
    );
    session
        .screenshot(&screenshots().join("sync-finished.png"))
        .await;

    // The settings panel: the defaults, a refused number of months, then a change.
    session.click("[data-testid=sync-settings-button]").await;
    session
        .wait_for(
            "input[name=interval][value='30']:checked",
            Duration::from_secs(10),
        )
        .await;
    session
        .wait_for(
            "input[name=streams][value=recent_months]:checked",
            Duration::from_secs(10),
        )
        .await;
    session
        .screenshot(&screenshots().join("sync-settings.png"))
        .await;
    session
        .type_into("[data-testid=streams-months]", "500")
        .await;
    session.click("[data-testid=settings-save]").await;
    let refused = session.text_of("[data-testid=months-error]").await;
    assert!(refused.contains("from 1 to 240"), "error: {refused}");
    session
        .screenshot(&screenshots().join("sync-settings-invalid.png"))
        .await;
    session.click("[data-testid=interval-60]").await;
    session.click("[data-testid=streams-all]").await;
    // Slower still from now on, so the sync that saving starts can be cancelled midway.
    sandbox.set_faults(slow(1500));
    session.click("[data-testid=settings-save]").await;
    let saved = session
        .wait_for_text(
            "[data-testid=settings-saved]",
            |t| t.starts_with("Saved."),
            Duration::from_secs(10),
        )
        .await;
    assert!(
        saved.contains("every 1 h") && saved.contains("streams of all activities"),
        "saved: {saved}"
    );
    session
        .screenshot(&screenshots().join("sync-settings-saved.png"))
        .await;
    session.click("[data-testid=settings-close]").await;

    // Saving woke the background schedule: a sync runs without a click. Cancel it.
    session.click("[data-testid=sync-cancel]").await;
    let cancelled = session
        .wait_for_text(
            "[data-testid=sync-ending][data-sync-state=cancelled]",
            |t| !t.is_empty(),
            Duration::from_secs(60),
        )
        .await;
    assert_eq!(cancelled, "Cancelled — what was fetched is kept");
    session
        .screenshot(&screenshots().join("sync-cancelled.png"))
        .await;

    // The panel reads the settings from the app again: they were kept.
    session.click("[data-testid=sync-settings-button]").await;
    session
        .wait_for(
            "input[name=interval][value='60']:checked",
            Duration::from_secs(10),
        )
        .await;
    assert_eq!(
        count(&session, "input[name=streams][value=all]:checked").await,
        1
    );
    session.end().await;
}
