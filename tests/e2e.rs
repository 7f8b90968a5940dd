//! End to end, in the real window under Xvfb, driven over WebDriver (tauri-driver +
//! WebKitWebDriver): connect to the sandbox through the browser sign-in, sync, and see planned
//! and completed items in the calendar; then, with the sandbox stopped, start the app again and
//! see the same months from the cache, calmly offline. In `sync`: watch a slow sync's progress
//! on the account card, change the sync settings and cancel the sync that saving them starts.
//! In `live_updates`: turn live updates on and see a plan changed on the platform arrive.
//! Screenshots go to `target/e2e/`.
//!
//! Needs an X display, a Secret Service and tauri-driver: `scripts/test` provides all three.

#[path = "e2e/analysis.rs"]
mod analysis;
#[path = "e2e/bench_window.rs"]
mod bench_window;
#[path = "e2e/live_updates.rs"]
mod live_updates;
mod support;
#[path = "e2e/sync.rs"]
mod sync;

use chrono::{Datelike, Local};
use offpeak_sandbox::{DEMO_INTERVALS_KEY, RunningSandbox, SandboxConfig, Variant};
use std::time::{Duration, Instant};
use support::launch::launch;
use support::screens::{
    ONE_WINDOW, approve_and_see_the_calendar, card_of, connected_to_velopeak, count,
    fill_in_the_velopeak_registration, previous_month, screenshots,
};
use support::webdriver::Session;

