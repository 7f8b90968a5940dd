//! The VeloPeak reads against the sandbox: pages by date window, the change feed with its
//! tombstones and ETags, single items, streams, profiles, and a coach reading the athletes who
//! share with them.

mod common;

use chrono::{DateTime, Days, Utc};
use common::*;
use offpeak_domain::{Activity, Sensitive, StreamData, StreamKind, Workout};
use offpeak_provider::ProviderError;
use offpeak_provider::velopeak::{Change, Conditional, DateWindow, Page, VelopeakClient};
use offpeak_sandbox::{DatasetSize, Resource, RunningSandbox, SandboxConfig, Variant};

async fn velopeak() -> (RunningSandbox, Sensitive<String>, String) {
    let sandbox = start(Variant::VeloPeak).await;
    let token = velopeak_token(&sandbox).await;
    let owner = sandbox.truth().owner().id.clone();
    (sandbox, token, owner)
}

/// Every workout of `athlete` in `window`, page by page.
async fn all_workouts(
    client: &VelopeakClient,
    token: &Sensitive<String>,
    athlete: &str,
    window: &DateWindow,
) -> Vec<Workout> {
    let mut all = Vec::new();
    let mut cursor = None;
    loop {
        let page = client
            .list::<Workout>(token, athlete, window, cursor.as_deref())
            .await
            .unwrap();
        assert!(page.served_at.is_some(), "the Date header is read");
        all.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return all,
        }
    }
}

/// The whole workout feed after `since`: its entries and the tag of its last page.
async fn workout_feed(
    client: &VelopeakClient,
    token: &Sensitive<String>,
    athlete: &str,
    since: DateTime<Utc>,
) -> (Vec<Change<Workout>>, Option<String>) {
    let mut entries = Vec::new();
    let mut cursor = None;
    loop {
        let Conditional::Fresh { value, etag } = client
            .changes::<Workout>(token, athlete, since, cursor.as_deref(), None)
            .await
            .unwrap()
        else {
            panic!("nothing was tagged, so nothing can be unmodified");
        };
        let Page {
            items, next_cursor, ..
        } = value;
        entries.extend(items);
        match next_cursor {
            Some(next) => cursor = Some(next),
            None => return (entries, etag),
        }
    }
}

#[tokio::test]
async fn a_date_window_lists_exactly_its_workouts() {
    let (sandbox, token, owner) = velopeak().await;
    let client = velopeak_client(&sandbox);
    let window = DateWindow::between(anchor() - Days::new(21), anchor());
    let listed = all_workouts(&client, &token, &owner, &window).await;
    let truth = sandbox.truth();
    let expected: Vec<&str> = truth
        .workouts
        .iter()
        .filter(|w| {
            w.athlete_id == owner && w.date >= anchor() - Days::new(21) && w.date <= anchor()
        })
        .map(|w| w.id.as_str())
        .collect();
    let got: Vec<&str> = listed.iter().map(|w| w.id.as_str()).collect();
    assert!(expected.len() >= 10, "{} workouts", expected.len());
    assert_eq!(got, expected);
    let everything = all_workouts(&client, &token, &owner, &DateWindow::default()).await;
    assert!(everything.len() > listed.len());
}

