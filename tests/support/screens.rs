//! What several end-to-end tests do on the app's screens: sign in with the sandbox's app
//! registration, wait for the calendar, find an account card; and where screenshots go.

use super::launch::{Launch, launch, next_opened_url};
use super::webdriver::Session;
use offpeak_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, RunningSandbox};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e")
}

/// One app window at a time: the tests share the display and the machine's two cores.
pub static ONE_WINDOW: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Plays the person at the consent page the app opened, then waits for the calendar (it shows
/// once the weeks around today are in) and for the first sync to end. Returns the address the
/// app opened.
pub async fn approve_and_see_the_calendar(session: &Session, opened: &Path) -> String {
    let url = next_opened_url(opened).await;
    offpeak_sandbox::approve(&url)
        .await
        .expect("the consent page accepts the approval");
    session
        .wait_for("[data-testid=calendar-item]", Duration::from_secs(60))
        .await;
    session
        .wait_for_text(
            "[data-testid=last-synced]",
            |t| t.starts_with("Last synced"),
            Duration::from_secs(180),
        )
        .await;
    assert_eq!(
        session.text_of("[data-testid=athlete-name]").await,
        "Ana Ruiz"
    );
    url
}

/// Starts the app (`application`, the binary) and connects it to the VeloPeak `sandbox` through
/// the welcome form and the browser, until the calendar shows and the first sync has ended.
pub async fn connected_to_velopeak(
    sandbox: &RunningSandbox,
    application: &str,
) -> (Launch, Session) {
    let app = launch().await;
    let session = Session::start(&app.driver.url, application).await;
    session
        .wait_for("[data-testid=demo-button]", Duration::from_secs(20))
        .await;
    fill_in_the_velopeak_registration(&session, sandbox).await;
    approve_and_see_the_calendar(&session, &app.opened).await;
    (app, session)
}

/// On the welcome screen: the VeloPeak app registration, then "connect" (the browser opens).
pub async fn fill_in_the_velopeak_registration(session: &Session, sandbox: &RunningSandbox) {
    session
        .type_into("[data-testid=connect-origin]", &sandbox.origin())
        .await;
    session
        .type_into("[data-testid=connect-client-id]", DEMO_CLIENT_ID)
        .await;
    session
        .type_into("[data-testid=connect-client-secret]", DEMO_CLIENT_SECRET)
        .await;
    session.click("[data-testid=connect-button]").await;
    session
        .wait_for("[data-testid=waiting]", Duration::from_secs(10))
        .await;
    session
        .wait_for("[data-testid=cancel-login]", Duration::from_secs(10))
        .await;
    session.screenshot(&screenshots().join("waiting.png")).await;
}

/// Goes one month back in the calendar and waits until that month is the one shown.
pub async fn previous_month(session: &Session) {
    let shown = session.text_of("[data-testid=month-title]").await;
    session.click("[data-testid=prev-month]").await;
    session
        .wait_for_text(
            "[data-testid=month-title]",
            |t| t != shown,
            Duration::from_secs(10),
        )
        .await;
}

pub async fn count(session: &Session, css: &str) -> usize {
    session.find_all(css).await.len()
}

/// The id of the account card whose text mentions `provider`.
pub async fn card_of(session: &Session, provider: &str) -> String {
    for card in session.find_all("[data-testid=account-card]").await {
        if session.text(&card).await.contains(provider) {
            return session
                .attribute(&card, "data-account-id")
                .await
                .expect("cards carry their account id");
        }
    }
    panic!("no account card for {provider}");
}
