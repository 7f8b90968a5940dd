//! The Intervals.icu reads against the sandbox: the calendar with races and notes, activities
//! with their Strava stubs, streams, wellness and the profile, each checked against the
//! sandbox's own data.

mod common;

use chrono::{Days, NaiveDate};
use common::*;
use offpeak_domain::{Activity, NoteKind, Sensitive, Sport, StreamData, StreamKind};
use offpeak_provider::ProviderError;
use offpeak_provider::intervals::{IntervalsAuth, IntervalsClient};
use offpeak_sandbox::data::NoteCategory;
use offpeak_sandbox::{DEMO_INTERVALS_KEY, RunningSandbox, Variant};
use std::collections::HashMap;

async fn intervals() -> (RunningSandbox, IntervalsClient) {
    let sandbox = start(Variant::Intervals).await;
    let client = IntervalsClient::new(
        offpeak_provider::http_client(),
        &sandbox.origin(),
        IntervalsAuth::ApiKey(Sensitive::new(DEMO_INTERVALS_KEY.to_owned())),
    )
    .with_manners(quick_manners());
    (sandbox, client)
}

/// The whole demo season and the fortnight of plan after it.
fn season() -> (NaiveDate, NaiveDate) {
    (anchor() - Days::new(200), anchor() + Days::new(14))
}

fn note_kind(category: NoteCategory) -> NoteKind {
    match category {
        NoteCategory::Note => NoteKind::Note,
        NoteCategory::Holiday => NoteKind::Holiday,
        NoteCategory::Sick => NoteKind::Sick,
        NoteCategory::Injured => NoteKind::Injured,
    }
}

#[tokio::test]
async fn the_calendar_files_workouts_races_and_notes() {
    let (sandbox, client) = intervals().await;
    let (oldest, newest) = season();
    let calendar = client.calendar("0", oldest, newest).await.unwrap();
    let truth = sandbox.truth();

    let planned: Vec<_> = truth
        .workouts
        .iter()
        .filter(|w| w.date >= oldest && w.date <= newest)
        .collect();
    assert_eq!(calendar.workouts.len(), planned.len());
    let mut races: Vec<(NaiveDate, String)> = calendar
        .workouts
        .iter()
        .filter_map(|w| w.race.map(|r| (w.date, r.as_str().to_owned())))
        .collect();
    let mut expected_races: Vec<(NaiveDate, String)> = planned
        .iter()
        .filter_map(|w| w.race.map(|r| (w.date, format!("{r:?}"))))
        .collect();
    races.sort();
    expected_races.sort();
    assert!(!expected_races.is_empty(), "the season has races");
    assert_eq!(races, expected_races);

    let mut notes: Vec<_> = calendar
        .notes
        .iter()
        .map(|n| (n.start_date, n.end_date, n.kind, n.name.clone()))
        .collect();
    let mut expected_notes: Vec<_> = truth
        .notes
        .iter()
        .filter(|n| n.start_date <= newest && n.end_date >= oldest)
        .map(|n| {
            (
                n.start_date,
                n.end_date,
                note_kind(n.category),
                n.name.clone(),
            )
        })
        .collect();
    notes.sort_by_key(|n| (n.0, n.1, n.2.as_str(), n.3.clone()));
    expected_notes.sort_by_key(|n| (n.0, n.1, n.2.as_str(), n.3.clone()));
    assert!(expected_notes.len() >= 3, "{} notes", expected_notes.len());
    assert_eq!(notes, expected_notes);
    assert!(calendar.notes.iter().all(|n| n.athlete_id == OWNER_ICU_ID));
    assert!(
        calendar
            .workouts
            .iter()
            .all(|w| w.updated_at.timestamp() > 0),
        "every event carries its change stamp"
    );
}

#[tokio::test]
async fn strava_stubs_are_activities_marked_as_such_and_the_rest_is_mapped() {
    let (sandbox, client) = intervals().await;
    let (oldest, _) = season();
    let listed = client.activities_in("0", oldest, anchor()).await.unwrap();
    let truth = sandbox.truth();
    let expected = truth
        .activities
        .iter()
        .filter(|a| a.local_date >= oldest && a.local_date <= anchor())
        .count();
    assert_eq!(listed.len(), expected);
    let (stubs, full): (Vec<&Activity>, Vec<&Activity>) = listed.iter().partition(|a| a.stub);
    assert!(!stubs.is_empty(), "the first activity came from Strava");
    for stub in &stubs {
        assert!(stub.name.contains("Strava"), "{}", stub.name);
        assert_eq!(stub.sport, Sport::Other);
        assert!(stub.stream_types.is_empty() && stub.avg_hr.is_none());
        assert!(stub.local_date >= oldest);
    }
    let by_start: HashMap<_, _> = truth.activities.iter().map(|a| (a.start_time, a)).collect();
    for a in &full {
        let known = by_start[&a.start_time];
        assert_eq!(a.local_date, known.local_date, "{}", a.id);
        assert_eq!(a.moving_time_s, known.moving_time_s);
        assert_eq!(
            a.normalized_power_w,
            known.normalized_power_w.map(f64::from)
        );
        assert_eq!(a.max_hr, known.max_hr.map(f64::from));
        assert_eq!(a.calories, known.calories.map(f64::from));
        assert_eq!(
            a.stream_types, known.stream_types,
            "names read back as Offpeak's"
        );
        let stamp_gap = (a.updated_at - known.updated_at).num_milliseconds().abs();
        assert!(
            stamp_gap <= 1,
            "{}: {} vs {}",
            a.id,
            a.updated_at,
            known.updated_at
        );
        if let (Some(ours), Some(theirs)) = (a.intensity_factor, known.intensity_factor) {
            assert!((ours - theirs).abs() < 0.001, "{ours} vs {theirs}");
        }
    }
}