#[tokio::test]
async fn the_change_feed_brings_edits_and_tombstones_and_honours_its_etag() {
    let (sandbox, token, owner) = velopeak().await;
    let manners = quick_manners();
    let client = velopeak_with(&sandbox, &manners);
    let truth = sandbox.truth();
    let since = truth
        .workouts
        .iter()
        .map(|w| w.updated_at)
        .chain(truth.activities.iter().map(|a| a.updated_at))
        .max()
        .unwrap();
    let (quiet, etag) = workout_feed(&client, &token, &owner, since).await;
    assert!(quiet.is_empty(), "{quiet:?}");
    let etag = etag.expect("every answer is tagged");
    let unchanged = client
        .changes::<Workout>(&token, &owner, since, None, Some(&etag))
        .await
        .unwrap();
    assert_eq!(unchanged, Conditional::NotModified);
    assert_eq!(manners.stats().not_modified, 1);

    let mut edited = truth.workouts[3].clone();
    edited.name = "Renamed on the platform".into();
    let edit = sandbox.put_workout(edited.clone());
    let removed = &truth.workouts[5];
    // Deleting a planned workout may also unlink the activity that fulfilled it.
    let deleted_at = sandbox
        .delete(Resource::Workout, &removed.id)
        .into_iter()
        .find(|c| c.resource == Resource::Workout)
        .expect("the workout was deleted")
        .at;

    let changed = client
        .changes::<Workout>(&token, &owner, since, None, Some(&etag))
        .await
        .unwrap();
    assert!(
        matches!(changed, Conditional::Fresh { .. }),
        "the tag is stale now"
    );
    let (entries, _) = workout_feed(&client, &token, &owner, since).await;
    assert_eq!(entries.len(), 2, "{entries:?}");
    match &entries[0] {
        Change::Upsert(w) => {
            assert_eq!(
                (w.id.as_str(), w.name.as_str()),
                (edited.id.as_str(), "Renamed on the platform")
            );
            assert_eq!(w.updated_at, edit.at);
        }
        other => panic!("the edit comes first: {other:?}"),
    }
    assert_eq!(
        entries[1],
        Change::Deleted {
            id: removed.id.clone(),
            at: deleted_at
        }
    );
    let (after_edit, _) = workout_feed(&client, &token, &owner, edit.at).await;
    assert_eq!(
        after_edit.len(),
        1,
        "only what changed after the instant given"
    );
}

#[tokio::test]
async fn single_items_come_back_and_a_deleted_one_is_none() {
    let (sandbox, token, owner) = velopeak().await;
    let client = velopeak_client(&sandbox);
    let page = client
        .list::<Workout>(&token, &owner, &DateWindow::default(), None)
        .await
        .unwrap();
    let first = &page.items[0];
    assert_eq!(
        client
            .workout(&token, &owner, &first.id)
            .await
            .unwrap()
            .as_ref(),
        Some(first)
    );
    sandbox.delete(Resource::Workout, &first.id);
    assert_eq!(
        client.workout(&token, &owner, &first.id).await.unwrap(),
        None
    );
    assert_eq!(
        client
            .workout(&token, &owner, "w_nosuchthing")
            .await
            .unwrap(),
        None
    );

    let activities = client
        .list::<Activity>(&token, &owner, &DateWindow::default(), None)
        .await
        .unwrap();
    let listed = &activities.items[0];
    let one = client
        .activity(&token, &owner, &listed.id)
        .await
        .unwrap()
        .expect("the listed activity");
    assert_eq!(&one, listed);
    let truth = sandbox.truth();
    let known = truth.activity(&listed.id).unwrap();
    assert_eq!(one.stream_types, known.stream_types);
    assert_eq!(one.max_hr, known.max_hr.map(f64::from));
    assert_eq!(
        one.normalized_power_w,
        known.normalized_power_w.map(f64::from)
    );
}

#[tokio::test]
async fn streams_map_every_series_with_their_dropouts() {
    let (sandbox, token, owner) = velopeak().await;
    let client = velopeak_client(&sandbox);
    let truth = sandbox.truth();
    let rides: Vec<_> = truth
        .activities
        .iter()
        .filter(|a| {
            a.stream_types.iter().any(|t| t == "latlng")
                && a.stream_types.iter().any(|t| t == "watts")
        })
        .take(10)
        .collect();
    let mut saw_dropout = false;
    for ride in rides {
        let fetched = client.streams(&token, &owner, &ride.id).await.unwrap();
        let streams = &fetched.streams;
        assert_eq!(streams.len(), ride.elapsed_time_s as usize, "{}", ride.id);
        assert_eq!(streams.series.len(), ride.stream_types.len(), "{}", ride.id);
        assert!(streams.series.iter().all(|(_, d)| d.len() == streams.len()));
        let Some(StreamData::LatLng(route)) = streams.get(StreamKind::Latlng) else {
            panic!("{} has a route", ride.id);
        };
        let [lat, lng] = route.iter().flatten().next().expect("a point");
        assert!(lat.abs() <= 90.0 && lng.abs() <= 180.0 && (*lat != 0.0 || *lng != 0.0));
        assert!(fetched.json_bytes > 0);
        saw_dropout |= streams.series.iter().any(|(_, d)| match d {
            StreamData::Scalar(v) => v.iter().any(Option::is_none),
            StreamData::LatLng(v) => v.iter().any(Option::is_none),
        });
    }
    assert!(saw_dropout, "dropouts are kept as missing samples");
    assert!(matches!(
        client.streams(&token, &owner, "act_nosuchthing").await,
        Err(ProviderError::NotFound(m)) if m.contains("act_nosuchthing")
    ));
}

