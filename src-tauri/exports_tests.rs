use super::*;
use crate::calendar_views::AthleteRef;
use crate::test_world::{World, world};
use offpeak_sandbox::FaultPlan;

async fn synced() -> (World, AthleteRef) {
    let w = world(FaultPlan::default()).await;
    let account = w.connect().await;
    w.app.sync_now(account.id.clone()).await.unwrap();
    let athlete = AthleteRef {
        connection_id: account.id,
        athlete_id: account.athlete_id,
    };
    (w, athlete)
}

fn this_month(athlete: &AthleteRef) -> ExportRequest {
    let today = chrono::Local::now().date_naive();
    let month = offpeak_domain::Month::containing(today);
    ExportRequest {
        athlete: athlete.clone(),
        from: month.first_day().to_string(),
        to: month.last_day().to_string(),
    }
}

#[tokio::test]
async fn the_plan_and_the_activities_of_a_month_are_written_whole_and_never_overwritten() {
    let (w, athlete) = synced().await;
    let request = this_month(&athlete);
    let (from, to) = range(&request).unwrap();
    let connection = ConnectionId(athlete.connection_id.clone());
    let planned = w
        .app
        .store
        .workouts_of(&connection, &athlete.athlete_id, from, to)
        .await
        .unwrap();
    assert!(!planned.is_empty(), "the demo plans every month");

    let ics = w.app.export_plan_ics(request.clone()).await.unwrap();
    assert_eq!(ics.items as usize, planned.len());
    assert!(ics.file_name.ends_with(".ics") && ics.file_name.starts_with("offpeak-plan-"));
    let text = std::fs::read_to_string(&ics.path).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), planned.len());
    assert_eq!(text.len() as u32, ics.bytes);
    assert!(Path::new(&ics.path).starts_with(w.exports_dir()));

    let again = w.app.export_plan_ics(request.clone()).await.unwrap();
    assert_ne!(again.path, ics.path);
    assert!(again.file_name.ends_with("-2.ics"), "{}", again.file_name);
    assert_eq!(
        std::fs::read_to_string(&ics.path).unwrap(),
        text,
        "the first file is untouched"
    );

    let csv = w.app.export_activities_csv(request).await.unwrap();
    let rows = std::fs::read_to_string(&csv.path).unwrap();
    assert_eq!(rows.lines().count() as u32, csv.items + 1);
    let leftovers: Vec<_> = std::fs::read_dir(w.exports_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty());
}

#[tokio::test]
async fn bad_ranges_and_charts_are_refused_and_a_blocked_folder_is_explained() {
    let (mut w, athlete) = synced().await;
    let backwards = ExportRequest {
        from: "2026-11-30".into(),
        to: "2026-11-01".into(),
        ..this_month(&athlete)
    };
    let err = w.app.export_plan_ics(backwards).await.unwrap_err();
    assert_eq!(err.code, "invalid_input");
    let not_png = ChartExport {
        name: "Power curve".into(),
        format: ChartFormat::Png,
        data: base64::engine::general_purpose::STANDARD.encode(b"<svg/>"),
    };
    assert_eq!(
        w.app.export_chart(not_png).await.unwrap_err().code,
        "invalid_input"
    );

    let svg = ChartExport {
        name: "Power curve / 2026-11-10".into(),
        format: ChartFormat::Svg,
        data: "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".into(),
    };
    let saved = w.app.export_chart(svg.clone()).await.unwrap();
    assert_eq!(saved.file_name, "power-curve-2026-11-10.svg");

    // The exports folder's place is taken by a file: nothing is written, and the person is told.
    let blocked = w.exports_dir().join("blocked");
    std::fs::write(&blocked, b"x").unwrap();
    w.app.exports_dir = blocked.clone();
    let err = w.app.export_chart(svg).await.unwrap_err();
    assert_eq!(err.code, "export_failed");
    assert!(err.message.contains("free space"), "{}", err.message);
    assert_eq!(std::fs::read(&blocked).unwrap(), b"x");
}

#[test]
fn slugs_keep_letters_of_any_script() {
    assert_eq!(slug("Ana Ruiz"), "ana-ruiz");
    assert_eq!(slug("佐藤 健二"), "佐藤-健二");
    assert_eq!(slug("../../etc/passwd"), "etc-passwd");
    assert_eq!(slug("  "), "");
}