#[tokio::test]
async fn streams_come_whole_and_a_stubs_are_not_there() {
    let (_sandbox, client) = intervals().await;
    let (oldest, _) = season();
    let listed = client.activities_in("0", oldest, anchor()).await.unwrap();
    let ride = listed
        .iter()
        .find(|a| {
            a.stream_types.iter().any(|t| t == "latlng")
                && a.stream_types.iter().any(|t| t == "watts")
        })
        .expect("an outdoor ride");
    let fetched = client.streams(&ride.id).await.unwrap();
    let streams = &fetched.streams;
    assert_eq!(streams.len(), ride.elapsed_time_s as usize);
    assert_eq!(streams.series.len(), ride.stream_types.len());
    assert!(streams.series.iter().all(|(_, d)| d.len() == streams.len()));
    assert!(
        streams.scalar(StreamKind::Watts).is_some(),
        "watts asked by name"
    );
    let Some(StreamData::LatLng(route)) = streams.get(StreamKind::Latlng) else {
        panic!("a route");
    };
    let [lat, lng] = route.iter().flatten().next().expect("a point");
    assert!(lat.abs() <= 90.0 && lng.abs() <= 180.0 && (*lat != 0.0 || *lng != 0.0));
    assert!(fetched.json_bytes > 0);

    let stub = listed.iter().find(|a| a.stub).unwrap();
    match client.streams(&stub.id).await {
        Err(ProviderError::NotFound(what)) => assert!(what.contains("Strava"), "{what}"),
        other => panic!("a stub has no streams: {other:?}"),
    }
}

#[tokio::test]
async fn wellness_days_carry_the_mornings_measurements() {
    let (sandbox, client) = intervals().await;
    let oldest = anchor() - Days::new(30);
    let days = client
        .wellness(OWNER_ICU_ID, oldest, anchor())
        .await
        .unwrap();
    assert!(days.iter().all(|d| d.date >= oldest && d.date <= anchor()));
    assert!(days.iter().all(|d| d.athlete_id == OWNER_ICU_ID));
    let truth = sandbox.truth();
    let measured: Vec<_> = truth
        .wellness
        .iter()
        .filter(|w| w.date >= oldest && w.date <= anchor())
        .collect();
    assert!(measured.len() >= 20, "{} days measured", measured.len());
    for known in measured {
        let day = days
            .iter()
            .find(|d| d.date == known.date)
            .unwrap_or_else(|| panic!("{} is listed", known.date));
        assert_eq!(day.resting_hr, known.resting_hr, "{}", known.date);
        assert_eq!(day.hrv, known.hrv);
        assert_eq!(day.weight_kg, known.weight_kg);
        assert_eq!(day.sleep_s, known.sleep_s);
        assert_eq!(day.sleep_quality, known.sleep_quality, "1 is poor, 4 great");
    }
}

#[tokio::test]
async fn the_profile_has_thresholds_and_zones_from_the_sport_settings() {
    let (sandbox, client) = intervals().await;
    let profile = client.profile("0").await.unwrap();
    let truth = sandbox.truth();
    let known = truth.owner();
    assert_eq!(
        (profile.id.as_str(), profile.name.as_str()),
        (OWNER_ICU_ID, OWNER_NAME)
    );
    assert_eq!(profile.ftp_w, Some(known.ftp_w));
    assert_eq!(
        (profile.hr_max, profile.hr_rest),
        (Some(known.hr_max), Some(known.hr_rest))
    );
    assert_eq!(profile.weight_kg, Some(known.weight_kg));
    assert_eq!(profile.hr_zones_bpm, known.hr_zones_bpm);
    let pace = profile.threshold_pace_s_per_km.unwrap();
    assert!(pace.abs_diff(known.threshold_pace_s_per_km) <= 1, "{pace}");
    // Kept in whole percent of FTP by the platform: within a few watts of the athlete's own.
    let zones = &profile.power_zones_w;
    assert_eq!(zones.len(), known.power_zones_w.len());
    for (ours, theirs) in zones.iter().zip(&known.power_zones_w).take(zones.len() - 1) {
        assert!(ours.abs_diff(*theirs) <= 3, "{ours} vs {theirs}");
    }
    assert_eq!(client.athlete("0").await.unwrap(), profile);
}

