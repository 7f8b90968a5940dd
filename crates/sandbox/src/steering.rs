//! What a test, a benchmark or the demo can do to a running sandbox from the same process: the
//! control endpoint's powers as methods — change items, churn, faults, keys, grants — and the
//! whole truth to compare a client's cache with.

use crate::api_keys::{KeyAccess, workspace_slug};
use crate::catalog::{Change, Resource, Tombstone};
use crate::churn;
use crate::data::{Activity, Dataset, Workout};
use crate::faults::FaultPlan;
use crate::server::{AppState, RunningSandbox};

/// A key created on the Velocity profile: the plain key (shown once) and its workspace.
#[derive(Debug, Clone)]
pub struct CreatedKey {
    pub id: String,
    pub key: String,
    pub workspace: String,
}

impl RunningSandbox {
    /// A copy of everything the server holds now.
    pub fn truth(&self) -> Dataset {
        self.state.catalog().data.clone()
    }

    /// The deletions so far of one kind of item.
    pub fn tombstones(&self, resource: Resource) -> Vec<Tombstone> {
        self.state.catalog().tombstones(resource).to_vec()
    }

    /// Adds or replaces a planned workout (by id), as the platform's own editor would.
    pub fn put_workout(&self, workout: Workout) -> Change {
        let change = self
            .state
            .catalog_mut()
            .put_workout(workout, self.state.clock.now());
        self.state.publish(change.clone());
        change
    }

    /// Adds or replaces an activity (by id), as an upload or an edit would.
    pub fn put_activity(&self, activity: Activity) -> Change {
        let change = self
            .state
            .catalog_mut()
            .put_activity(activity, self.state.clock.now());
        self.state.publish(change.clone());
        change
    }

    /// Deletes an item; the changes it caused (none if there was no such item).
    pub fn delete(&self, resource: Resource, id: &str) -> Vec<Change> {
        let changes = self
            .state
            .catalog_mut()
            .delete(resource, id, self.state.clock.now());
        for change in &changes {
            self.state.publish(change.clone());
        }
        changes
    }

    /// `count` random creations, edits and deletions drawn from `seed`.
    pub fn churn(&self, count: u32, seed: u64) -> Vec<Change> {
        churn::apply(&self.state, count, seed)
    }

    /// Replaces the faults in force.
    pub fn set_faults(&self, plan: FaultPlan) {
        self.state.faults.set(plan);
    }

    /// Creates an API key for the data set's owner (Velocity profile).
    pub fn create_api_key(&self, name: &str, access: KeyAccess) -> CreatedKey {
        self.state.create_api_key(name, access)
    }

    /// Revokes every grant of `athlete_id`, as if they had revoked each app; returns how many.
    pub fn revoke_grants_of(&self, athlete_id: &str) -> usize {
        self.state.revoke_grants_of(athlete_id)
    }
}

impl AppState {
    pub(crate) fn create_api_key(&self, name: &str, access: KeyAccess) -> CreatedKey {
        let (athlete_id, workspace) = {
            let catalog = self.catalog();
            let owner = catalog.data.owner();
            (owner.id.clone(), workspace_slug(&owner.name))
        };
        let now = self.clock.now();
        let (key, stored) = self
            .api_keys()
            .create(name, access, &athlete_id, &workspace, now);
        CreatedKey {
            id: stored.id,
            key,
            workspace,
        }
    }

    pub(crate) fn revoke_grants_of(&self, athlete_id: &str) -> usize {
        let grants = self.auth().grants_of(athlete_id);
        let mut revoked = 0;
        for (id, _) in grants {
            let ended = self.auth().revoke_grant(id);
            if ended {
                self.grant_ended(id);
                revoked += 1;
            }
        }
        revoked
    }
}
