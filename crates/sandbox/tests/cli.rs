//! The `offpeak-sandbox` binary: `serve` announces its origin, `approve` plays the browser.

mod common;

use std::process::Stdio;

use common::*;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_offpeak-sandbox");

#[tokio::test]
async fn serve_prints_its_origin_and_approve_completes_the_flow() {
    let mut server = Command::new(BIN)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--seed",
            "7",
            "--anchor=2025-04-10",
        ])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let line = lines.next_line().await.unwrap().unwrap();
    let origin = line.strip_prefix("listening on ").expect(&line).to_string();
    assert!(
        origin.starts_with("http://127.0.0.1:") && !origin.ends_with('/'),
        "{origin}"
    );

    let (port, callback) = one_shot_callback().await;
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let url = demo_authorize_url(&origin, &redirect, "athlete:read", &pkce().challenge);
    let status = Command::new(BIN)
        .args(["approve", &url])
        .stdout(Stdio::null())
        .status()
        .await
        .unwrap();
    assert!(status.success());
    assert!(callback.await.unwrap().starts_with("/callback?code="));

    let bad = demo_authorize_url(
        &origin,
        "http://127.0.0.1:1/elsewhere",
        "athlete:read",
        &pkce().challenge,
    );
    let output = Command::new(BIN)
        .args(["approve", &bad])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("error page"));

    server.kill().await.unwrap();
}

#[tokio::test]
async fn bad_arguments_exit_with_usage() {
    for args in [&["serve", "--seed", "x"][..], &["frobnicate"], &["approve"]] {
        let output = Command::new(BIN).args(args).output().await.unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(!output.stderr.is_empty());
    }
}
