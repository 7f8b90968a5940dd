//! Sign-ins that must not connect anything: a denial, a forged or replayed callback, a late or
//! reused code, a cancel, busy ports and an answer from another issuer.

mod common;

use common::*;
use offpeak_provider::ProviderError;
use offpeak_provider::oauth::PendingLogin;
use offpeak_sandbox::Variant;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use url::Url;

#[tokio::test]
async fn a_denial_at_the_consent_page_is_auth_denied() {
    let sandbox = start(Variant::VeloPeak).await;
    let waiting = begin(velopeak_profile(&sandbox), "athlete:read").await;
    let page = offpeak_sandbox::deny(&waiting.authorize_url).await.unwrap();
    assert!(page.contains("return to Offpeak"), "{page}");
    assert!(matches!(
        waiting.outcome().await,
        Err(ProviderError::AuthDenied)
    ));
    assert_eq!(grants_of_offpeak(&sandbox).await, 0);
}

#[tokio::test]
async fn a_forged_state_is_refused_and_nothing_is_exchanged() {
    let sandbox = start(Variant::VeloPeak).await;
    let waiting = begin(velopeak_profile(&sandbox), "athlete:read").await;
    let callback = waiting.approved_callback().await;
    let forged = with_param(&callback, "state", "someone-elses-attempt");
    let (status, _) = deliver(&forged).await.unwrap();
    assert_eq!(status, 400);
    assert!(matches!(
        waiting.outcome().await,
        Err(ProviderError::StateMismatch)
    ));
    assert_eq!(
        grants_of_offpeak(&sandbox).await,
        0,
        "the code was never exchanged"
    );
}

#[tokio::test]
async fn another_attempts_state_is_refused() {
    let sandbox = start(Variant::VeloPeak).await;
    let first = begin(velopeak_profile(&sandbox), "athlete:read").await;
    let second = begin(velopeak_profile(&sandbox), "athlete:read").await;
    assert_ne!(first.state(), second.state());
    // The first attempt's approved answer, delivered to the second attempt's listener.
    let callback = first.approved_callback().await;
    let mut misdirected = callback.clone();
    let second_port = Url::parse(&second.redirect_uri).unwrap().port();
    misdirected.set_port(second_port).unwrap();
    deliver(&misdirected).await.unwrap();
    assert!(matches!(
        second.outcome().await,
        Err(ProviderError::StateMismatch)
    ));
    // The first attempt still gets its own answer.
    deliver(&callback).await.unwrap();
    assert!(first.outcome().await.is_ok());
}

#[tokio::test]
async fn a_replayed_callback_finds_the_listener_closed_and_a_reused_code_is_rejected() {
    let sandbox = start(Variant::VeloPeak).await;
    let first = begin(velopeak_profile(&sandbox), "athlete:read").await;
    let callback = first.approved_callback().await;
    assert_eq!(deliver(&callback).await.unwrap().0, 200);
    let tokens = first.outcome().await.unwrap();
    assert!(
        deliver(&callback).await.is_none(),
        "nobody listens any more"
    );

    // The same code injected into a fresh attempt, with that attempt's own state.
    let second = begin(velopeak_profile(&sandbox), "athlete:read").await;
    let code = query(&callback, "code").unwrap();
    let mut injected = Url::parse(&second.redirect_uri).unwrap();
    injected
        .query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", &second.state());
    deliver(&injected).await.unwrap();
    assert!(matches!(
        second.outcome().await,
        Err(ProviderError::CodeRejected)
    ));
    // A used code presented again revokes what it gave.
    assert!(velopeak_rejects(&sandbox, &tokens.access_token).await);
}

#[tokio::test]
async fn a_code_delivered_after_it_expired_is_rejected() {
    let sandbox = start(Variant::VeloPeak).await;
    let waiting = begin(velopeak_profile(&sandbox), "athlete:read").await;
    let callback = waiting.approved_callback().await;
    sandbox.advance_clock(Duration::from_secs(61));
    deliver(&callback).await.unwrap();
    let rejected = waiting.outcome().await;
    assert!(
        matches!(rejected, Err(ProviderError::CodeRejected)),
        "{rejected:?}"
    );
    assert!(rejected.unwrap_err().to_string().contains("start again"));
}

