use crate::analysis_views::{ChartRequest, FitnessRequest, XAxisView};
use crate::calendar_views::AthleteRef;
use crate::test_world::world;
use chrono::{Days, Local};
use offpeak_sandbox::FaultPlan;

fn request(x_axis: XAxisView, dark: bool) -> ChartRequest {
    ChartRequest {
        width_px: 1000,
        dark,
        x_axis,
    }
}

#[tokio::test]
async fn the_fitness_chart_follows_the_cached_loads() {
    let w = world(FaultPlan::default()).await;
    let account = w.connect().await;
    w.app.sync_now(account.id.clone()).await.unwrap();
    let athlete = AthleteRef {
        connection_id: account.id,
        athlete_id: account.athlete_id,
    };
    let view = w
        .app
        .fitness(FitnessRequest {
            athlete: athlete.clone(),
            from: None,
            to: None,
            chart: request(XAxisView::Time, false),
        })
        .await
        .unwrap();
    let today = Local::now().date_naive();
    assert_eq!(view.to, today.to_string());
    assert_eq!(view.from, (today - Days::new(180)).to_string());
    let chart = view.chart.expect("the demo has months of loads");
    assert_eq!(chart.hover.x_unit, "day");
    let latest = view.latest.unwrap();
    assert!(latest.fitness > 0.0);
    assert!((latest.form - (latest.fitness - latest.fatigue)).abs() < 60.0);
    assert!(view.first_load.unwrap() < view.from);

    let backwards = FitnessRequest {
        athlete,
        from: Some("2026-11-30".into()),
        to: Some("2026-11-01".into()),
        chart: request(XAxisView::Time, false),
    };
    assert_eq!(
        w.app.fitness(backwards).await.unwrap_err().code,
        "invalid_input"
    );
}
