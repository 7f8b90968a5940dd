mod common;

use common::{at, open_temp};
use offpeak_domain::ProviderKind;
use offpeak_store::AppRegistration;

fn registration(id: &str, client_id: &str, confidential: bool) -> AppRegistration {
    AppRegistration {
        id: id.into(),
        provider: ProviderKind::Velopeak,
        origin: "https://velo-peak.com".into(),
        client_id: client_id.into(),
        confidential,
        redirect_ports: Vec::new(),
        created_at: at("2026-11-23T17:00:00Z"),
    }
}

#[tokio::test]
async fn a_registration_is_kept_once_per_platform_origin_and_client_id() {
    let (_dir, store) = open_temp().await;
    let first = store
        .save_registration(&registration("r1", "offpeak", true))
        .await
        .unwrap();
    assert_eq!(first.id, "r1");
    // Entering the same client id again keeps the first id (the keychain entry's name).
    let mut changed = registration("r2", "offpeak", false);
    changed.redirect_ports = vec![8723, 8724];
    let again = store.save_registration(&changed).await.unwrap();
    assert_eq!(again.id, "r1");
    assert!(!again.confidential);
    assert_eq!(again.redirect_ports, [8723, 8724]);
    store
        .save_registration(&registration("r3", "other", true))
        .await
        .unwrap();
    let all = store.registrations().await.unwrap();
    assert_eq!(
        all.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["r1", "r3"]
    );
    assert_eq!(
        store.registration("r3").await.unwrap().unwrap().client_id,
        "other"
    );

    store.delete_registration("r1").await.unwrap();
    assert!(store.registration("r1").await.unwrap().is_none());
    assert_eq!(store.registrations().await.unwrap().len(), 1);
}
