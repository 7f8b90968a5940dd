//! Launching the app for a test: a fresh data directory, a scripted "system browser" that hands
//! every URL the app opens to the test, and tauri-driver ready to start the window.

use super::driver::TauriDriver;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A "system browser" for the app: it hands each URL it is asked to open to the test, which
/// then plays the person at the consent page.
fn scripted_browser(dir: &Path) -> (PathBuf, PathBuf) {
    let log = dir.join("opened-urls");
    let script = dir.join("browser.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", log.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    (script, log)
}

pub async fn next_opened_url(log: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(url) = std::fs::read_to_string(log)
            .ok()
            .and_then(|t| t.lines().last().map(str::to_owned))
        {
            return url;
        }
        assert!(
            Instant::now() < deadline,
            "the app never opened the browser"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// How many addresses the app has opened in the browser so far.
pub fn opened_count(log: &Path) -> usize {
    std::fs::read_to_string(log).map_or(0, |t| t.lines().count())
}

/// The address the app opens after the first `seen` ones, once it has.
pub async fn opened_url_after(log: &Path, seen: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(url) = std::fs::read_to_string(log)
            .ok()
            .and_then(|t| t.lines().nth(seen).map(str::to_owned))
        {
            return url;
        }
        assert!(
            Instant::now() < deadline,
            "the app never opened the browser again"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A fresh app data directory, a scripted browser, and tauri-driver ready to launch the app.
pub struct Launch {
    _work: tempfile::TempDir,
    pub opened: PathBuf,
    /// Where the app writes its exports.
    pub exports: PathBuf,
    pub driver: TauriDriver,
}

pub async fn launch() -> Launch {
    launch_with_cache(None).await
}

/// The same, with the data directory holding a copy of the cache file `cache` when given.
pub async fn launch_with_cache(cache: Option<&Path>) -> Launch {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    if let Some(cache) = cache {
        std::fs::create_dir_all(&data).unwrap();
        std::fs::copy(cache, data.join("cache.sqlite")).unwrap();
    }
    let exports = work.path().join("exports");
    let (browser, opened) = scripted_browser(work.path());
    let env = [
        ("OFFPEAK_DATA_DIR", data.as_path()),
        ("OFFPEAK_BROWSER", browser.as_path()),
        ("OFFPEAK_EXPORT_DIR", exports.as_path()),
    ];
    let driver = TauriDriver::start(&env).await;
    Launch {
        _work: work,
        opened,
        exports,
        driver,
    }
}