/// How many intervals a structured plan's steps make once its repeats are unrolled: each
/// step with a length is one, a repeated block its steps as many times as it repeats.
fn unrolled_steps(steps: &[offpeak_sandbox::data::Step]) -> usize {
    steps
        .iter()
        .map(|step| match (&step.steps, step.repeat) {
            (Some(children), Some(times)) => unrolled_steps(children) * times as usize,
            _ => usize::from(
                step.duration_s.is_some_and(|s| s > 0) || step.distance_m.is_some_and(|m| m > 0.0),
            ),
        })
        .sum()
}

#[tokio::test]
async fn laps_follow_a_structured_plans_steps_and_cover_the_moving_time() {
    let (sandbox, client) = intervals().await;
    let (oldest, _) = season();
    let listed = client.activities_in("0", oldest, anchor()).await.unwrap();
    let truth = sandbox.truth();
    let by_start: HashMap<_, _> = truth.activities.iter().map(|a| (a.start_time, a)).collect();
    let (listed_ride, known, steps) = listed
        .iter()
        .filter(|a| !a.stub)
        .find_map(|a| {
            let known = by_start.get(&a.start_time)?;
            let plan = truth.workout(known.planned_workout_id.as_deref()?)?;
            let steps = &plan.structure.as_ref()?.steps;
            let repeats = steps.iter().any(|s| s.repeat.is_some());
            (repeats && known.avg_power_w.is_some()).then_some((a, *known, steps))
        })
        .expect("a ride with power that fulfils a plan with repeats");

    let laps = client.laps(&listed_ride.id).await.unwrap();
    assert_eq!(laps.len(), unrolled_steps(steps));
    assert_eq!(laps[0].label.as_deref(), Some("Warmup"));
    assert_eq!(laps[0].start_s, 0.0);
    for pair in laps.windows(2) {
        assert_eq!(pair[0].start_s + pair[0].duration_s, pair[1].start_s);
    }
    let moving: f64 = laps.iter().map(|l| l.duration_s).sum();
    assert_eq!(moving, f64::from(known.moving_time_s));
    assert!(laps.iter().all(|l| l.moving_s == Some(l.duration_s)));
    assert!(laps.iter().all(|l| l.avg_power_w.is_some_and(|w| w > 0.0)));
    assert_eq!(
        laps.iter().any(|l| l.avg_hr.is_some()),
        known.avg_hr.is_some()
    );
    if let Some(distance) = known.distance_m {
        let summed: f64 = laps.iter().filter_map(|l| l.distance_m).sum();
        assert!((summed - distance).abs() < 1.0, "{summed} of {distance}");
    }

    let unplanned = listed
        .iter()
        .find(|a| !a.stub && a.planned_workout_id.is_none())
        .expect("an activity without a plan");
    let laps = client.laps(&unplanned.id).await.unwrap();
    assert_eq!(laps.len(), unplanned.moving_time_s.div_ceil(600) as usize);
    assert_eq!(laps[0].label.as_deref(), Some("Lap 1"));

    match client.laps("i999999999").await {
        Err(ProviderError::NotFound(what)) => assert!(what.contains("i999999999"), "{what}"),
        other => panic!("an unknown activity has no laps: {other:?}"),
    }
}

#[tokio::test]
async fn laps_requests_are_retried_on_server_errors_and_a_spoiled_answer_is_refused() {
    let (sandbox, client) = intervals().await;
    let listed = client
        .activities_in("0", season().0, anchor())
        .await
        .unwrap();
    let ride = listed.iter().find(|a| !a.stub).unwrap();
    let whole = client.laps(&ride.id).await.unwrap();
    assert!(!whole.is_empty());

    sandbox.set_faults(offpeak_sandbox::FaultPlan {
        server_errors: 0.5,
        seed: 7,
        ..offpeak_sandbox::FaultPlan::default()
    });
    let before = client.manners().stats().retries;
    for _ in 0..4 {
        assert_eq!(client.laps(&ride.id).await.unwrap(), whole);
    }
    assert!(
        client.manners().stats().retries > before,
        "server errors are retried"
    );

    sandbox.set_faults(offpeak_sandbox::FaultPlan {
        malformed: 1.0,
        ..offpeak_sandbox::FaultPlan::default()
    });
    match client.laps(&ride.id).await {
        Err(ProviderError::BadResponse(reason)) => {
            assert!(
                reason.contains(&format!("/activity/{}", ride.id)),
                "{reason}"
            )
        }
        other => panic!("expected a bad response naming the path, got {other:?}"),
    }
}
