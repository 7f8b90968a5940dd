//! Comparing the cache with the sandbox's truth, item by item, for the owner of the data set
//! (the comparisons themselves live in [`super::truth`], which the CLI's tests share).

use super::World;
use super::truth;
use offpeak_domain::ConnectionId;

/// Every difference between the cache and the server's truth, as sentences.
pub async fn differences(world: &World, connection: &ConnectionId) -> Vec<String> {
    let truth = world.sandbox.truth();
    let owner = truth.owner().id.clone();
    truth::velopeak_differences(&world.store, &truth, connection, &owner, None).await
}

/// The same for an Intervals.icu connection; also how many Strava stubs the cache holds.
pub async fn intervals_differences(
    world: &World,
    connection: &ConnectionId,
) -> (Vec<String>, usize) {
    truth::intervals_differences(&world.store, &world.sandbox.truth(), connection, None).await
}
