//! Activity streams against the sandbox: the policy decides which activities get streams ahead
//! of time; what is kept decodes to exactly what the platform sent, takes far less room than
//! its JSON, and comes with sane figures; an activity a person opens is fetched at once; an
//! activity whose recording changed at the platform is fetched again.

mod common;

use chrono::{Months, NaiveDate};
use common::{World, today, today_config, world_with};
use offpeak_domain::{Activity, StreamData, StreamKind, Streams};
use offpeak_sandbox::{DatasetSize, Variant};
use offpeak_store::ConnectionRecord;
use offpeak_sync::{ObjectKind, ObjectRef, StreamsPolicy, SyncSettings};
use std::collections::BTreeSet;

async fn world_streaming(policy: StreamsPolicy) -> World {
    let w = world_with(today_config(Variant::VeloPeak, DatasetSize::Demo)).await;
    SyncSettings {
        streams: policy,
        ..SyncSettings::default()
    }
    .save(&w.store)
    .await
    .unwrap();
    w
}

const RECENT: StreamsPolicy = StreamsPolicy::RecentMonths { months: 1 };

fn month_ago() -> NaiveDate {
    today().checked_sub_months(Months::new(1)).unwrap()
}

fn has_streams(a: &Activity) -> bool {
    !a.stub && !a.stream_types.is_empty()
}

/// The streams JSON the platform serves for `a`, read by the test itself.
async fn served_json(w: &World, c: &ConnectionRecord, a: &Activity) -> (serde_json::Value, usize) {
    let (access, _) = w.stored_tokens(c).await;
    let types: Vec<&str> = StreamKind::ALL.iter().map(|k| k.as_str()).collect();
    let response = w
        .http
        .get(format!(
            "{}/api/v1/activities/{}/streams",
            w.sandbox.origin(),
            a.id
        ))
        .query(&[
            ("athlete_id", a.athlete_id.as_str()),
            ("types", &types.join(",")),
        ])
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let body = response.bytes().await.unwrap();
    (serde_json::from_slice(&body).unwrap(), body.len())
}

/// Asserts the cached streams are the served JSON's, sample by sample.
fn assert_same_samples(id: &str, cached: &Streams, served: &serde_json::Value) {
    let served = served["streams"].as_object().expect("a streams object");
    assert_eq!(cached.series.len(), served.len(), "{id}: series");
    for (name, samples) in served {
        let kind = StreamKind::parse(name).unwrap_or_else(|| panic!("{id}: unknown {name}"));
        let samples = samples.as_array().unwrap();
        match cached
            .get(kind)
            .unwrap_or_else(|| panic!("{id}: no {name}"))
        {
            StreamData::Scalar(values) => {
                let expected: Vec<Option<f64>> = samples.iter().map(|v| v.as_f64()).collect();
                assert_eq!(values, &expected, "{id}: {name}");
            }
            StreamData::LatLng(points) => {
                let expected: Vec<Option<[f64; 2]>> = samples
                    .iter()
                    .map(|p| {
                        p.as_array()
                            .map(|p| [p[0].as_f64().unwrap(), p[1].as_f64().unwrap()])
                    })
                    .collect();
                assert_eq!(points, &expected, "{id}: {name}");
            }
        }
    }
}

