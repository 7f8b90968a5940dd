//! RFC 8414 discovery against the sandbox of each variant, and against a server whose metadata
//! must be refused.

mod common;

use common::*;
use offpeak_provider::oauth::{self, RevocationStyle, TokenBody};
use offpeak_provider::{ProviderError, http_client};
use offpeak_sandbox::Variant;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[tokio::test]
async fn velopeak_metadata_is_read_and_used_to_sign_in() {
    let sandbox = start(Variant::VeloPeak).await;
    let origin = sandbox.origin();
    let metadata = oauth::discover(&http_client(), &format!("{origin}/"))
        .await
        .unwrap()
        .expect("VeloPeak publishes metadata");
    assert_eq!(metadata.issuer, origin);
    assert!(!metadata.allows_public_clients());
    let mut profile = velopeak_profile(&sandbox);
    // Built-in paths are replaced by the server's, which must be the ones used.
    profile.authorize_endpoint = format!("{origin}/not-here");
    profile.token_endpoint = format!("{origin}/not-here-either");
    metadata.apply_to(&mut profile);
    assert_eq!(profile.issuer.as_deref(), Some(origin.as_str()));
    assert_eq!(
        profile.token_endpoint,
        format!("{origin}/api/auth/oauth2/token")
    );
    let tokens = sign_in(profile, "athlete:read").await;
    assert!(tokens.refresh_token.is_some());
}

#[tokio::test]
async fn velocity_metadata_allows_a_public_client_and_keeps_json_bodies() {
    let sandbox = start(Variant::Velocity).await;
    let origin = sandbox.origin();
    let metadata = oauth::discover(&http_client(), &origin)
        .await
        .unwrap()
        .expect("Velocity publishes metadata");
    assert!(metadata.allows_public_clients());
    let profile = with_sandbox_metadata(&sandbox, velocity_profile(&sandbox)).await;
    assert_eq!(
        profile.authorize_endpoint,
        format!("{origin}/oauth/consent")
    );
    assert_eq!(profile.token_body, TokenBody::Json);
    let revocation = profile.revocation.clone().unwrap();
    assert_eq!(revocation.endpoint, format!("{origin}/api/oauth/revoke"));
    assert_eq!(revocation.style, RevocationStyle::Rfc7009);
    sign_in(profile, "athlete:read").await;
}

#[tokio::test]
async fn intervals_has_no_metadata_so_the_built_in_paths_stay() {
    let sandbox = start(Variant::Intervals).await;
    let origin = sandbox.origin();
    assert!(
        oauth::discover(&http_client(), &origin)
            .await
            .unwrap()
            .is_none()
    );
    let built_in = intervals_profile(&sandbox);
    let profile = with_sandbox_metadata(&sandbox, built_in.clone()).await;
    assert_eq!(profile.authorize_endpoint, built_in.authorize_endpoint);
    assert_eq!(profile.token_endpoint, built_in.token_endpoint);
    assert_eq!(profile.revocation, built_in.revocation);
    assert!(profile.issuer.is_none());
}

/// Serves `body` as the metadata document to every request; returns the origin.
async fn serve_metadata(body: impl Fn(&str) -> String + Send + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let doc = body(&origin);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut head = [0u8; 4096];
            let _ = stream.read(&mut head).await;
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{doc}",
                doc.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
        }
    });
    origin
}

#[tokio::test]
async fn metadata_naming_another_issuer_is_refused() {
    let origin = serve_metadata(|origin| {
        format!(
            r#"{{"issuer":"https://evil.example","authorization_endpoint":"{origin}/a","token_endpoint":"{origin}/t","code_challenge_methods_supported":["S256"]}}"#
        )
    })
    .await;
    match oauth::discover(&http_client(), &origin).await {
        Err(ProviderError::IssuerMismatch { expected, found }) => {
            assert_eq!(expected, origin);
            assert_eq!(found, "https://evil.example");
        }
        other => panic!("expected an issuer mismatch, got {other:?}"),
    }
}

#[tokio::test]
async fn metadata_without_s256_is_refused() {
    let origin = serve_metadata(|origin| {
        format!(
            r#"{{"issuer":"{origin}/","authorization_endpoint":"{origin}/a","token_endpoint":"{origin}/t","code_challenge_methods_supported":["plain"]}}"#
        )
    })
    .await;
    let refused = oauth::discover(&http_client(), &origin).await;
    assert!(
        matches!(refused, Err(ProviderError::PkceUnsupported { .. })),
        "{refused:?}"
    );
}
