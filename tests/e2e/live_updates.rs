//! End to end, live updates: turning them on from an account card asks the platform for their
//! permission in the browser, then a plan changed on the platform shows in the open calendar
//! without a sync or a click.

use super::APP;
use super::support::launch::{opened_count, opened_url_after};
use super::support::screens::{ONE_WINDOW, connected_to_velopeak, screenshots};
use chrono::{Datelike, Local};
use offpeak_sandbox::{RunningSandbox, SandboxConfig};
use std::time::Duration;

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service and tauri-driver; scripts/test runs it"]
async fn a_plan_changed_on_the_platform_shows_at_once_with_live_updates_on() {
    let _window = ONE_WINDOW.lock().await;
    let sandbox = RunningSandbox::start_local(SandboxConfig::demo(Local::now().date_naive()))
        .await
        .unwrap();
    let (app, session) = connected_to_velopeak(&sandbox, APP).await;

    // Off at first, and the card says turning it on asks for a permission.
    session.click("[data-testid=accounts-button]").await;
    session
        .wait_for(
            "[data-testid=live-updates][data-on=false]",
            Duration::from_secs(10),
        )
        .await;
    let hint = session.text_of("[data-testid=live-updates-hint]").await;
    assert!(hint.contains("“webhooks” permission"), "hint: {hint}");

    // On: the browser asks for the permission, then the switch is on.
    let seen = opened_count(&app.opened);
    session.click("[data-testid=live-updates-switch]").await;
    let consent = opened_url_after(&app.opened, seen).await;
    assert!(consent.contains("webhooks"), "consent asked for {consent}");
    offpeak_sandbox::approve(&consent).await.unwrap();
    session
        .wait_for(
            "[data-testid=live-updates][data-on=true]",
            Duration::from_secs(30),
        )
        .await;
    let hint = session.text_of("[data-testid=live-updates-hint]").await;
    assert!(hint.contains("127.0.0.1:"), "hint: {hint}");
    session
        .screenshot(&screenshots().join("live-updates-on.png"))
        .await;

    // Back on the calendar, a plan of this month renamed by the coach arrives by itself.
    session.click("[data-testid=accounts-button]").await;
    session
        .wait_for("[data-testid=calendar-item]", Duration::from_secs(20))
        .await;
    let today = Local::now().date_naive();
    let mut workout = sandbox
        .truth()
        .workouts
        .into_iter()
        .find(|w| w.date.year() == today.year() && w.date.month() == today.month())
        .expect("a plan this month");
    workout.name = "Moved by the coach".into();
    sandbox.put_workout(workout);
    session
        .wait_for_text(
            "[data-testid=calendar]",
            |t| t.contains("Moved by the coach"),
            Duration::from_secs(30),
        )
        .await;
    session
        .screenshot(&screenshots().join("live-update-arrived.png"))
        .await;
    session.end().await;
}
