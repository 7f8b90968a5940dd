use super::*;
use crate::test_world::world;
use offpeak_domain::samples::{activity, workout};
use offpeak_sandbox::FaultPlan;

fn athlete() -> AthleteRef {
    AthleteRef {
        connection_id: "c1".into(),
        athlete_id: "a_1".into(),
    }
}

#[test]
fn a_week_sums_plans_and_activities_and_counts_missed_and_due_sessions() {
    let today: NaiveDate = "2026-11-26".parse().unwrap();
    // Mon done (linked), Tue missed, Wed (today) not yet, Sat ahead; an unplanned ride on Thu.
    let workouts = [
        workout("w1", "2026-11-23", "Tempo"),
        workout("w2", "2026-11-24", "Intervals"),
        workout("w3", "2026-11-26", "Endurance"),
        workout("w4", "2026-11-28", "Long"),
    ];
    let activities = [
        activity("a1", "2026-11-23", Some("w1")),
        Activity {
            sport: offpeak_domain::Sport::Strength,
            ..activity("a2", "2026-11-27", None)
        },
    ];
    let loads = HashMap::from([("a1".to_owned(), 70.0)]);
    let week = WeekItems {
        workouts: &workouts,
        activities: &activities,
        loads: &loads,
    };
    let last = activity("a9", "2026-11-27", None);
    let row = coach_row(athlete(), "Ana".into(), &week, Some(&last), today);
    assert_eq!((row.planned_s, row.done_s), (4 * 3600, 2 * 3600));
    assert_eq!((row.planned_load, row.done_load), (240.0, 70.0 + 55.0));
    assert_eq!((row.planned_sessions, row.done_sessions), (4, 2));
    assert_eq!(row.missed, 1);
    // Due: w1 (done) and w2 (passed): 1 of 2.
    assert_eq!(row.compliance_pct, Some(50));
    assert_eq!(row.last_activity.unwrap().id, "a9");
}

#[test]
fn a_week_with_nothing_due_has_no_compliance() {
    let today: NaiveDate = "2026-11-23".parse().unwrap();
    let workouts = [workout("w1", "2026-11-25", "Tempo")];
    let loads = HashMap::new();
    let week = WeekItems {
        workouts: &workouts,
        activities: &[],
        loads: &loads,
    };
    let row = coach_row(athlete(), "Ana".into(), &week, None, today);
    assert_eq!((row.compliance_pct, row.missed), (None, 0));
    assert!(row.last_activity.is_none());
}

#[tokio::test]
async fn the_overview_lists_every_athlete_of_a_connection_for_the_week() {
    let w = world(FaultPlan::default()).await;
    let account = w.connect().await;
    w.app.sync_now(account.id.clone()).await.unwrap();
    let overview = w
        .app
        .coach_overview(account.id.clone(), None)
        .await
        .unwrap();
    let athletes = w.app.list_athletes().await.unwrap();
    assert_eq!(overview.rows.len(), athletes.len());
    assert_eq!(overview.rows[0].athlete.athlete_id, account.athlete_id);
    let week = Week::containing(Local::now().date_naive());
    assert_eq!(overview.week, week.to_string());
    assert_eq!(overview.previous, week.previous().to_string());
    let err = w
        .app
        .coach_overview(account.id, Some("soon".into()))
        .await
        .unwrap_err();
    assert_eq!(err.code, "invalid_input");
    let gone = w
        .app
        .coach_overview("nobody".into(), None)
        .await
        .unwrap_err();
    assert_eq!(gone.code, "not_found");
}
