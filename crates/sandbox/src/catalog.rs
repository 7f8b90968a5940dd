//! The live data set: the generated one plus every change made since (through the control
//! endpoint or the API), with tombstones for deletions, so the change feed can answer
//! `updated_since` and webhooks can tell what happened.
//!
//! Every change gets an `updated_at` strictly later than any before it (at millisecond
//! precision), so a client that asks for changes after the last instant it saw misses nothing.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use serde::Serialize;

use crate::data::{Activity, Dataset, Workout};

/// The two kinds of item that change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Resource {
    Workout,
    Activity,
}

impl Resource {
    pub fn as_str(self) -> &'static str {
        match self {
            Resource::Workout => "workout",
            Resource::Activity => "activity",
        }
    }
}

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Created,
    Updated,
    Deleted,
}

/// One change, as webhooks and the control endpoint report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub resource: Resource,
    pub kind: ChangeKind,
    pub id: String,
    pub athlete_id: String,
    pub at: DateTime<Utc>,
}

impl Change {
    /// The webhook event name, e.g. `activity.created`.
    pub fn event(&self) -> String {
        let kind = match self.kind {
            ChangeKind::Created => "created",
            ChangeKind::Updated => "updated",
            ChangeKind::Deleted => "deleted",
        };
        format!("{}.{kind}", self.resource.as_str())
    }
}

/// A deleted item, as the change feed returns it.
#[derive(Debug, Clone, Serialize)]
pub struct Tombstone {
    pub id: String,
    #[serde(skip)]
    pub athlete_id: String,
    pub deleted: bool,
    pub deleted_at: DateTime<Utc>,
}

