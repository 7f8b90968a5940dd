//! Helpers for the Intervals.icu tests: a sandbox playing Intervals.icu, requests with a key or
//! token (paced under the platform's ten requests a second), all activities, and the OAuth
//! round trip by hand. What is not particular to Intervals.icu (a browser, a loopback callback)
//! comes from the shared helpers in `mod.rs`.
#![allow(dead_code)]

#[path = "mod.rs"]
mod common;

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use offpeak_sandbox::{
    DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_INTERVALS_KEY, RunningSandbox, SandboxConfig, Variant,
};
use serde_json::Value;
use url::Url;

// Not every test file uses every helper.
#[allow(unused_imports)]
pub use common::{anchor, browser, fetch_text, one_shot_callback, param, start_with};

pub const KEY: &str = DEMO_INTERVALS_KEY;
pub const OWNER: &str = "i1042";
pub const REDIRECT: &str = "http://127.0.0.1:53682/callback";
pub const ALL_SCOPES: &str = "ACTIVITY:READ,WELLNESS:READ,CALENDAR:READ";
/// An `oldest` before every activity.
pub const ALL_TIME: &str = "oldest=2000-01-01";

pub fn config() -> SandboxConfig {
    SandboxConfig::for_variant(Variant::Intervals, anchor())
}

pub async fn start() -> RunningSandbox {
    start_with(config()).await
}

/// How a request proves who sends it.
#[derive(Clone, Copy, Debug)]
pub enum Auth<'a> {
    None,
    /// HTTP Basic `API_KEY:<key>`.
    Key(&'a str),
    /// HTTP Basic with any user name.
    Basic(&'a str, &'a str),
    Bearer(&'a str),
}

pub fn basic(user: &str, password: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{user}:{password}")))
}

/// Sends a request, waiting and retrying while the platform answers 429.
pub async fn send(method: reqwest::Method, url: &str, auth: Auth<'_>) -> reqwest::Response {
    for _ in 0..100 {
        let mut request = browser().request(method.clone(), url);
        request = match auth {
            Auth::None => request,
            Auth::Key(key) => request.header("authorization", basic("API_KEY", key)),
            Auth::Basic(user, password) => request.header("authorization", basic(user, password)),
            Auth::Bearer(token) => request.bearer_auth(token),
        };
        let response = request.send().await.unwrap();
        if response.status() != 429 {
            return response;
        }
        tokio::time::sleep(Duration::from_millis(120)).await;
    }
    panic!("{url} stayed rate limited");
}

/// `GET {origin}/api/v1{path}` → (status, JSON body or null).
pub async fn get(origin: &str, path: &str, auth: Auth<'_>) -> (u16, Value) {
    let response = send(
        reqwest::Method::GET,
        &format!("{origin}/api/v1{path}"),
        auth,
    )
    .await;
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// The same with the owner's key, asserting 200; returns the body.
pub async fn get_ok(origin: &str, path: &str) -> Value {
    let (status, body) = get(origin, path, Auth::Key(KEY)).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

/// Every activity of the owner, newest first.
pub async fn all_activities(origin: &str) -> Vec<Value> {
    get_ok(origin, &format!("/athlete/0/activities?{ALL_TIME}"))
        .await
        .as_array()
        .unwrap()
        .clone()
}

/// Whether an activity is a Strava stub.
pub fn is_stub(a: &Value) -> bool {
    a["source"] == "STRAVA"
}

pub fn authorize_url(origin: &str, pairs: &[(&str, &str)]) -> String {
    let mut url = Url::parse(&format!("{origin}/oauth/authorize")).unwrap();
    url.query_pairs_mut().extend_pairs(pairs);
    url.to_string()
}

/// An authorize URL for the demo app with `scope`, `REDIRECT` and state `s t&1`.
pub fn demo_authorize_url(origin: &str, scope: &str) -> String {
    authorize_url(
        origin,
        &[
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", REDIRECT),
            ("scope", scope),
            ("state", "s t&1"),
        ],
    )
}

/// The value of the first `name="…" value="…"` pair of a field.
pub fn field_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker).expect("field") + marker.len();
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

/// Every checkbox value on the consent page.
pub fn checkbox_values(page: &str) -> Vec<String> {
    page.match_indices("type=\"checkbox\" name=\"scope\" value=\"")
        .map(|(i, m)| {
            let rest = &page[i + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

pub fn query_of(location: &str) -> Vec<(String, String)> {
    Url::parse(location)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Opens the consent page for `scope`, submits `decision` with the `ticked` scopes and returns
/// the redirect's query.
pub async fn consent(
    origin: &str,
    scope: &str,
    decision: &str,
    ticked: &[&str],
) -> Vec<(String, String)> {
    let page = browser()
        .get(demo_authorize_url(origin, scope))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    let mut form = vec![
        ("request_id".to_string(), field_value(&page, "request_id")),
        ("decision".to_string(), decision.to_string()),
    ];
    form.extend(ticked.iter().map(|s| ("scope".to_string(), s.to_string())));
    let response = browser()
        .post(format!("{origin}/oauth/authorize"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(REDIRECT), "{location}");
    query_of(&location)
}

/// `POST /api/oauth/token` with the demo app's credentials and `code`.
pub async fn exchange(origin: &str, code: &str) -> (u16, Value) {
    let response = browser()
        .post(format!("{origin}/api/oauth/token"))
        .form(&[
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("code", code),
        ])
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// A token for the `ticked` scopes out of `scope`.
pub async fn token(origin: &str, scope: &str, ticked: &[&str]) -> Value {
    let query = consent(origin, scope, "approve", ticked).await;
    let code = param(&query, "code").expect("code");
    let (status, body) = exchange(origin, code).await;
    assert_eq!(status, 200, "{body}");
    body
}
