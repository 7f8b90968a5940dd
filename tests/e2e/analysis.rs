//! The calendar and analysis screens in the real window, on a coach's account (the sandbox's
//! season: a coach and the five athletes who share with them): switch athlete, browse months and
//! a week by mouse and keyboard, open an activity and read its chart under the cross-hair, open
//! a planned workout and the fitness chart, the coach overview, exports, and the dark theme.

use crate::support::launch::{launch, next_opened_url};
use crate::support::screens::{
    ONE_WINDOW, count, fill_in_the_velopeak_registration, previous_month, screenshots,
};
use crate::support::webdriver::Session;
use chrono::Local;
use offpeak_sandbox::{DatasetSize, RunningSandbox, SandboxConfig};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

const APP: &str = env!("CARGO_BIN_EXE_offpeak");
const COACH: &str = "Ólafur Sigurðsson";

/// The files in `dir` whose name ends with `extension`, once at least one is there.
async fn exported(dir: &Path, extension: &str) -> Vec<std::path::PathBuf> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found: Vec<_> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.to_string_lossy().ends_with(extension))
                    .collect()
            })
            .unwrap_or_default();
        if !found.is_empty() {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "no {extension} file appeared in {}",
            dir.display()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Everything `element` says, hidden parts included.
async fn text_content(session: &Session, element: &crate::support::webdriver::Element) -> String {
    session
        .execute(
            "return arguments[0].textContent;",
            vec![Session::arg(element)],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The `data-date` of the element that has keyboard focus (or of its day).
async fn focused_date(session: &Session) -> String {
    let script = "const d = document.activeElement?.closest('[data-date]'); return d ? d.dataset.date : null;";
    session
        .execute(script, vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service and tauri-driver; scripts/test runs it"]
async fn browse_analyse_switch_athlete_coach_and_export() {
    let _window = ONE_WINDOW.lock().await;
    let config = SandboxConfig {
        dataset: DatasetSize::Season,
        ..SandboxConfig::demo(Local::now().date_naive())
    };
    let sandbox = RunningSandbox::start_local(config).await.unwrap();
    let app = launch().await;
    let session = Session::start(&app.driver.url, APP).await;
    session
        .wait_for("[data-testid=demo-button]", Duration::from_secs(20))
        .await;
    // A laptop's screen, the smallest the screens are laid out for.
    session.resize(1280, 800).await;
    fill_in_the_velopeak_registration(&session, &sandbox).await;
    // The coach trains without a plan and may have nothing this month: wait for the sync.
    let url = next_opened_url(&app.opened).await;
    offpeak_sandbox::approve(&url).await.unwrap();
    session
        .wait_for_text(
            "[data-testid=last-synced]",
            |t| t.starts_with("Last synced"),
            Duration::from_secs(240),
        )
        .await;
    assert_eq!(session.text_of("[data-testid=athlete-name]").await, COACH);

    // Switch to an athlete of the coach: the calendar follows.
    session.click("[data-testid=athlete-switcher]").await;
    let options = session
        .wait_for("[data-testid=athlete-option]", Duration::from_secs(10))
        .await;
    assert_eq!(options.len(), 6, "the coach and five athletes");
    let athlete = text_content(&session, &options[1]).await;
    session.click_element(&options[1]).await;
    let name = session
        .wait_for_text(
            "[data-testid=athlete-name]",
            |t| t != COACH,
            Duration::from_secs(10),
        )
        .await;
    assert!(athlete.contains(&name), "chose {athlete}, shows {name}");
    session
        .wait_for("[data-testid=calendar-item]", Duration::from_secs(20))
        .await;
    previous_month(&session).await;
    session
        .wait_for("[data-kind=completed]", Duration::from_secs(10))
        .await;
    let judged = session
        .find_all("[data-kind=completed][data-compliance=green], [data-kind=completed][data-compliance=amber], [data-kind=completed][data-compliance=red]")
        .await;
    assert!(
        !judged.is_empty(),
        "last month has plans done, coloured by compliance"
    );
    let rule = session
        .attribute(&judged[0], "title")
        .await
        .unwrap_or_default();
    assert!(
        rule.contains('%'),
        "the card's hover text states the rule: {rule}"
    );
    assert!(count(&session, "[data-testid=week-totals]").await >= 4);
    session
        .screenshot(&screenshots().join("calendar-month.png"))
        .await;

    // Keyboard: the arrow keys move between days, PageUp goes a month back.
    let first_day = session.one("[data-testid=day][tabindex=\"0\"]").await;
    session
        .execute("arguments[0].focus();", vec![Session::arg(&first_day)])
        .await;
    let from = focused_date(&session).await;
    session.press("\u{E014}").await; // →
    let to = focused_date(&session).await;
    let next_day = chrono::NaiveDate::parse_from_str(&from, "%Y-%m-%d")
        .map(|d| d.succ_opt().unwrap().to_string())
        .unwrap_or_default();
    assert_eq!(to, next_day, "→ moves the focus one day on");
    let shown = session.text_of("[data-testid=month-title]").await;
    session.press("\u{E00E}").await; // PageUp
    session
        .wait_for_text(
            "[data-testid=month-title]",
            |t| t != shown,
            Duration::from_secs(10),
        )
        .await;
    session
        .click("[data-testid=today-button] button, [data-testid=today]")
        .await;

    // The week view: seven days, every card in full.
    session.click("[data-testid=view-week]").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while count(&session, "[data-testid=day]").await != 7 {
        assert!(
            Instant::now() < deadline,
            "the week view never showed seven days"
        );
        tokio::task::yield_now().await;
    }
    session
        .screenshot(&screenshots().join("calendar-week.png"))
        .await;
    session.click("[data-testid=view-month]").await;
    previous_month(&session).await;

    // A ride done for its plan: its stacked chart read under the cross-hair.
    let done = session
        .wait_for(".sport-ride[data-kind=completed][data-compliance=green], .sport-ride[data-kind=completed][data-compliance=amber]", Duration::from_secs(10))
        .await;
    session.click_element(&done[0]).await;
    session
        .wait_for("[data-testid=activity-screen]", Duration::from_secs(10))
        .await;
    let chart = session
        .wait_for("[data-testid=series-chart]", Duration::from_secs(60))
        .await
        .remove(0);
    session.hover(&chart, 40, 0).await;
    let readout = session
        .wait_for_text(
            "[data-testid=crosshair-readout]",
            |t| t.contains('W') && t.contains("bpm"),
            Duration::from_secs(10),
        )
        .await;
    assert!(!readout.is_empty());
    assert!(count(&session, "[data-testid=crosshair]").await >= 1);
    assert!(count(&session, "[data-testid=power-curve]").await == 1);
    assert!(count(&session, "[data-testid=summary-tile]").await >= 6);
    session
        .screenshot(&screenshots().join("activity.png"))
        .await;
    session.click("[data-testid=x-axis-distance]").await;
    session
        .hover(&session.one("[data-testid=series-chart]").await, -60, 0)
        .await;
    session
        .wait_for_text(
            "[data-testid=crosshair-readout]",
            |t| t.contains("km"),
            Duration::from_secs(20),
        )
        .await;
    session.click("[data-testid=save-svg]").await;
    let svg = exported(&app.exports, ".svg").await;
    assert!(std::fs::read_to_string(&svg[0]).unwrap().contains("<svg"));
    session.click("[data-testid=save-png]").await;
    let png = exported(&app.exports, ".png").await;
    assert!(std::fs::read(&png[0]).unwrap().starts_with(b"\x89PNG"));

    // The plan it fulfilled: the step chart and its targets.
    let has_plan = count(&session, "[data-testid=open-plan]").await > 0;
    if has_plan {
        session.click("[data-testid=open-plan]").await;
        session
            .wait_for("[data-testid=workout-screen]", Duration::from_secs(10))
            .await;
        session
            .wait_for(
                "[data-testid=step-chart], [data-testid=no-structure]",
                Duration::from_secs(10),
            )
            .await;
        session.screenshot(&screenshots().join("workout.png")).await;
        session.click("[data-testid=back]").await;
        // Back on the activity before going back again, or the second click finds the
        // workout's Back button still on screen.
        let deadline = Instant::now() + Duration::from_secs(10);
        while count(&session, "[data-testid=workout-screen]").await > 0 {
            assert!(Instant::now() < deadline, "Back never left the workout");
            tokio::task::yield_now().await;
        }
        session
            .wait_for("[data-testid=activity-screen]", Duration::from_secs(10))
            .await;
    }
    session.click("[data-testid=back]").await;
    session
        .wait_for("[data-testid=calendar-item]", Duration::from_secs(10))
        .await;

    // Fitness over the last months.
    session.click("[data-testid=nav-fitness]").await;
    session
        .wait_for("[data-testid=fitness-chart]", Duration::from_secs(20))
        .await;
    session.screenshot(&screenshots().join("fitness.png")).await;

    // The coach overview: a row per athlete; a click opens that athlete's calendar.
    session.click("[data-testid=nav-coach]").await;
    let rows = session
        .wait_for("[data-testid=coach-row]", Duration::from_secs(20))
        .await;
    assert_eq!(rows.len(), 6);
    // Last week, all of it in the past, sorted by compliance.
    let week = session.text_of("[data-testid=coach-week]").await;
    session.click("[data-testid=coach-prev]").await;
    session
        .wait_for_text(
            "[data-testid=coach-week]",
            |t| t != week,
            Duration::from_secs(10),
        )
        .await;
    session
        .click("[data-testid=coach-sort-compliance_pct]")
        .await;
    session.screenshot(&screenshots().join("coach.png")).await;
    let third_row = "[data-testid=coach-row]:nth-child(3)";
    let third = text_content(&session, &session.one(third_row).await).await;
    session.click(&format!("{third_row} button")).await;
    let opened = session
        .wait_for_text(
            "[data-testid=athlete-name]",
            |t| !t.is_empty() && third.contains(t),
            Duration::from_secs(10),
        )
        .await;
    assert!(third.contains(&opened));
    session
        .wait_for("[data-testid=calendar]", Duration::from_secs(10))
        .await;

    // Export the month's plan as iCalendar.
    session.click("[data-testid=export-menu]").await;
    session.click("[data-testid=export-ics]").await;
    let ics = exported(&app.exports, ".ics").await;
    let text = std::fs::read_to_string(&ics[0]).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(
        text.matches("BEGIN:VEVENT").count(),
        text.matches("END:VEVENT").count()
    );
    session
        .wait_for_text(
            "[data-testid=notice]",
            |t| t.contains("Saved"),
            Duration::from_secs(10),
        )
        .await;

    // Dark theme and imperial units, from the display settings.
    session.click("[data-testid=settings-button]").await;
    session.click("[data-testid=theme-dark]").await;
    session.click("[data-testid=units-imperial]").await;
    let theme = session
        .execute(
            "return document.documentElement.dataset.theme;",
            vec![json!(null)],
        )
        .await;
    assert_eq!(theme.as_str(), Some("dark"));
    session.press("\u{E00C}").await; // Escape closes the popover
    session
        .screenshot(&screenshots().join("calendar-dark.png"))
        .await;

    // A full-HD screen: the month fills it.
    session.click("[data-testid=view-month]").await;
    session.resize(1920, 1080).await;
    session
        .wait_for("[data-testid=calendar-item]", Duration::from_secs(10))
        .await;
    session
        .screenshot(&screenshots().join("calendar-1920.png"))
        .await;
    session.end().await;
    sandbox.shutdown().await;
}