const APP: &str = env!("CARGO_BIN_EXE_offpeak");

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service and tauri-driver; scripts/test runs it"]
async fn connect_sync_and_browse_the_calendar_offline() {
    let _window = ONE_WINDOW.lock().await;
    let sandbox = RunningSandbox::start_local(SandboxConfig::demo(Local::now().date_naive()))
        .await
        .unwrap();
    let app = launch().await;
    let session = Session::start(&app.driver.url, APP).await;

    // Connect: fill in the registration, then approve in the "browser".
    session
        .wait_for("[data-testid=demo-button]", Duration::from_secs(20))
        .await;
    session.screenshot(&screenshots().join("welcome.png")).await;
    fill_in_the_velopeak_registration(&session, &sandbox).await;

    // The sync runs by itself after connecting; the calendar fills from the cache.
    let url = approve_and_see_the_calendar(&session, &app.opened).await;
    assert!(
        url.starts_with(&sandbox.origin()),
        "the sign-in opened {url}"
    );
    session
        .screenshot(&screenshots().join("calendar.png"))
        .await;
    let title = session.text_of("[data-testid=month-title]").await;
    assert!(
        title.contains(&Local::now().year().to_string()),
        "title: {title}"
    );
    assert!(
        count(
            &session,
            "[data-testid=calendar-day] [data-testid=calendar-item]"
        )
        .await
            > 0
    );

    // The previous month is all history: plans and the activities that did (or did not) follow.
    previous_month(&session).await;
    session
        .wait_for("[data-kind=completed]", Duration::from_secs(10))
        .await;
    // A plan done on its day shares its activity's card, coloured by how closely it was done.
    let open = count(&session, "[data-testid=calendar-item][data-kind=planned]").await;
    let completed = count(&session, "[data-testid=calendar-item][data-kind=completed]").await;
    let done = count(
        &session,
        "[data-kind=completed][data-compliance=green], [data-kind=completed][data-compliance=amber], \
         [data-kind=completed][data-compliance=red]",
    )
    .await;
    assert!(
        open + done >= 8 && completed >= 6 && done >= 4,
        "plans still open {open}, completed {completed}, plans done {done}"
    );
    session
        .screenshot(&screenshots().join("calendar-previous-month.png"))
        .await;
    session.end().await;

    // Offline: the platform is gone, the app starts again and shows the synced months.
    sandbox.shutdown().await;
    let session = Session::start(&app.driver.url, APP).await;
    session
        .wait_for("[data-testid=calendar-item]", Duration::from_secs(30))
        .await;
    previous_month(&session).await;
    session
        .wait_for("[data-kind=completed]", Duration::from_secs(10))
        .await;
    assert_eq!(
        count(&session, "[data-testid=calendar-item][data-kind=completed]").await,
        completed
    );
    // The background sync found no network: said calmly, in the top bar and on the card.
    session
        .wait_for("[data-testid=offline-indicator]", Duration::from_secs(30))
        .await;
    session
        .screenshot(&screenshots().join("calendar-offline.png"))
        .await;
    session.click("[data-testid=accounts-button]").await;
    let ending = session
        .text_of("[data-testid=sync-ending][data-sync-state=offline]")
        .await;
    assert_eq!(
        ending,
        "Offline — showing what is cached; Offpeak will try again"
    );
    session
        .screenshot(&screenshots().join("accounts-offline.png"))
        .await;
    session.end().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service and tauri-driver; scripts/test runs it"]
async fn try_with_demo_data_connects_to_the_built_in_server_through_pkce() {
    let _window = ONE_WINDOW.lock().await;
    let app = launch().await;
    let session = Session::start(&app.driver.url, APP).await;

    session.click("[data-testid=demo-button]").await;
    let url = approve_and_see_the_calendar(&session, &app.opened).await;
    assert!(
        url.starts_with("http://127.0.0.1:"),
        "the demo server runs on this computer: {url}"
    );
    assert!(
        url.contains("code_challenge_method=S256"),
        "the demo uses the same PKCE sign-in: {url}"
    );
    previous_month(&session).await;
    session
        .wait_for(
            "[data-testid=calendar-item][data-kind=completed]",
            Duration::from_secs(10),
        )
        .await;
    assert!(count(&session, "[data-testid=calendar-item][data-kind=planned]").await > 0);
    session.screenshot(&screenshots().join("demo.png")).await;
    session.end().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service and tauri-driver; scripts/test runs it"]
async fn accounts_show_scopes_and_expiry_and_disconnect_with_purge_removes_one() {
    let _window = ONE_WINDOW.lock().await;
    let today = Local::now().date_naive();
    let velopeak = RunningSandbox::start_local(SandboxConfig::demo(today))
        .await
        .unwrap();
    let intervals =
        RunningSandbox::start_local(SandboxConfig::for_variant(Variant::Intervals, today))
            .await
            .unwrap();
    let (_app, session) = connected_to_velopeak(&velopeak, APP).await;

    // A second account: Intervals.icu with a personal API key, on a custom server.
    session.click("[data-testid=accounts-button]").await;
    session
        .wait_for("[data-testid=account-card]", Duration::from_secs(10))
        .await;
    session.click("[data-testid=add-account-button]").await;
    session
        .wait_for("[data-testid=add-account]", Duration::from_secs(10))
        .await;
    session
        .click("[data-testid=provider-option][data-provider=intervals]")
        .await;
    session.click("[data-testid=method-api-key]").await;
    session
        .type_into("[data-testid=api-key]", DEMO_INTERVALS_KEY)
        .await;
    session
        .click("[data-testid=api-key-form] details summary")
        .await;
    session
        .type_into("[data-testid=api-key-origin]", &intervals.origin())
        .await;
    session
        .screenshot(&screenshots().join("add-account-api-key.png"))
        .await;
    session.click("[data-testid=api-key-connect]").await;
    session
        .wait_for("[data-testid=calendar-item]", Duration::from_secs(60))
        .await;

    // Both connections, with what was granted and until when.
    session.click("[data-testid=accounts-button]").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while count(&session, "[data-testid=account-card]").await < 2 {
        assert!(
            Instant::now() < deadline,
            "the second account never appeared"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let velopeak_card = card_of(&session, "VeloPeak").await;
    let intervals_card = card_of(&session, "Intervals.icu").await;
    let within = |id: &str, part: &str| format!("[data-account-id=\"{id}\"] [data-testid={part}]");
    let scopes = session
        .text_of(&within(&velopeak_card, "account-scopes"))
        .await;
    for scope in ["athlete:read", "workouts:read", "activities:read"] {
        assert!(scopes.contains(scope), "scopes: {scope} in {scopes}");
    }
    let expiry = session
        .text_of(&within(&velopeak_card, "account-expiry"))
        .await;
    assert!(expiry.contains("expires in"), "expiry: {expiry}");
    let key_expiry = session
        .text_of(&within(&intervals_card, "account-expiry"))
        .await;
    assert!(
        key_expiry.contains("not expire"),
        "key expiry: {key_expiry}"
    );
    let cache = session
        .text_of(&within(&velopeak_card, "account-cache"))
        .await;
    assert!(
        cache.contains("planned") && cache.contains("activities"),
        "cache: {cache}"
    );
    session
        .screenshot(&screenshots().join("accounts.png"))
        .await;

    // The person revokes Offpeak on VeloPeak's connected-apps page: the next sync says
    // "reconnect needed" on that card, and its cached data stays.
    let revoked = offpeak_sandbox::revoke_app(&velopeak.origin(), "Offpeak")
        .await
        .unwrap();
    assert_eq!(revoked, 1);
    session.click(&within(&velopeak_card, "account-sync")).await;
    session
        .wait_for(
            &format!("[data-account-id=\"{velopeak_card}\"][data-status=reauth_required]"),
            Duration::from_secs(20),
        )
        .await;
    let error = session
        .text_of(&within(&velopeak_card, "account-last-error"))
        .await;
    assert!(
        error.contains("VeloPeak no longer accepts") && error.contains("Reconnect"),
        "error: {error}"
    );
    assert_eq!(
        session
            .text_of(&within(&velopeak_card, "account-cache"))
            .await,
        cache,
        "the cache is intact"
    );
    session
        .screenshot(&screenshots().join("accounts-reconnect-needed.png"))
        .await;

    // Disconnect VeloPeak and delete its cached data; the Intervals.icu account stays.
    session
        .click(&within(&velopeak_card, "account-disconnect"))
        .await;
    session
        .wait_for("[data-testid=disconnect-dialog]", Duration::from_secs(10))
        .await;
    session.click("[data-testid=disconnect-purge]").await;
    let confirm = session.text_of("[data-testid=disconnect-confirm]").await;
    assert!(
        confirm.contains("Delete"),
        "the purge says what it deletes: {confirm}"
    );
    session
        .screenshot(&screenshots().join("disconnect-purge.png"))
        .await;
    session.click("[data-testid=disconnect-confirm]").await;
    session
        .wait_for("[data-testid=disconnect-message]", Duration::from_secs(20))
        .await;
    let message = session.text_of("[data-testid=disconnect-message]").await;
    assert!(message.contains("revoked"), "message: {message}");
    session.click("[data-testid=disconnect-done]").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while count(&session, "[data-testid=account-card]").await != 1 {
        assert!(
            Instant::now() < deadline,
            "the purged account is still listed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        session
            .find_all(&format!("[data-account-id=\"{velopeak_card}\"]"))
            .await
            .is_empty()
    );
    session
        .screenshot(&screenshots().join("accounts-after-purge.png"))
        .await;

    // The Intervals.icu calendar: a Strava stub shows as one, muted, without figures.
    session.click("[data-testid=accounts-button]").await;
    session
        .wait_for("[data-testid=calendar-item]", Duration::from_secs(20))
        .await;
    let stub = "[data-testid=calendar-item][data-stub=true]";
    for _ in 0..12 {
        if count(&session, stub).await > 0 {
            break;
        }
        previous_month(&session).await;
        session
            .wait_for("[data-testid=calendar-item]", Duration::from_secs(10))
            .await;
    }
    assert!(
        count(&session, stub).await > 0,
        "no Strava stub in the last twelve months"
    );
    let text = session.text_of(stub).await;
    assert!(text.contains("details on Strava"), "stub card: {text}");
    session
        .screenshot(&screenshots().join("calendar-strava-stub.png"))
        .await;
    session.end().await;
}
