mod common;

use common::open_temp;
use offpeak_store::Store;

#[tokio::test]
async fn settings_are_set_replaced_and_survive_reopening() {
    let (dir, store) = open_temp().await;
    assert_eq!(store.setting("sync.streams_since").await.unwrap(), None);
    store
        .set_setting("sync.streams_since", "2025-01-01")
        .await
        .unwrap();
    store.set_setting("ui.theme", "dark").await.unwrap();
    store
        .set_setting("sync.streams_since", "2024-06-01")
        .await
        .unwrap();
    store.close().await;

    let store = Store::open(&dir.path().join("cache.sqlite")).await.unwrap();
    assert_eq!(
        store
            .setting("sync.streams_since")
            .await
            .unwrap()
            .as_deref(),
        Some("2024-06-01")
    );
    assert_eq!(
        store.setting("ui.theme").await.unwrap().as_deref(),
        Some("dark")
    );
    assert_eq!(store.setting("ui.Theme").await.unwrap(), None);
}