/// Seconds the recording covers, from its time stream.
fn recorded_seconds(streams: &Streams) -> f64 {
    let time = streams.scalar(StreamKind::Time).expect("a time stream");
    let first = time.iter().flatten().next().unwrap();
    let last = time.iter().flatten().last().unwrap();
    last - first + 1.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recent_activities_get_streams_equal_to_what_the_platform_sent() {
    let w = world_streaming(RECENT).await;
    let c = w.connect().await;
    let syncer = w.syncer();
    let report = syncer.sync(&c.id).await.unwrap();

    let activities = w.store.all_activities(&c.id).await.unwrap();
    let wanted: BTreeSet<&str> = activities
        .iter()
        .filter(|a| has_streams(a) && a.local_date >= month_ago())
        .map(|a| a.id.as_str())
        .collect();
    let mut with_streams = BTreeSet::new();
    for a in &activities {
        if let Some(streams) = w.store.streams(&c.id, &a.id).await.unwrap() {
            with_streams.insert(a.id.as_str());
            let kinds: Vec<&str> = streams.series.iter().map(|(k, _)| k.as_str()).collect();
            let mut types: Vec<&str> = a.stream_types.iter().map(String::as_str).collect();
            types.sort_by_key(|t| StreamKind::parse(t));
            assert_eq!(kinds, types, "{}", a.id);
            assert!(
                streams.series.iter().all(|(_, d)| d.len() == streams.len()) && !streams.is_empty()
            );
            assert!(w.store.figures(&c.id, &a.id).await.unwrap().is_some());
        }
    }
    assert!(wanted.len() >= 5, "{} recent activities", wanted.len());
    assert!(
        activities
            .iter()
            .any(|a| has_streams(a) && !wanted.contains(a.id.as_str())),
        "older activities exist, and get none"
    );
    assert_eq!(with_streams, wanted);
    assert_eq!(report.streams_fetched as usize, wanted.len());

    // A few, read from the platform by hand: a ride with power, and two others.
    let recent: Vec<&Activity> = activities
        .iter()
        .filter(|a| wanted.contains(a.id.as_str()))
        .collect();
    let ride = recent
        .iter()
        .find(|a| a.stream_types.iter().any(|t| t == "watts") && a.stream_types.len() >= 5)
        .expect("a recent ride with power");
    let other_sport = recent
        .iter()
        .find(|a| a.sport != ride.sport)
        .expect("another sport");
    let third = recent
        .iter()
        .find(|a| a.id != ride.id && a.id != other_sport.id)
        .unwrap();
    let sample = [ride, other_sport, third];
    let mut served_bytes = 0;
    for a in &sample {
        let (json, bytes) = served_json(&w, &c, a).await;
        served_bytes += bytes;
        let cached = w.store.streams(&c.id, &a.id).await.unwrap().unwrap();
        assert_same_samples(&a.id, &cached, &json);
    }
    assert!(served_bytes > 0);

    // The ride's figures.
    let figures = w.store.figures(&c.id, &ride.id).await.unwrap().unwrap();
    let streams = w.store.streams(&c.id, &ride.id).await.unwrap().unwrap();
    let seconds = recorded_seconds(&streams);
    let curve = &figures.power_curve;
    assert!(curve.len() >= 10, "{curve:?}");
    assert!(curve.windows(2).all(|p| p[0].0 < p[1].0), "{curve:?}");
    // The longer, the lower: a span made of whole shorter spans cannot average more than the
    // best of them (between other durations the curve may rise a little: 10 W, 0, 10 W holds
    // more for 3 s than for 2), while the work done only grows with the duration.
    for (i, &(short, short_w)) in curve.iter().enumerate() {
        for &(long, long_w) in &curve[i + 1..] {
            if long % short == 0 {
                assert!(long_w <= short_w, "{long} s above {short} s: {curve:?}");
            }
            let rounding = 0.05 * f64::from(short + long);
            assert!(
                f64::from(long) * long_w + rounding >= f64::from(short) * short_w,
                "less work in {long} s than in {short} s: {curve:?}"
            );
        }
    }
    assert!(curve[0].1 > curve[curve.len() - 1].1);
    assert!(f64::from(curve[curve.len() - 1].0) <= seconds);
    for (zones, what) in [(&figures.power_zone_s, "power"), (&figures.hr_zone_s, "hr")] {
        assert!(!zones.is_empty(), "{what} zones");
        let total: f64 = zones.iter().map(|s| f64::from(*s)).sum();
        assert!(
            total >= 0.9 * seconds && total <= seconds + zones.len() as f64,
            "{what} zones hold {total} s of a {seconds} s ride: {zones:?}"
        );
    }
    let load = figures.load.expect("a load");
    let hours = seconds / 3600.0;
    assert!(load > 0.0 && load < 200.0 * hours, "{load} for {hours} h");
    assert!(figures.normalized_power_w.is_some_and(|np| np > 0.0));

    // Kept compact.
    let storage = w.store.stream_storage(Some(&c.id)).await.unwrap();
    assert_eq!(storage.activities as usize, wanted.len());
    assert!(
        storage.stored_bytes * 100 <= storage.json_bytes * 35,
        "{storage:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_opened_activity_is_fetched_now_and_a_changed_recording_again() {
    let w = world_streaming(RECENT).await;
    let c = w.connect().await;
    let syncer = w.syncer();
    syncer.sync(&c.id).await.unwrap();
    let activities = w.store.all_activities(&c.id).await.unwrap();

    // An older activity, opened by the person.
    let old = activities
        .iter()
        .find(|a| has_streams(a) && a.local_date < month_ago())
        .unwrap();
    assert!(w.store.streams(&c.id, &old.id).await.unwrap().is_none());
    assert!(syncer.fetch_streams_now(&c.id, &old.id).await.unwrap());
    let fetched = w.store.streams(&c.id, &old.id).await.unwrap().unwrap();
    assert_same_samples(&old.id, &fetched, &served_json(&w, &c, old).await.0);
    assert!(
        !syncer.fetch_streams_now(&c.id, &old.id).await.unwrap(),
        "already fresh"
    );

    // Two recent recordings change at the platform: one longer, one without a sensor.
    let recent: Vec<&Activity> = activities
        .iter()
        .filter(|a| has_streams(a) && a.local_date >= month_ago() && a.stream_types.len() >= 3)
        .collect();
    let truth = w.sandbox.truth();
    let mut longer = truth.activity(&recent[0].id).unwrap().clone();
    longer.elapsed_time_s += 600;
    w.sandbox.put_activity(longer.clone());
    let mut fewer = truth.activity(&recent[1].id).unwrap().clone();
    let dropped = fewer.stream_types.pop().unwrap();
    w.sandbox.put_activity(fewer.clone());

    let report = syncer.sync(&c.id).await.unwrap();
    assert_eq!(report.streams_fetched, 2, "exactly the changed ones");
    for changed in [&longer.id, &fewer.id] {
        let a = w.store.activity(&c.id, changed).await.unwrap().unwrap();
        let cached = w.store.streams(&c.id, changed).await.unwrap().unwrap();
        assert_same_samples(changed, &cached, &served_json(&w, &c, &a).await.0);
    }
    let cached = w.store.streams(&c.id, &longer.id).await.unwrap().unwrap();
    assert_eq!(
        recorded_seconds(&cached),
        f64::from(longer.elapsed_time_s),
        "the longer recording"
    );
    let cached = w.store.streams(&c.id, &fewer.id).await.unwrap().unwrap();
    assert!(cached.get(StreamKind::parse(&dropped).unwrap()).is_none());
    assert_eq!(syncer.sync(&c.id).await.unwrap().streams_fetched, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_demand_fetches_none_ahead_of_time() {
    let w = world_streaming(StreamsPolicy::OnDemand).await;
    let c = w.connect().await;
    let report = w.syncer().sync(&c.id).await.unwrap();
    assert_eq!(report.streams_fetched, 0);
    assert_eq!(
        w.store
            .stream_storage(Some(&c.id))
            .await
            .unwrap()
            .activities,
        0
    );
    assert!(w.store.count_needing_streams(&c.id, None).await.unwrap() > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_activity_a_webhook_names_gets_streams_as_the_policy_says() {
    let w = world_streaming(StreamsPolicy::OnDemand).await;
    let c = w.connect().await;
    let syncer = w.syncer();
    syncer.sync(&c.id).await.unwrap();
    let activities = w.store.all_activities(&c.id).await.unwrap();
    let recent = activities
        .iter()
        .find(|a| has_streams(a) && a.local_date >= month_ago())
        .unwrap();
    let old = activities
        .iter()
        .find(|a| has_streams(a) && a.local_date < month_ago())
        .unwrap();
    let named = |a: &Activity| ObjectRef {
        kind: ObjectKind::Activity,
        athlete_id: a.athlete_id.clone(),
        id: a.id.clone(),
    };
    let cached = async |a: &Activity| w.store.streams(&c.id, &a.id).await.unwrap();

    // On demand: the activity is read again, its streams wait until someone opens it.
    syncer.sync_object(&c.id, &named(recent)).await.unwrap();
    assert!(cached(recent).await.is_none());

    // The last month only: an older activity waits, a recent one is fetched.
    let save = async |streams| {
        SyncSettings {
            streams,
            ..SyncSettings::default()
        }
        .save(&w.store)
        .await
        .unwrap()
    };
    save(RECENT).await;
    syncer.sync_object(&c.id, &named(old)).await.unwrap();
    assert!(cached(old).await.is_none());
    syncer.sync_object(&c.id, &named(recent)).await.unwrap();
    let fetched = cached(recent).await.expect("a recent activity's streams");
    assert_same_samples(&recent.id, &fetched, &served_json(&w, &c, recent).await.0);

    // Everything: the older one too.
    save(StreamsPolicy::All).await;
    syncer.sync_object(&c.id, &named(old)).await.unwrap();
    assert!(cached(old).await.is_some());
}