#[tokio::test]
async fn cancelling_ends_the_wait_and_closes_the_port() {
    let sandbox = start(Variant::VeloPeak).await;
    let waiting = begin(velopeak_profile(&sandbox), "athlete:read").await;
    let port = Url::parse(&waiting.redirect_uri).unwrap().port().unwrap();
    assert!(TcpStream::connect(("127.0.0.1", port)).await.is_ok());
    waiting.cancel.cancel();
    let outcome = waiting.outcome().await;
    assert!(
        matches!(outcome, Err(ProviderError::AuthCancelled)),
        "{outcome:?}"
    );
    assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
}

/// A port that was free a moment ago.
async fn free_port() -> u16 {
    let probe = TcpListener::bind("127.0.0.1:0").await.unwrap();
    probe.local_addr().unwrap().port()
}

#[tokio::test]
async fn a_fixed_port_list_binds_the_first_free_port_listed() {
    let sandbox = start(Variant::VeloPeak).await;
    let busy = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let busy_port = busy.local_addr().unwrap().port();
    let free = free_port().await;
    let mut profile = velopeak_profile(&sandbox);
    profile.redirect_ports = vec![busy_port, free];
    let waiting = begin(profile, "athlete:read").await;
    assert_eq!(
        waiting.redirect_uri,
        format!("http://127.0.0.1:{free}/callback")
    );
    offpeak_sandbox::approve(&waiting.authorize_url)
        .await
        .unwrap();
    assert!(waiting.outcome().await.is_ok());
}

#[tokio::test]
async fn a_busy_port_list_is_a_clear_error_naming_the_ports() {
    let sandbox = start(Variant::VeloPeak).await;
    let a = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let b = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let ports = [
        a.local_addr().unwrap().port(),
        b.local_addr().unwrap().port(),
    ];
    let mut profile = velopeak_profile(&sandbox);
    profile.redirect_ports = ports.to_vec();
    let scopes = offpeak_domain::Scope::parse_list("athlete:read");
    match PendingLogin::start(profile, &scopes).await {
        Err(e @ ProviderError::NoFreePort { .. }) => {
            let message = e.to_string();
            assert!(
                message.contains(&format!("{}, {}", ports[0], ports[1])),
                "{message}"
            );
        }
        other => panic!("expected no free port, got {other:?}"),
    }
}

#[tokio::test]
async fn an_answer_naming_another_issuer_is_refused_as_a_mix_up() {
    let sandbox = start(Variant::VeloPeak).await;
    let origin = sandbox.origin();
    let profile = with_sandbox_metadata(&sandbox, velopeak_profile(&sandbox)).await;
    assert_eq!(profile.issuer.as_deref(), Some(origin.as_str()));
    let waiting = begin(profile, "athlete:read").await;
    let callback = waiting.approved_callback().await;
    let mixed_up = with_param(&callback, "iss", "https://attacker.example");
    assert_eq!(deliver(&mixed_up).await.unwrap().0, 400);
    match waiting.outcome().await {
        Err(ProviderError::IssuerMismatch { found, .. }) => {
            assert_eq!(found, "https://attacker.example");
        }
        other => panic!("expected an issuer mismatch, got {other:?}"),
    }
    assert_eq!(grants_of_offpeak(&sandbox).await, 0);
}

#[tokio::test]
async fn an_answer_naming_the_right_issuer_is_accepted() {
    let sandbox = start(Variant::VeloPeak).await;
    let origin = sandbox.origin();
    let profile = with_sandbox_metadata(&sandbox, velopeak_profile(&sandbox)).await;
    let waiting = begin(profile, "athlete:read").await;
    let callback = waiting.approved_callback().await;
    deliver(&with_param(&callback, "iss", &format!("{origin}/")))
        .await
        .unwrap();
    assert!(waiting.outcome().await.is_ok());
    assert_eq!(grants_of_offpeak(&sandbox).await, 1);
}
