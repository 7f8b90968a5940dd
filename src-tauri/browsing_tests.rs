use super::*;
use crate::calendar_views::ItemKind;
use crate::test_world::world;
use offpeak_sandbox::FaultPlan;

#[tokio::test]
async fn the_calendar_shows_one_athletes_month_or_week_from_the_cache() {
    let w = world(FaultPlan::default()).await;
    let account = w.connect().await;
    w.app.sync_now(account.id.clone()).await.unwrap();

    let athletes = w.app.list_athletes().await.unwrap();
    assert_eq!(athletes[0].athlete.athlete_id, account.athlete_id);
    assert!(athletes[0].is_self);
    assert_eq!(athletes[0].provider_name, "VeloPeak");

    let month = w
        .app
        .calendar(CalendarRequest {
            athlete: None,
            span: CalendarSpan::Month,
            key: None,
        })
        .await
        .unwrap();
    assert_eq!(month.athlete, athletes[0].athlete);
    assert!(month.has_data, "the demo has this month's plan");
    let items: Vec<_> = month
        .weeks
        .iter()
        .flat_map(|w| &w.days)
        .flat_map(|d| &d.items)
        .collect();
    assert!(items.iter().any(|i| i.kind == ItemKind::Planned));
    assert!(items.iter().all(|i| i.connection_id == account.id));
    assert!(month.cached_from.as_deref() < month.cached_to.as_deref());

    let week = w
        .app
        .calendar(CalendarRequest {
            athlete: Some(athletes[0].athlete.clone()),
            span: CalendarSpan::Week,
            key: Some(month.today.clone()),
        })
        .await
        .unwrap();
    assert_eq!(week.weeks.len(), 1);
    assert!(week.weeks[0].days.iter().any(|d| d.is_today));

    let stranger = AthleteRef {
        connection_id: account.id.clone(),
        athlete_id: "not-an-athlete".into(),
    };
    let err = w
        .app
        .calendar(CalendarRequest {
            athlete: Some(stranger),
            span: CalendarSpan::Month,
            key: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, "not_found");
    let bad = CalendarRequest {
        athlete: None,
        span: CalendarSpan::Week,
        key: Some("next tuesday".into()),
    };
    assert_eq!(w.app.calendar(bad).await.unwrap_err().code, "invalid_input");
}
