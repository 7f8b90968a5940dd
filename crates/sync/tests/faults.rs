//! Under the sandbox's fault mix — server errors, 429 bursts, truncated bodies, dropped
//! connections — a sync still completes, and the cache equals the server.

mod common;

use common::compare::differences;
use common::{anchor, roomy, world_with};
use offpeak_provider::manners::RetryPolicy;
use offpeak_sandbox::{FaultPlan, SandboxConfig};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_through_faults_completes_and_equals_the_server() {
    let world = world_with(roomy(SandboxConfig::demo(anchor()))).await;
    world.streams_on_demand().await;
    let connection = world.connect().await;
    world.sandbox.set_faults(FaultPlan {
        server_errors: 0.15,
        burst_429: 3,
        retry_after_s: 1,
        truncated: 0.1,
        dropped: 0.1,
        malformed: 0.05,
        seed: 7,
        ..FaultPlan::default()
    });
    let syncer = world.syncer().with_retry_policy(RetryPolicy {
        attempts: 12,
        base: Duration::from_millis(2),
        cap: Duration::from_millis(20),
        ..RetryPolicy::default()
    });
    let report = syncer.sync(&connection.id).await.unwrap();
    let stats = syncer.request_stats(&connection.id);
    assert!(stats.retries > 0, "the faults were met: {stats:?}");
    assert_eq!(
        differences(&world, &connection.id).await,
        Vec::<String>::new()
    );
    assert!(report.activities > 100);
    // And incrementally, through the same faults.
    world.sandbox.churn(25, 11);
    syncer.sync(&connection.id).await.unwrap();
    assert_eq!(
        differences(&world, &connection.id).await,
        Vec::<String>::new()
    );
}
