//! No IPC answer carries a secret: after a full sign-in, sync, refresh and API-key connection,
//! every answer the UI can get is serialized as the UI would receive it and searched for every
//! token, key and client secret the keychain holds.

use crate::account_views::{ApiKeyLoginRequest, RegisterAppRequest};
use crate::app::App;
use crate::browser::Opener;
use chrono::Local;
use offpeak_sandbox::{
    DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_INTERVALS_KEY, RunningSandbox, SandboxConfig, Variant,
};
use offpeak_store::Store;
use offpeak_vault::Vault;
use std::sync::Arc;
use std::time::Duration;

fn approving_browser() -> Opener {
    Arc::new(|url: &str| {
        let url = url.to_owned();
        tokio::spawn(async move { offpeak_sandbox::approve(&url).await.unwrap() });
        Ok(())
    })
}

async fn start(variant: Variant) -> RunningSandbox {
    let config = SandboxConfig::for_variant(variant, Local::now().date_naive());
    RunningSandbox::start_local(config).await.unwrap()
}

/// Every secret string the keychain holds for the app's connections and registrations.
async fn secrets(vault: &Vault, app: &App) -> Vec<String> {
    let mut names = Vec::new();
    for account in app.list_accounts().await.unwrap() {
        for entry in ["tokens", "api-key"] {
            names.push(format!("connection/{}/{entry}", account.id));
        }
    }
    for registration in app.list_registrations().await.unwrap() {
        names.push(format!("app/{}/client-secret", registration.id));
    }
    let mut found = Vec::new();
    for name in names {
        let Some(secret) = vault.get(&name).await.unwrap() else {
            continue;
        };
        match serde_json::from_str::<serde_json::Value>(secret.expose()) {
            Ok(serde_json::Value::Object(tokens)) => found.extend(
                ["access_token", "refresh_token"]
                    .iter()
                    .filter_map(|k| tokens.get(*k)?.as_str().map(str::to_owned)),
            ),
            _ => found.push(secret.expose().clone()),
        }
    }
    found
}

#[tokio::test]
async fn no_ipc_answer_holds_a_token_key_or_client_secret() {
    let velopeak = start(Variant::VeloPeak).await;
    let intervals = start(Variant::Intervals).await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let vault = Vault::in_memory("offpeak-test");
    let app = App::with_parts(store, Ok(vault.clone()), approving_browser());
    let mut answers: Vec<String> = Vec::new();
    let mut keep = |value: &dyn erased::Json| answers.push(value.json());

    let registration = app
        .register_app(RegisterAppRequest {
            provider: "velopeak".into(),
            origin: velopeak.origin(),
            client_id: DEMO_CLIENT_ID.into(),
            client_secret: DEMO_CLIENT_SECRET.into(),
            redirect_ports: String::new(),
        })
        .await
        .unwrap();
    keep(&registration);
    let account = app.login_oauth(registration.id.clone()).await.unwrap();
    keep(&account);
    keep(&app.sync_now(account.id.clone()).await.unwrap());
    // An hour later the access token is refreshed (and the refresh token rotated).
    velopeak.advance_clock(Duration::from_secs(2 * 3600));
    keep(&app.sync_now(account.id.clone()).await.unwrap());
    let keyed = app
        .login_api_key(ApiKeyLoginRequest {
            provider: "intervals".into(),
            origin: intervals.origin(),
            api_key: DEMO_INTERVALS_KEY.into(),
            athlete_id: String::new(),
        })
        .await
        .unwrap();
    keep(&keyed);
    keep(&app.sync_now(keyed.id.clone()).await.unwrap());
    // A wrong key's error is an answer too.
    let refused = app
        .login_api_key(ApiKeyLoginRequest {
            provider: "intervals".into(),
            origin: intervals.origin(),
            api_key: "0000-wrong-key-0000".into(),
            athlete_id: String::new(),
        })
        .await
        .unwrap_err();
    keep(&refused);
    keep(&app.list_accounts().await.unwrap());
    keep(&app.list_registrations().await.unwrap());
    keep(&app.list_providers());
    keep(&app.list_athletes().await.unwrap());
    let month = crate::calendar_views::CalendarRequest {
        athlete: None,
        span: crate::calendar_views::CalendarSpan::Month,
        key: None,
    };
    keep(&app.calendar(month).await.unwrap());
    keep(&app.sync_progress());
    keep(&app.sync_settings().await.unwrap());

    let secrets = secrets(&vault, &app).await;
    assert!(
        secrets.len() >= 4,
        "tokens, key and client secret: {}",
        secrets.len()
    );
    assert!(secrets.iter().any(|s| s == DEMO_CLIENT_SECRET));
    assert!(secrets.iter().any(|s| s == DEMO_INTERVALS_KEY));
    let everything = answers.join("\n");
    assert!(
        everything.contains(&account.athlete_name),
        "the answers were captured"
    );
    for secret in secrets
        .iter()
        .chain(["0000-wrong-key-0000".to_owned()].iter())
    {
        assert!(
            !everything.contains(secret.as_str()),
            "an IPC answer holds a secret of {} characters",
            secret.len()
        );
    }
}

/// Serializing heterogeneous answers the way Tauri does.
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).expect("IPC answers serialize")
        }
    }
}
