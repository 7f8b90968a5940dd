//! Network manners against the sandbox: rate limits kept (VeloPeak's headers, Intervals.icu's
//! requests per second), 429s waited out, passing faults retried, an unreachable platform
//! reported offline, the body cap, gzip on the wire, and the counters that show it all.

mod common;

use common::wire::CountingProxy;
use common::*;
use offpeak_domain::{Sensitive, Workout};
use offpeak_provider::intervals::{IntervalsAuth, IntervalsClient};
use offpeak_provider::velopeak::{DateWindow, VelopeakClient};
use offpeak_provider::{Manners, ProviderError, RetryPolicy, http_client};
use offpeak_sandbox::{
    DEMO_INTERVALS_KEY, FaultPlan, RateLimits, RunningSandbox, SandboxConfig, Variant,
};
use std::time::Duration;
use tokio::task::JoinSet;

async fn velopeak() -> (RunningSandbox, Sensitive<String>) {
    let sandbox = start(Variant::VeloPeak).await;
    let token = velopeak_token(&sandbox).await;
    (sandbox, token)
}

/// Every workout id of the owner, page by page.
async fn all_workout_ids(
    client: &VelopeakClient,
    token: &Sensitive<String>,
) -> Result<Vec<String>, ProviderError> {
    let mut ids = Vec::new();
    let mut cursor = None;
    loop {
        let page = client.workouts_page(token, cursor.as_deref()).await?;
        ids.extend(page.items.into_iter().map(|w| w.id));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(ids),
        }
    }
}

#[tokio::test]
async fn a_429_is_waited_out_for_as_long_as_retry_after_says() {
    let (sandbox, token) = velopeak().await;
    sandbox.set_faults(FaultPlan {
        burst_429: 2,
        retry_after_s: 1,
        ..FaultPlan::default()
    });
    let manners = quick_manners();
    let client = velopeak_with(&sandbox, &manners);
    let athlete = client.athlete(&token).await.unwrap();
    assert_eq!(athlete.name, OWNER_NAME);
    let stats = manners.stats();
    assert_eq!(
        (stats.rate_limited, stats.retries, stats.requests),
        (2, 2, 3)
    );
    assert!(
        stats.waited_ms >= 2000,
        "each 429 waited its second: {stats:?}"
    );
}

#[tokio::test]
async fn a_retry_after_past_the_cap_or_past_the_budget_is_rate_limited() {
    let (sandbox, token) = velopeak().await;
    sandbox.set_faults(FaultPlan {
        burst_429: 1,
        retry_after_s: 3600,
        ..FaultPlan::default()
    });
    let manners = quick_manners();
    let client = velopeak_with(&sandbox, &manners);
    match client.athlete(&token).await {
        Err(ProviderError::RateLimited { retry_after }) => {
            assert_eq!(retry_after, Duration::from_secs(3600));
        }
        other => panic!("expected rate limited, got {other:?}"),
    }
    assert_eq!(
        manners.stats().requests,
        1,
        "no wait of an hour was started"
    );

    sandbox.set_faults(FaultPlan {
        burst_429: 10,
        retry_after_s: 0,
        ..FaultPlan::default()
    });
    let manners = Manners::with_policy(RetryPolicy {
        attempts: 3,
        ..quick_policy()
    });
    let client = velopeak_with(&sandbox, &manners);
    let result = client.athlete(&token).await;
    assert!(
        matches!(result, Err(ProviderError::RateLimited { .. })),
        "{result:?}"
    );
    assert_eq!(manners.stats().rate_limited, 3);
}

