//! Helpers shared by the integration tests: a sandbox on a free port, PKCE pairs, the consent
//! round trip done by hand, and a one-shot loopback callback listener.
#![allow(dead_code)]

use std::net::SocketAddr;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use offpeak_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, RunningSandbox, SandboxConfig};
use rand::RngCore;
use reqwest::redirect::Policy;
use serde_json::Value;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::task::JoinHandle;
use url::Url;

pub const REDIRECT: &str = "http://127.0.0.1:53682/callback";
pub const ALL_READ: &str = "athlete:read workouts:read activities:read";

pub fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 10).unwrap()
}

pub fn local() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

pub async fn start() -> RunningSandbox {
    start_with(SandboxConfig::demo(anchor())).await
}

pub async fn start_with(config: SandboxConfig) -> RunningSandbox {
    RunningSandbox::start(config, local()).await.unwrap()
}

/// A client that behaves like a browser that does not follow redirects on its own.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .no_proxy()
        .build()
        .unwrap()
}

pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

pub fn pkce() -> Pkce {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let verifier = URL_SAFE_NO_PAD.encode(bytes);
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    Pkce {
        verifier,
        challenge,
    }
}

pub fn authorize_url(origin: &str, pairs: &[(&str, &str)]) -> String {
    let mut url = Url::parse(&format!("{origin}/api/auth/oauth2/authorize")).unwrap();
    url.query_pairs_mut().extend_pairs(pairs);
    url.to_string()
}

/// A well-formed authorize URL for the demo client.
pub fn demo_authorize_url(
    origin: &str,
    redirect_uri: &str,
    scope: &str,
    challenge: &str,
) -> String {
    authorize_url(
        origin,
        &[
            ("response_type", "code"),
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", redirect_uri),
            ("scope", scope),
            ("state", "st&te=1 2"),
            ("code_challenge", challenge),
            ("code_challenge_method", "S256"),
        ],
    )
}

/// The query of a redirect's Location as pairs.
pub fn location_query(response: &reqwest::Response) -> Vec<(String, String)> {
    let location = response.headers()["location"].to_str().unwrap();
    Url::parse(location)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

pub fn request_id(page: &str) -> String {
    let marker = "name=\"request_id\" value=\"";
    let start = page.find(marker).expect("request id field") + marker.len();
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

/// Opens an authorize URL, approves on the consent page and returns the redirect's query.
pub async fn approve_consent(origin: &str, authorize_url: String) -> Vec<(String, String)> {
    let browser = browser();
    let page = browser.get(authorize_url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let id = request_id(&page.text().await.unwrap());
    let response = browser
        .post(format!("{origin}/api/auth/oauth2/authorize"))
        .form(&[("request_id", id.as_str()), ("decision", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    location_query(&response)
}

/// Goes through the consent page and approves; returns the authorization code.
pub async fn code_for(origin: &str, redirect_uri: &str, scope: &str, challenge: &str) -> String {
    let url = demo_authorize_url(origin, redirect_uri, scope, challenge);
    let query = approve_consent(origin, url).await;
    assert_eq!(param(&query, "state"), Some("st&te=1 2"));
    param(&query, "code").expect("code").to_string()
}

pub async fn token_request(origin: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let response = browser()
        .post(format!("{origin}/api/auth/oauth2/token"))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    assert_eq!(response.headers()["cache-control"], "no-store");
    (status, response.json().await.unwrap())
}

pub async fn exchange(
    origin: &str,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
) -> (u16, Value) {
    token_request(
        origin,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("code_verifier", verifier),
        ],
    )
    .await
}

/// A full authorization for `scope`; returns the token response.
pub async fn tokens(origin: &str, scope: &str) -> Value {
    let pkce = pkce();
    let code = code_for(origin, REDIRECT, scope, &pkce.challenge).await;
    let (status, body) = exchange(origin, &code, REDIRECT, &pkce.verifier).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// The body of a page, as a browser would fetch it.
pub async fn fetch_text(url: &str) -> String {
    browser()
        .get(url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// A JSON document fetched without credentials (metadata, control endpoint).
pub async fn fetch_json(url: &str) -> Value {
    browser()
        .get(url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

pub async fn api_get(origin: &str, path: &str, token: Option<&str>) -> reqwest::Response {
    let mut request = browser().get(format!("{origin}/api/v1{path}"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// A loopback "app" that answers one request and reports the request target it received.
pub async fn one_shot_callback() -> (u16, JoinHandle<String>) {
    let listener = tokio::net::TcpListener::bind(local()).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut buf).await.unwrap();
            assert!(n > 0, "connection closed before the request head ended");
            head.extend_from_slice(&buf[..n]);
        }
        let head = String::from_utf8(head).unwrap();
        let target = head.split(' ').nth(1).unwrap().to_string();
        let body = format!("callback received {target}");
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(response.as_bytes()).await.unwrap();
        stream.shutdown().await.ok();
        target
    });
    (port, task)
}
