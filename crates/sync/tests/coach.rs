//! A coach's connection: every athlete the coach can read is synced, each one's cache equal to
//! the sandbox's truth, each with a profile holding thresholds and zones.

mod common;

use common::truth::velopeak_differences;
use common::{today_config, world_with};
use offpeak_sandbox::{DatasetSize, Variant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_syncs_every_athlete_it_can_read() {
    let w = world_with(today_config(Variant::VeloPeak, DatasetSize::Season)).await;
    let c = w.connect().await;
    let report = w.syncer().sync(&c.id).await.unwrap();
    let truth = w.sandbox.truth();
    let coach = truth.owner();
    let readable = truth.readable_by(&coach.id);
    assert!(readable.len() >= 5, "{} athletes", readable.len());

    let listed: Vec<String> = w
        .store
        .athletes(&c.id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    let expected: Vec<String> = readable.iter().map(|a| a.id.clone()).collect();
    assert_eq!(listed, expected, "the coach first, then the clients");

    let (mut workouts, mut activities) = (0, 0);
    for athlete in &readable {
        let diff = velopeak_differences(&w.store, &truth, &c.id, &athlete.id, None).await;
        assert!(diff.is_empty(), "{}:\n{}", athlete.name, diff.join("\n"));
        workouts += truth
            .workouts
            .iter()
            .filter(|x| x.athlete_id == athlete.id)
            .count();
        activities += truth
            .activities
            .iter()
            .filter(|x| x.athlete_id == athlete.id)
            .count();

        let profile = w
            .store
            .athlete_profile(&c.id, &athlete.id)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{}'s profile", athlete.name));
        assert_eq!(profile.name, athlete.name);
        assert_eq!(profile.ftp_w, Some(athlete.ftp_w), "{}", athlete.name);
        assert_eq!(profile.power_zones_w, athlete.power_zones_w);
        assert_eq!(profile.hr_zones_bpm, athlete.hr_zones_bpm);
        assert!(!profile.power_zones_w.is_empty() && !profile.hr_zones_bpm.is_empty());
    }
    let clients_activities = activities
        - truth
            .activities
            .iter()
            .filter(|x| x.athlete_id == coach.id)
            .count();
    assert!(clients_activities > 0, "the clients train");
    assert_eq!(report.workouts as usize, workouts, "nobody else's plans");
    assert_eq!(report.activities as usize, activities);
    w.store.integrity_check().await.unwrap();
}
