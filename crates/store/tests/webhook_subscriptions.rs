mod common;

use common::{at, connected};
use offpeak_store::WebhookSubscription;

fn subscription(id: &str) -> WebhookSubscription {
    WebhookSubscription {
        subscription_id: id.into(),
        callback_url: "https://hooks.example.org/offpeak/c1".into(),
        created_at: at("2026-11-23T17:00:00Z"),
    }
}

#[tokio::test]
async fn a_subscription_is_saved_replaced_and_deleted() {
    let (_dir, store, id) = connected("c1").await;
    assert_eq!(store.webhook_subscription(&id).await.unwrap(), None);
    store
        .save_webhook_subscription(&id, &subscription("s1"))
        .await
        .unwrap();
    assert_eq!(
        store.webhook_subscription(&id).await.unwrap(),
        Some(subscription("s1"))
    );
    store
        .save_webhook_subscription(&id, &subscription("s2"))
        .await
        .unwrap();
    assert_eq!(
        store.webhook_subscription(&id).await.unwrap(),
        Some(subscription("s2"))
    );
    store.delete_webhook_subscription(&id).await.unwrap();
    assert_eq!(store.webhook_subscription(&id).await.unwrap(), None);
}

#[tokio::test]
async fn a_subscription_goes_with_its_connection() {
    let (_dir, store, id) = connected("c1").await;
    store
        .save_webhook_subscription(&id, &subscription("s1"))
        .await
        .unwrap();
    store.delete_connection(&id).await.unwrap();
    assert_eq!(store.webhook_subscription(&id).await.unwrap(), None);
}