#[tokio::test]
async fn the_velopeak_budget_is_kept_without_a_single_429() {
    let sandbox = start_with(SandboxConfig {
        rate_limits: RateLimits {
            per_window: 5,
            window: Duration::from_secs(1),
            per_day: 10_000,
        },
        ..SandboxConfig::for_variant(Variant::VeloPeak, anchor())
    })
    .await;
    let token = velopeak_token(&sandbox).await;
    let manners = quick_manners();
    let client = velopeak_with(&sandbox, &manners);
    let owner = sandbox.truth().owner().id.clone();
    let mut requests = JoinSet::new();
    for _ in 0..12 {
        let (client, token, owner) = (client.clone(), token.clone(), owner.clone());
        requests.spawn(async move {
            client
                .list::<Workout>(&token, &owner, &DateWindow::default(), None)
                .await
        });
    }
    while let Some(done) = requests.join_next().await {
        assert!(done.unwrap().is_ok());
    }
    let stats = manners.stats();
    assert_eq!(stats.rate_limited, 0, "{stats:?}");
    assert_eq!(stats.requests, 12, "{stats:?}");
    assert!(stats.waited_ms > 0, "the budget ran out and was waited for");
}

#[tokio::test]
async fn intervals_gets_at_most_ten_requests_a_second() {
    let sandbox = start(Variant::Intervals).await;
    let manners = quick_manners();
    let client = IntervalsClient::new(
        http_client(),
        &sandbox.origin(),
        IntervalsAuth::ApiKey(Sensitive::new(DEMO_INTERVALS_KEY.to_owned())),
    )
    .with_manners(manners.clone());
    let mut requests = JoinSet::new();
    for _ in 0..24 {
        let client = client.clone();
        requests.spawn(async move { client.profile("0").await });
    }
    while let Some(done) = requests.join_next().await {
        assert_eq!(done.unwrap().unwrap().id, OWNER_ICU_ID);
    }
    let stats = manners.stats();
    assert_eq!((stats.rate_limited, stats.requests), (0, 24), "{stats:?}");
    assert!(stats.waited_ms > 0);
}

/// Reads the list and then twenty workouts one by one with `plan` in force, and checks the
/// same come back as without it, through at least one retry.
async fn recovers_from(plan: FaultPlan) {
    let (sandbox, token) = velopeak().await;
    let read = |client: VelopeakClient, token: Sensitive<String>| async move {
        let ids = all_workout_ids(&client, &token).await?;
        let owner = client.athlete(&token).await?.id;
        let mut workouts = Vec::new();
        for id in ids.iter().take(20) {
            workouts.push(client.workout(&token, &owner, id).await?);
        }
        Ok::<_, ProviderError>((ids, workouts))
    };
    let clean = read(velopeak_client(&sandbox), token.clone())
        .await
        .unwrap();
    sandbox.set_faults(plan.clone());
    let manners = Manners::with_policy(RetryPolicy {
        attempts: 12,
        ..quick_policy()
    });
    let spoiled = read(velopeak_with(&sandbox, &manners), token)
        .await
        .unwrap_or_else(|e| panic!("{plan:?}: {e:?}"));
    assert_eq!(spoiled, clean, "{plan:?}");
    let stats = manners.stats();
    assert!(stats.retries > 0, "{plan:?} was met: {stats:?}");
}

#[tokio::test]
async fn server_errors_are_retried() {
    recovers_from(FaultPlan {
        server_errors: 0.5,
        seed: 1,
        ..FaultPlan::default()
    })
    .await;
}

#[tokio::test]
async fn truncated_bodies_are_retried() {
    recovers_from(FaultPlan {
        truncated: 0.5,
        seed: 2,
        ..FaultPlan::default()
    })
    .await;
}

#[tokio::test]
async fn dropped_connections_are_retried() {
    recovers_from(FaultPlan {
        dropped: 0.5,
        seed: 3,
        ..FaultPlan::default()
    })
    .await;
}

#[tokio::test]
async fn malformed_bodies_are_retried() {
    recovers_from(FaultPlan {
        malformed: 0.5,
        seed: 4,
        ..FaultPlan::default()
    })
    .await;
}

