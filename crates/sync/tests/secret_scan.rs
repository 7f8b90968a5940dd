//! After a full sign-in, sync, token refresh, API-key connection and disconnect, no token, key or
//! client secret is found in the SQLite files (database, WAL and shared memory) or in the log
//! output at debug level — including tokens that were rotated away along the way.

mod common;

use common::world_with;
use offpeak_sandbox::{DEMO_CLIENT_SECRET, DEMO_INTERVALS_KEY, SandboxConfig, Variant};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The log output, captured.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_secret_reaches_the_cache_files_or_the_logs() {
    let log = Captured::default();
    let writer = log.clone();
    tracing_subscriber::fmt()
        .with_env_filter("debug")
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .init();

    let anchor = common::anchor();
    let velopeak = world_with(SandboxConfig::demo(anchor)).await;
    let w = &velopeak;
    let c = w.connect().await;
    let mut secrets = vec![DEMO_CLIENT_SECRET.to_owned(), DEMO_INTERVALS_KEY.to_owned()];
    let remember = async |secrets: &mut Vec<String>| {
        let (access, refresh) = w.stored_tokens(&c).await;
        secrets.extend([access, refresh]);
    };
    remember(&mut secrets).await;
    w.syncer().sync(&c.id).await.unwrap();
    w.sandbox.advance_clock(Duration::from_secs(2 * 3600));
    w.syncer().sync(&c.id).await.unwrap();
    remember(&mut secrets).await;

    // An Intervals.icu key connection in the same cache, and a refused key.
    let intervals = world_with(SandboxConfig::for_variant(Variant::Intervals, anchor)).await;
    let origin = intervals.sandbox.origin();
    let keyed = w
        .connect_key(&origin, DEMO_INTERVALS_KEY, "")
        .await
        .unwrap();
    w.syncer().sync(&keyed.id).await.unwrap();
    let wrong = "feedfacefeedfacefeedfacefeedface";
    secrets.push(wrong.into());
    let refused = w.connect_key(&origin, wrong, "").await.unwrap_err();
    tracing::warn!("refused: {refused} / {refused:?}");
    w.disconnect(&c, false).await;
    assert!(secrets.len() >= 6, "{} secrets", secrets.len());

    let logged = String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    assert!(
        logged.contains("access token refreshed"),
        "the log was captured"
    );
    let mut files = String::new();
    for entry in std::fs::read_dir(w.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        files.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
    }
    assert!(files.contains("Ana Ruiz"), "the cache files were read");
    for secret in &secrets {
        assert!(
            !files.contains(secret.as_str()),
            "a secret of {} characters is in the cache",
            secret.len()
        );
        assert!(
            !logged.contains(secret.as_str()),
            "a secret of {} characters is in the log",
            secret.len()
        );
    }
}
