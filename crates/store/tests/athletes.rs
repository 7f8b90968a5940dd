mod common;

use common::connected;
use offpeak_store::AthleteRecord;

fn athlete(id: &str, name: &str, is_self: bool) -> AthleteRecord {
    AthleteRecord {
        id: id.into(),
        name: name.into(),
        is_self,
    }
}

#[tokio::test]
async fn a_coach_reads_their_own_athlete_first_then_their_clients_in_order() {
    let (_dir, store, id) = connected("c1").await;
    let listed = [
        athlete("a_2", "Zoë", false),
        athlete("a_1", "Ólafur", true),
        athlete("a_3", "佐藤 健二", false),
    ];
    store.save_athletes(&id, &listed).await.unwrap();
    let names: Vec<String> = store
        .athletes(&id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["Ólafur", "Zoë", "佐藤 健二"]);

    // A later list replaces the earlier one: an athlete who stopped sharing is gone.
    store.save_athletes(&id, &listed[1..2]).await.unwrap();
    assert_eq!(store.athletes(&id).await.unwrap().len(), 1);

    store.delete_connection(&id).await.unwrap();
    assert!(store.athletes(&id).await.unwrap().is_empty());
}