#[tokio::test]
async fn faults_that_persist_end_in_errors_that_show_nothing_raw() {
    let (sandbox, token) = velopeak().await;
    let manners = Manners::with_policy(RetryPolicy {
        attempts: 3,
        ..quick_policy()
    });
    let client = velopeak_with(&sandbox, &manners);
    sandbox.set_faults(FaultPlan {
        server_errors: 1.0,
        ..FaultPlan::default()
    });
    let error = client.workouts_page(&token, None).await.unwrap_err();
    assert!(matches!(error, ProviderError::Server { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        !message.contains("Exception") && !message.contains("nginx"),
        "{message}"
    );
    assert_eq!(manners.stats().requests, 3);

    sandbox.set_faults(FaultPlan {
        malformed: 1.0,
        ..FaultPlan::default()
    });
    match client.workouts_page(&token, None).await {
        Err(ProviderError::BadResponse(reason)) => {
            assert!(reason.contains("/workouts"), "{reason}")
        }
        other => panic!("expected a bad response naming the path, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unreachable_platform_is_offline_after_a_couple_of_tries() {
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let manners = quick_manners();
    let client = VelopeakClient::new(http_client(), &origin).with_manners(manners.clone());
    let token = Sensitive::new("vpa_any".to_owned());
    match client.athlete(&token).await {
        Err(ProviderError::Offline { origin: named, .. }) => assert_eq!(named, origin),
        other => panic!("expected offline, got {other:?}"),
    }
    let stats = manners.stats();
    assert_eq!(
        stats.requests,
        u64::from(quick_policy().offline_attempts),
        "{stats:?}"
    );
}

#[tokio::test]
async fn an_answer_past_the_cap_is_refused_and_said_so() {
    let (sandbox, token) = velopeak().await;
    let truth = sandbox.truth();
    let ride = truth
        .activities
        .iter()
        .find(|a| a.stream_types.iter().any(|t| t == "latlng"))
        .unwrap();
    let manners = Manners::with_policy(RetryPolicy {
        max_body_bytes: 4096,
        ..quick_policy()
    });
    let client = velopeak_with(&sandbox, &manners);
    match client.streams(&token, &ride.athlete_id, &ride.id).await {
        Err(ProviderError::BadResponse(reason)) => {
            assert!(reason.contains("larger than 4096 bytes"), "{reason}");
            assert!(reason.contains(&ride.id), "{reason}");
        }
        other => panic!("expected the answer refused as too large, got {other:?}"),
    }
    assert_eq!(manners.stats().retries, 0, "too large is final");
    let whole = velopeak_client(&sandbox)
        .streams(&token, &ride.athlete_id, &ride.id)
        .await
        .unwrap();
    assert!(whole.json_bytes > 4096);
}

#[tokio::test]
async fn answers_travel_gzipped_and_count_unpacked() {
    let (sandbox, token) = velopeak().await;
    let proxy = CountingProxy::start(&sandbox.origin()).await;
    let manners = quick_manners();
    let client = VelopeakClient::new(http_client(), &proxy.origin).with_manners(manners.clone());
    let truth = sandbox.truth();
    let ride = truth
        .activities
        .iter()
        .find(|a| a.stream_types.iter().any(|t| t == "latlng"))
        .unwrap();
    let fetched = client
        .streams(&token, &ride.athlete_id, &ride.id)
        .await
        .unwrap();
    let wire = proxy.received();
    let head = String::from_utf8_lossy(&wire[..wire.len().min(2048)]).to_ascii_lowercase();
    assert!(head.contains("content-encoding: gzip"), "{head}");
    let stats = manners.stats();
    assert_eq!(stats.bytes, fetched.json_bytes);
    assert!(
        (wire.len() as u64) * 2 < stats.bytes,
        "{} bytes on the wire for {} unpacked",
        wire.len(),
        stats.bytes
    );
}

#[tokio::test]
async fn a_dropped_request_gives_its_place_in_the_budget_back() {
    let (sandbox, token) = velopeak().await;
    // A platform that takes the request and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_origin = format!("http://{}", silent.local_addr().unwrap());
    let manners = quick_manners();
    let stuck = VelopeakClient::new(http_client(), &silent_origin).with_manners(manners.clone());
    let cancelled = tokio::time::timeout(Duration::from_millis(200), stuck.athlete(&token)).await;
    assert!(cancelled.is_err(), "the caller gave up on it");
    drop(silent);
    let client = velopeak_with(&sandbox, &manners);
    let next = tokio::time::timeout(Duration::from_secs(20), client.athlete(&token)).await;
    assert_eq!(next.expect("not held back").unwrap().name, OWNER_NAME);
}
