//! The CLI against the sandbox, as a person uses it: `login` prints the address, the person
//! approves in the browser (played by the test), then `sync`, `calendar` and `accounts` work
//! from the same data directory and keychain. Needs a Secret Service: `scripts/test` starts one.

use chrono::{Days, Local};
use offpeak_domain::Month;
use offpeak_sandbox::{
    DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_INTERVALS_KEY, RunningSandbox, SandboxConfig, Variant,
};
use std::path::Path;
use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

fn cli(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_offpeak-cli"));
    command
        .env("OFFPEAK_DATA_DIR", data)
        .env("OFFPEAK_CLIENT_SECRET", DEMO_CLIENT_SECRET);
    command
}

async fn output(data: &Path, args: &[&str]) -> (bool, String) {
    let out = cli(data).args(args).output().await.unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[tokio::test]
#[ignore = "needs a Secret Service (the OS keychain); scripts/test runs it"]
async fn login_sync_calendar_and_accounts() {
    let today = Local::now().date_naive();
    let sandbox = RunningSandbox::start_local(SandboxConfig::demo(today))
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();

    let mut login = cli(data)
        .args([
            "login",
            "velopeak",
            "--origin",
            &sandbox.origin(),
            "--client-id",
            DEMO_CLIENT_ID,
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(login.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines
            .next_line()
            .await
            .unwrap()
            .expect("login printed no address");
        if line.starts_with("http") {
            break line;
        }
    };
    offpeak_sandbox::approve(&url).await.unwrap();
    let confirmation = lines.next_line().await.unwrap().unwrap();
    assert!(login.wait().await.unwrap().success());
    assert!(
        confirmation.contains("Connected VeloPeak") && confirmation.contains("Ana Ruiz"),
        "{confirmation}"
    );

    let (ok, text) = output(data, &["sync"]).await;
    assert!(ok, "{text}");
    assert!(text.contains("planned workouts"), "{text}");

    // Last month is all history: plans and activities.
    let month = Month::containing(today - Days::new(31)).to_string();
    let (ok, text) = output(data, &["calendar", "--month", &month]).await;
    assert!(ok, "{text}");
    assert!(
        text.contains("[    did]") && (text.contains("[   done]") || text.contains("[ missed]")),
        "{text}"
    );

    let (ok, text) = output(data, &["accounts"]).await;
    assert!(
        ok && text.contains("athlete:read") && text.contains("last sync"),
        "{text}"
    );

    // The cache holds no secret.
    let cache = std::fs::read(data.join("cache.sqlite")).unwrap();
    let cache = String::from_utf8_lossy(&cache);
    assert!(
        !cache.contains("vpa_") && !cache.contains("vpr_") && !cache.contains(DEMO_CLIENT_SECRET)
    );

    // A second account: Intervals.icu by API key, read from the environment.
    let intervals =
        RunningSandbox::start_local(SandboxConfig::for_variant(Variant::Intervals, today))
            .await
            .unwrap();
    let out = cli(data)
        .args(["login", "intervals", "--origin", &intervals.origin()])
        .env("OFFPEAK_API_KEY", DEMO_INTERVALS_KEY)
        .output()
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Connected Intervals.icu"), "{text}");
    let (ok, text) = output(data, &["accounts"]).await;
    assert!(
        ok && text.contains("personal API key") && text.contains("browser sign-in"),
        "{text}"
    );
    let velopeak_id = text
        .lines()
        .find(|l| l.contains("VeloPeak"))
        .and_then(|l| l.split(' ').next())
        .unwrap()
        .to_owned();

    // With two accounts, logout asks which; then it revokes, deletes the secrets and purges.
    let (ok, text) = output(data, &["logout", "--purge", "--yes"]).await;
    assert!(!ok && text.contains("2 accounts are connected"), "{text}");
    let (ok, text) = output(data, &["logout", &velopeak_id, "--purge", "--yes"]).await;
    assert!(ok && text.contains("revoked"), "{text}");
    let (ok, text) = output(data, &["accounts"]).await;
    assert!(
        ok && !text.contains("VeloPeak") && text.contains("Intervals.icu"),
        "{text}"
    );
}

#[tokio::test]
async fn a_bad_month_is_explained_without_touching_anything() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, text) = output(dir.path(), &["calendar", "--month", "2026-13"]).await;
    assert!(!ok);
    assert!(text.contains("YYYY-MM"), "{text}");
}

#[tokio::test]
async fn an_empty_cache_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, text) = output(dir.path(), &["calendar", "--month", "2026-11"]).await;
    assert!(ok, "{text}");
    assert!(
        text.contains("November 2026") && text.contains("Nothing planned"),
        "{text}"
    );
    let (ok, text) = output(dir.path(), &["accounts"]).await;
    assert!(ok && text.contains("No account"), "{text}");
}