/// One entry of the change feed: a live item or a tombstone.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum FeedItem<'a, T> {
    Live(&'a T),
    Gone(&'a Tombstone),
}

/// The data set as it is now.
#[derive(Debug)]
pub struct Catalog {
    pub data: Dataset,
    workout_tombstones: Vec<Tombstone>,
    activity_tombstones: Vec<Tombstone>,
    last_change: DateTime<Utc>,
}

impl Catalog {
    pub fn new(data: Dataset) -> Catalog {
        let last_change = data
            .workouts
            .iter()
            .map(|w| w.updated_at)
            .chain(data.activities.iter().map(|a| a.updated_at))
            .max()
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        Catalog {
            data,
            workout_tombstones: Vec::new(),
            activity_tombstones: Vec::new(),
            last_change,
        }
    }

    /// A change time later than every earlier one, at millisecond precision.
    fn stamp(&mut self, now: DateTime<Utc>) -> DateTime<Utc> {
        let now = now
            .duration_trunc(TimeDelta::milliseconds(1))
            .unwrap_or(now);
        let at = now.max(self.last_change + TimeDelta::milliseconds(1));
        self.last_change = at;
        at
    }

    pub fn tombstones(&self, resource: Resource) -> &[Tombstone] {
        match resource {
            Resource::Workout => &self.workout_tombstones,
            Resource::Activity => &self.activity_tombstones,
        }
    }

    /// Adds `workout` or replaces the one with its id; its `updated_at` (and for a new one
    /// `created_at`) become the change time.
    pub fn put_workout(&mut self, mut workout: Workout, now: DateTime<Utc>) -> Change {
        let at = self.stamp(now);
        workout.updated_at = at;
        let list = &mut self.data.workouts;
        let kind = match list.iter().position(|w| w.id == workout.id) {
            Some(i) => {
                workout.created_at = list[i].created_at;
                list.remove(i);
                ChangeKind::Updated
            }
            None => {
                workout.created_at = at;
                ChangeKind::Created
            }
        };
        self.workout_tombstones.retain(|t| t.id != workout.id);
        let change = change(
            Resource::Workout,
            kind,
            &workout.id,
            &workout.athlete_id,
            at,
        );
        let key = workout.sort_key();
        let index = list.partition_point(|w| w.sort_key() < key);
        list.insert(index, workout);
        change
    }

    /// Adds `activity` or replaces the one with its id, like [`Catalog::put_workout`].
    pub fn put_activity(&mut self, mut activity: Activity, now: DateTime<Utc>) -> Change {
        let at = self.stamp(now);
        activity.updated_at = at;
        let list = &mut self.data.activities;
        let kind = match list.iter().position(|a| a.id == activity.id) {
            Some(i) => {
                activity.created_at = list[i].created_at;
                list.remove(i);
                ChangeKind::Updated
            }
            None => {
                activity.created_at = at;
                ChangeKind::Created
            }
        };
        self.activity_tombstones.retain(|t| t.id != activity.id);
        let change = change(
            Resource::Activity,
            kind,
            &activity.id,
            &activity.athlete_id,
            at,
        );
        let key = activity.sort_key();
        let index = list.partition_point(|a| a.sort_key() < key);
        list.insert(index, activity);
        change
    }

    /// Deletes an item and leaves a tombstone; returns the changes, none if there is no such
    /// item. Deleting a planned workout unlinks the activities that fulfilled it (each an
    /// update of its own), so no activity ever points at a workout that is gone.
    pub fn delete(&mut self, resource: Resource, id: &str, now: DateTime<Utc>) -> Vec<Change> {
        let athlete_id = match resource {
            Resource::Workout => {
                let Some(i) = self.data.workouts.iter().position(|w| w.id == id) else {
                    return Vec::new();
                };
                self.data.workouts.remove(i).athlete_id
            }
            Resource::Activity => {
                let Some(i) = self.data.activities.iter().position(|a| a.id == id) else {
                    return Vec::new();
                };
                self.data.activities.remove(i).athlete_id
            }
        };
        let at = self.stamp(now);
        let tombstone = Tombstone {
            id: id.to_string(),
            athlete_id: athlete_id.clone(),
            deleted: true,
            deleted_at: at,
        };
        match resource {
            Resource::Workout => self.workout_tombstones.push(tombstone),
            Resource::Activity => self.activity_tombstones.push(tombstone),
        }
        let mut changes = vec![change(resource, ChangeKind::Deleted, id, &athlete_id, at)];
        if resource == Resource::Workout {
            let orphans: Vec<Activity> = self
                .data
                .activities
                .iter()
                .filter(|a| a.planned_workout_id.as_deref() == Some(id))
                .cloned()
                .collect();
            for mut activity in orphans {
                activity.planned_workout_id = None;
                changes.push(self.put_activity(activity, now));
            }
        }
        changes
    }
}

fn change(
    resource: Resource,
    kind: ChangeKind,
    id: &str,
    athlete_id: &str,
    at: DateTime<Utc>,
) -> Change {
    Change {
        resource,
        kind,
        id: id.to_string(),
        athlete_id: athlete_id.to_string(),
        at,
    }
}

/// A feed entry with its `(updated_at, id)` sort key.
pub type Keyed<'a, T> = ((DateTime<Utc>, &'a str), FeedItem<'a, T>);

/// The change feed of one athlete's items: everything changed after `since`, tombstones
/// included, in `(updated_at, id)` order.
pub fn feed<'a, T>(
    items: &'a [T],
    tombstones: &'a [Tombstone],
    athlete_id: &str,
    since: DateTime<Utc>,
    stamp: impl Fn(&'a T) -> (DateTime<Utc>, &'a str, &'a str),
) -> Vec<Keyed<'a, T>> {
    let mut out: Vec<Keyed<'a, T>> = items
        .iter()
        .filter_map(|item| {
            let (at, id, owner) = stamp(item);
            (owner == athlete_id && at > since).then_some(((at, id), FeedItem::Live(item)))
        })
        .collect();
    out.extend(
        tombstones
            .iter()
            .filter(|t| t.athlete_id == athlete_id && t.deleted_at > since)
            .map(|t| ((t.deleted_at, t.id.as_str()), FeedItem::Gone(t))),
    );
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
