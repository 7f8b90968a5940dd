//! Browser sign-in against the sandbox, for each platform profile, and every way it can fail:
//! a refusal at consent, a forged `state`, a replayed callback, an expired code, a cancel and a
//! timeout. A failed sign-in records nothing and keeps no secret.

mod common;

use common::{World, approving_person, world, world_of};
use offpeak_domain::{ConnectionStatus, ProviderKind};
use offpeak_sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Decision, Variant};
use offpeak_sync::{ErrorCode, LoginControl};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Nothing was recorded and the keychain holds no connection secret.
async fn nothing_connected(w: &World) {
    assert!(w.store.connections().await.unwrap().is_empty());
}

/// A person who approves, then hands the callback address to `deliver` instead of visiting it.
fn approving_then<F, Fut>(deliver: F) -> impl FnOnce(&str) -> Result<(), String>
where
    F: FnOnce(url::Url) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    move |url: &str| {
        let url = url.to_owned();
        tokio::spawn(async move {
            let callback = offpeak_sandbox::consent(&url, Decision::Approve)
                .await
                .unwrap();
            deliver(callback).await;
        });
        Ok(())
    }
}

#[tokio::test]
async fn velopeak_confidential_app_connects_with_scopes_expiry_and_athlete() {
    let w = world().await;
    let c = w.connect().await;
    assert_eq!(c.provider, ProviderKind::Velopeak);
    assert_eq!(c.status, ConnectionStatus::Active);
    assert_eq!(c.athlete_name, "Ana Ruiz");
    assert_eq!(c.scopes, c.requested_scopes);
    let left = c.access_expires_at.unwrap() - chrono::Utc::now();
    assert!(left.num_minutes() > 50, "{left}");
    let athletes = w.store.athletes(&c.id).await.unwrap();
    assert_eq!(athletes[0].name, "Ana Ruiz");
    assert!(athletes[0].is_self);
}

#[tokio::test]
async fn velocity_public_client_connects_refreshes_and_syncs() {
    let w = world_of(Variant::Velocity).await;
    let registration = w
        .register(ProviderKind::Velocity, DEMO_CLIENT_ID, None)
        .await;
    let c = w.login_as(&registration, approving_person).await.unwrap();
    assert_eq!(c.provider, ProviderKind::Velocity);
    assert!(c.access_expires_at.is_some());
    // An hour later the token is refreshed with a JSON body and no secret.
    w.sandbox.advance_clock(Duration::from_secs(2 * 3600));
    let report = w.syncer().sync(&c.id).await.unwrap();
    assert!(report.activities > 0);
    let after = w.store.connection(&c.id).await.unwrap().unwrap();
    assert!(after.last_refresh_at.is_some());
}

#[tokio::test]
async fn a_secret_for_a_public_client_is_refused_before_anything_is_kept() {
    let w = world_of(Variant::Velocity).await;
    let result = offpeak_sync::register_app(
        &w.store,
        &w.vault,
        offpeak_sync::RegistrationInput {
            provider: ProviderKind::Velocity,
            origin: w.sandbox.origin(),
            client_id: DEMO_CLIENT_ID.into(),
            client_secret: Some(offpeak_domain::Sensitive::new("s".into())),
            redirect_ports: Vec::new(),
        },
    )
    .await;
    assert_eq!(result.unwrap_err().code(), ErrorCode::InvalidInput);
    assert!(w.store.registrations().await.unwrap().is_empty());
}

#[tokio::test]
async fn intervals_oauth_keeps_what_was_granted_and_disconnect_app_ends_it() {
    let w = world_of(Variant::Intervals).await;
    let registration = w
        .register(
            ProviderKind::Intervals,
            DEMO_CLIENT_ID,
            Some(DEMO_CLIENT_SECRET),
        )
        .await;
    // The person unticks wellness on the consent page.
    let person = |url: &str| {
        let url = url.to_owned();
        tokio::spawn(async move {
            let callback =
                offpeak_sandbox::approve_scopes(&url, &["ACTIVITY:READ", "CALENDAR:READ"])
                    .await
                    .unwrap();
            reqwest::get(callback).await.unwrap();
        });
        Ok(())
    };
    let c = w.login_as(&registration, person).await.unwrap();
    assert_eq!(
        c.access_expires_at, None,
        "Intervals.icu tokens do not expire"
    );
    let granted: Vec<&str> = c.scopes.iter().map(|s| s.as_str()).collect();
    assert_eq!(granted, ["ACTIVITY:READ", "CALENDAR:READ"]);
    assert!(c.requested_scopes.len() > c.scopes.len());
    let report = w.syncer().sync(&c.id).await.unwrap();
    assert!(report.workouts > 0 && report.activities > 0, "{report:?}");

    let outcome = w.disconnect(&c, false).await;
    assert!(outcome.revoked_at_server, "{}", outcome.message);
    assert!(w.secrets_of(&c).await.is_empty());
}

#[tokio::test]
async fn denying_at_consent_connects_nothing() {
    let w = world().await;
    let registration = w.register_velopeak().await;
    let err = w
        .login_as(&registration, common::denying_person)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::AuthDenied);
    assert!(
        err.message().contains("cancelled at the platform"),
        "{}",
        err.message()
    );
    nothing_connected(&w).await;
}