#[tokio::test]
async fn the_own_profile_has_thresholds_and_zones_and_is_conditional() {
    let (sandbox, token, owner) = velopeak().await;
    let manners = quick_manners();
    let client = velopeak_with(&sandbox, &manners);
    let Conditional::Fresh { value, etag } =
        client.athlete_profile(&token, &owner, None).await.unwrap()
    else {
        panic!("a first read is fresh");
    };
    let truth = sandbox.truth();
    let known = truth.owner();
    assert_eq!(value.ftp_w, Some(known.ftp_w));
    assert_eq!(
        (value.hr_max, value.hr_rest),
        (Some(known.hr_max), Some(known.hr_rest))
    );
    assert_eq!(value.weight_kg, Some(known.weight_kg));
    assert_eq!(
        value.threshold_pace_s_per_km,
        Some(known.threshold_pace_s_per_km)
    );
    assert_eq!(value.power_zones_w, known.power_zones_w);
    assert_eq!(value.hr_zones_bpm, known.hr_zones_bpm);
    let again = client
        .athlete_profile(&token, &owner, etag.as_deref())
        .await
        .unwrap();
    assert_eq!(again, Conditional::NotModified);
}

#[tokio::test]
async fn a_coach_reads_the_athletes_who_share_and_no_one_else() {
    let sandbox = start_with(SandboxConfig {
        dataset: DatasetSize::Season,
        ..SandboxConfig::for_variant(Variant::VeloPeak, anchor())
    })
    .await;
    let token = velopeak_token(&sandbox).await;
    let client = velopeak_client(&sandbox);
    let truth = sandbox.truth();
    let coach = &truth.athletes[0];
    let athlete = &truth.athletes[2];
    assert_eq!(athlete.coach_id.as_deref(), Some(coach.id.as_str()));

    let activities = client
        .list::<Activity>(&token, &athlete.id, &DateWindow::default(), None)
        .await
        .unwrap();
    assert!(!activities.items.is_empty());
    assert!(activities.items.iter().all(|a| a.athlete_id == athlete.id));
    let ride = &activities.items[0];
    assert!(
        client
            .activity(&token, &athlete.id, &ride.id)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        client
            .activity(&token, &coach.id, &ride.id)
            .await
            .unwrap()
            .is_none(),
        "not the coach's own activity"
    );
    let since = DateTime::<Utc>::UNIX_EPOCH;
    let Conditional::Fresh { value: feed, .. } = client
        .changes::<Activity>(&token, &athlete.id, since, None, None)
        .await
        .unwrap()
    else {
        panic!("a first read is fresh");
    };
    assert!(
        feed.items
            .iter()
            .all(|c| matches!(c, Change::Upsert(a) if a.athlete_id == athlete.id))
    );

    let Conditional::Fresh {
        value: profile,
        etag,
    } = client
        .athlete_profile(&token, &athlete.id, None)
        .await
        .unwrap()
    else {
        panic!("a first read is fresh");
    };
    assert_eq!(
        client
            .athlete_profile(&token, &athlete.id, etag.as_deref())
            .await
            .unwrap(),
        Conditional::NotModified,
        "a shared athlete's profile is conditional too"
    );
    assert_eq!(
        (profile.id.as_str(), profile.name.as_str()),
        (athlete.id.as_str(), athlete.name.as_str())
    );
    assert_eq!(profile.timezone.as_deref(), Some(athlete.timezone.as_str()));

    for refused in [
        client
            .list::<Workout>(&token, "a_nobody", &DateWindow::default(), None)
            .await
            .unwrap_err(),
        client
            .athlete_profile(&token, "a_nobody", None)
            .await
            .unwrap_err(),
        client
            .changes::<Workout>(&token, "a_nobody", since, None, None)
            .await
            .unwrap_err(),
    ] {
        match refused {
            ProviderError::NotFound(what) => {
                assert!(
                    what.contains("a_nobody") && what.contains("share"),
                    "{what}"
                )
            }
            other => panic!("expected the athlete refused, got {other:?}"),
        }
    }
}
