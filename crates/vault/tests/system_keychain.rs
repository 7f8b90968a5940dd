//! The real OS keychain (Secret Service), not a mock: a secret written through `Vault::system`
//! is read back, replaced and deleted. `scripts/test` starts a private Secret Service for it.

use offpeak_vault::{Sensitive, Vault};

#[tokio::test]
#[ignore = "needs a running Secret Service; scripts/test provides one"]
async fn secrets_round_trip_through_the_system_keychain() {
    let service = format!("offpeak-test-{}", std::process::id());
    let vault = Vault::system(&service)
        .await
        .expect("a Secret Service is running");
    let name = "connection/c_test/tokens";
    vault.delete(name).await.unwrap();
    assert!(vault.get(name).await.unwrap().is_none());

    vault
        .put(name, &Sensitive::new("vpr_first".to_owned()))
        .await
        .unwrap();
    assert_eq!(
        vault.get(name).await.unwrap().unwrap().expose(),
        "vpr_first"
    );
    vault
        .put(name, &Sensitive::new("vpr_rotated".to_owned()))
        .await
        .unwrap();
    assert_eq!(
        vault.get(name).await.unwrap().unwrap().expose(),
        "vpr_rotated"
    );

    // Another Vault (as another process would) sees the same entry.
    let other = Vault::system(&service).await.unwrap();
    assert_eq!(
        other.get(name).await.unwrap().unwrap().expose(),
        "vpr_rotated"
    );

    vault.delete(name).await.unwrap();
    assert!(other.get(name).await.unwrap().is_none());
}
