use super::*;
use crate::test_world::{World, world};
use offpeak_sandbox::FaultPlan;

fn request(x_axis: XAxisView, dark: bool) -> ChartRequest {
    ChartRequest {
        width_px: 1000,
        dark,
        x_axis,
    }
}

async fn synced() -> (World, ConnectionId, String) {
    let w = world(FaultPlan::default()).await;
    let account = w.connect().await;
    w.app.sync_now(account.id.clone()).await.unwrap();
    (w, ConnectionId(account.id), account.athlete_id)
}

/// The most recent outdoor ride with power that fulfils a plan, as the cache holds it.
async fn planned_ride(w: &World, connection: &ConnectionId, athlete: &str) -> Activity {
    let today = Local::now().date_naive();
    let recent = w
        .app
        .store
        .activities_of(connection, athlete, today - Days::new(60), today)
        .await
        .unwrap();
    let mut candidates = Vec::new();
    for a in recent.into_iter().rev() {
        let has = |kind: &str| a.stream_types.iter().any(|t| t == kind);
        if has("watts") && has("latlng") && has("distance") && !a.stub {
            if w.app.plan_of(connection, &a).await.unwrap().is_some() {
                return a;
            }
            candidates.push(a);
        }
    }
    candidates
        .into_iter()
        .next()
        .expect("the demo has rides with power")
}

#[tokio::test]
async fn an_activity_page_draws_every_chart_once_its_streams_are_cached() {
    let (w, connection, athlete) = synced().await;
    let ride = planned_ride(&w, &connection, &athlete).await;
    let id = ride.id.clone();

    let before = w
        .app
        .activity_page(
            connection.0.clone(),
            id.clone(),
            request(XAxisView::Time, false),
        )
        .await
        .unwrap();
    assert_eq!(
        before.streams,
        StreamsState::NotFetched,
        "streams arrive on demand"
    );
    assert!(before.series.is_none() && before.route.is_none());
    assert_eq!(before.summary.moving_time_s, ride.moving_time_s);

    assert!(
        w.app
            .open_activity(connection.0.clone(), id.clone())
            .await
            .unwrap()
    );
    let page = w
        .app
        .activity_page(
            connection.0.clone(),
            id.clone(),
            request(XAxisView::Time, false),
        )
        .await
        .unwrap();
    assert_eq!(page.streams, StreamsState::Cached);
    assert_eq!(page.provider_name, "VeloPeak");
    let series = page.series.as_ref().expect("the stacked chart");
    assert!(series.chart.svg.starts_with("<svg"));
    let labels: Vec<&str> = series
        .hover
        .panels
        .iter()
        .map(|p| p.label.as_str())
        .collect();
    assert!(labels.iter().any(|l| l.contains("Power")), "{labels:?}");
    assert_eq!(series.hover.x_unit, "s");
    for panel in &series.hover.panels {
        assert_eq!(panel.values.len(), series.hover.xs.len());
    }
    assert!(page.power_curve.is_some(), "a ride with power has a curve");
    assert!(page.power_zones.is_some() && page.hr_zones.is_some());
    assert!(page.route.is_some());
    assert!(page.has_distance);
    assert!(page.summary.normalized_power_w.is_some());
    let plan = page.plan.as_ref().expect("the demo's rides fulfil plans");
    assert!(page.compliance.percent.is_some(), "{:?}", page.compliance);
    assert!(!plan.name.is_empty());

    let by_distance = w
        .app
        .activity_page(
            connection.0.clone(),
            id.clone(),
            request(XAxisView::Distance, true),
        )
        .await
        .unwrap();
    let hover = &by_distance.series.as_ref().unwrap().hover;
    assert_eq!(hover.x_unit, "km");
    assert_ne!(
        by_distance.series.unwrap().chart.svg,
        page.series.unwrap().chart.svg,
        "dark and by distance draw differently"
    );

    let missing = w
        .app
        .activity_page(
            connection.0.clone(),
            "nope".into(),
            request(XAxisView::Time, false),
        )
        .await
        .unwrap_err();
    assert_eq!(missing.code, "not_found");
}

#[tokio::test]
async fn a_workout_page_flattens_its_structure_and_names_what_fulfilled_it() {
    let (w, connection, athlete) = synced().await;
    let ride = planned_ride(&w, &connection, &athlete).await;
    let plan = w.app.plan_of(&connection, &ride).await.unwrap();
    let workout = plan.expect("the demo's rides fulfil plans");
    let page = w
        .app
        .workout_page(
            connection.0.clone(),
            workout.id.clone(),
            request(XAxisView::Time, false),
        )
        .await
        .unwrap();
    assert_eq!(page.name, workout.name);
    if workout.structure.is_some() {
        assert!(page.structure_error.is_none(), "{:?}", page.structure_error);
        assert!(!page.steps.is_empty());
        assert!(page.chart.as_ref().unwrap().svg.contains("<svg"));
        let total: f64 = page.steps.iter().map(|s| s.duration_s).sum();
        assert!(total > 0.0);
    }
    if page.done_by.is_some() {
        assert_ne!(
            page.compliance.color,
            crate::calendar_views::ComplianceColor::Missed
        );
    }
}