#[tokio::test]
async fn a_callback_with_another_state_is_refused() {
    let w = world().await;
    let registration = w.register_velopeak().await;
    let forged = approving_then(|mut callback| async move {
        let pairs: Vec<(String, String)> = callback
            .query_pairs()
            .map(|(k, v)| {
                let v = if k == "state" {
                    "forged-state".into()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        callback.query_pairs_mut().clear().extend_pairs(pairs);
        let page = reqwest::get(callback).await.unwrap();
        assert_eq!(page.status(), 400);
    });
    let err = w.login_as(&registration, forged).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::AuthFailed);
    assert!(
        err.message().contains("did not belong"),
        "{}",
        err.message()
    );
    nothing_connected(&w).await;
}

#[tokio::test]
async fn a_replayed_callback_finds_the_listener_closed() {
    let w = world().await;
    let registration = w.register_velopeak().await;
    let (replayed_tx, replayed_rx) = tokio::sync::oneshot::channel();
    let twice = approving_then(move |callback| async move {
        let first = reqwest::get(callback.clone()).await.unwrap();
        assert_eq!(first.status(), 200);
        assert!(first.text().await.unwrap().contains("return to Offpeak"));
        let _ = replayed_tx.send(reqwest::get(callback).await.is_err());
    });
    let c = w.login_as(&registration, twice).await.unwrap();
    assert!(
        replayed_rx.await.unwrap(),
        "the second delivery reached a listener"
    );
    assert_eq!(w.store.connections().await.unwrap().len(), 1);
    assert_eq!(c.status, ConnectionStatus::Active);
}

#[tokio::test]
async fn a_code_that_expired_before_it_came_back_is_refused() {
    let w = world().await;
    let registration = w.register_velopeak().await;
    let control = format!("{}/_control/clock/advance", w.sandbox.origin());
    let late = approving_then(move |callback| async move {
        // The person takes two minutes to come back; a code lives one.
        let advanced = reqwest::Client::new()
            .post(control)
            .json(&serde_json::json!({"seconds": 120}))
            .send()
            .await
            .unwrap();
        assert!(advanced.status().is_success());
        reqwest::get(callback).await.unwrap();
    });
    let err = w.login_as(&registration, late).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::AuthFailed);
    assert!(err.message().contains("expired"), "{}", err.message());
    nothing_connected(&w).await;
}

#[tokio::test]
async fn cancel_stops_waiting_at_once_and_closes_the_listener() {
    let w = world().await;
    let registration = w.register_velopeak().await;
    let cancel = CancellationToken::new();
    let control = LoginControl {
        timeout: None,
        cancel: cancel.clone(),
        webhooks: false,
    };
    let (opened_tx, opened_rx) = tokio::sync::oneshot::channel();
    let person = move |url: &str| {
        let _ = opened_tx.send(url.to_owned());
        cancel.cancel();
        Ok(())
    };
    let err =
        offpeak_sync::connect_oauth(&w.store, &w.vault, &w.http, &registration, control, person)
            .await
            .unwrap_err();
    assert_eq!(err.code(), ErrorCode::AuthCancelled);
    // The person approves after all: the app no longer listens.
    let url = opened_rx.await.unwrap();
    let callback = offpeak_sandbox::consent(&url, Decision::Approve)
        .await
        .unwrap();
    assert!(reqwest::get(callback).await.is_err());
    nothing_connected(&w).await;
}

#[tokio::test]
async fn nobody_coming_back_times_out_with_a_clear_message() {
    let w = world().await;
    let registration = w.register_velopeak().await;
    let control = LoginControl {
        timeout: Some(Duration::from_millis(200)),
        cancel: CancellationToken::new(),
        webhooks: false,
    };
    let err =
        offpeak_sync::connect_oauth(&w.store, &w.vault, &w.http, &registration, control, |_| {
            Ok(())
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::AuthTimeout);
    assert!(err.message().contains("start again"), "{}", err.message());
    nothing_connected(&w).await;
}

#[tokio::test]
async fn a_coach_connection_lists_the_athletes_it_can_read() {
    let config = offpeak_sandbox::SandboxConfig {
        dataset: offpeak_sandbox::DatasetSize::Season,
        ..offpeak_sandbox::SandboxConfig::demo(common::anchor())
    };
    let w = common::world_with(config).await;
    let c = w.connect().await;
    let athletes = w.store.athletes(&c.id).await.unwrap();
    assert!(
        athletes.len() >= 6,
        "the coach and five athletes: {athletes:?}"
    );
    assert!(athletes[0].is_self && athletes[0].id == c.athlete_id);
    assert!(athletes[1..].iter().all(|a| !a.is_self));
    assert!(athletes.iter().any(|a| a.name.contains("佐藤")));
}

#[tokio::test]
async fn a_registration_with_fixed_redirect_ports_signs_in_on_the_first_free_one() {
    let w = world().await;
    // One port of the list is taken by another program; the sign-in uses the next.
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let ports = [
        busy.local_addr().unwrap().port(),
        free.local_addr().unwrap().port(),
    ];
    drop(free);
    let registration = offpeak_sync::register_app(
        &w.store,
        &w.vault,
        offpeak_sync::RegistrationInput {
            provider: ProviderKind::Velopeak,
            origin: w.sandbox.origin(),
            client_id: DEMO_CLIENT_ID.into(),
            client_secret: Some(offpeak_domain::Sensitive::new(DEMO_CLIENT_SECRET.into())),
            redirect_ports: ports.to_vec(),
        },
    )
    .await
    .unwrap();
    let (seen_tx, seen_rx) = tokio::sync::oneshot::channel();
    let person = move |url: &str| {
        let _ = seen_tx.send(url.to_owned());
        approving_person(url)
    };
    w.login_as(&registration.id, person).await.unwrap();
    let url = url::Url::parse(&seen_rx.await.unwrap()).unwrap();
    let redirect = url
        .query_pairs()
        .find(|(k, _)| k == "redirect_uri")
        .unwrap()
        .1
        .into_owned();
    assert_eq!(redirect, format!("http://127.0.0.1:{}/callback", ports[1]));
}
