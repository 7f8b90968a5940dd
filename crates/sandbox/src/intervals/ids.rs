//! How the data set's ids look on Intervals.icu, and back.
//!
//! - Athletes: `a_1042` → `i1042`; any other id → `i` and six digits drawn from its hash.
//!   Paths accept `i1042`, `1042`, and `0` for the caller.
//! - Activities: `i` and eight digits from the hash of the data set id; the activities that
//!   came from Strava get eleven bare digits, like Strava's own ids.
//! - Events (planned workouts and calendar notes): an int from the hash of the id.
//!
//! All of it is a function of the data set id, so ids are stable across restarts and across
//! changes made through the control endpoint. Like the platform's, ids are unique: with
//! thousands of items, two hashes land on the same number now and then, and the item created
//! later then draws again (the hash salted with a counter) until its id is free.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use crate::data::{Activity, Athlete, Dataset};
use chrono::{DateTime, Utc};

/// The first eight bytes of SHA-256 over `salt` and `id`, as a number.
fn hash(salt: &str, id: &str) -> u64 {
    let digest = Sha256::new()
        .chain_update(salt.as_bytes())
        .chain_update([0u8])
        .chain_update(id.as_bytes())
        .finalize();
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(bytes)
}

/// The number of an athlete's Intervals id (`1042` for `a_1042`).
pub(crate) fn athlete_number(dataset_id: &str) -> u64 {
    dataset_id
        .strip_prefix("a_")
        .filter(|d| !d.is_empty() && d.len() <= 12 && d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|d| d.parse::<u64>().ok())
        .filter(|n| *n != 0)
        .unwrap_or_else(|| 100_000 + hash("athlete", dataset_id) % 900_000)
}

/// `i1042` for `a_1042`.
pub(crate) fn athlete_id(dataset_id: &str) -> String {
    format!("i{}", athlete_number(dataset_id))
}

/// What an athlete id in a path names.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum AthleteRef {
    /// `0`: whoever the key or token belongs to.
    Caller,
    /// `i1042` or `1042`.
    Number(u64),
    /// Anything else.
    Invalid,
}

pub(crate) fn parse_athlete(path_id: &str) -> AthleteRef {
    let digits = path_id.strip_prefix('i').unwrap_or(path_id);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return AthleteRef::Invalid;
    }
    match digits.parse::<u64>() {
        Ok(0) if path_id == "0" => AthleteRef::Caller,
        Ok(0) | Err(_) => AthleteRef::Invalid,
        Ok(n) => AthleteRef::Number(n),
    }
}

/// The athlete with Intervals number `n`.
pub(crate) fn find_athlete(data: &Dataset, n: u64) -> Option<&Athlete> {
    data.athletes.iter().find(|a| athlete_number(&a.id) == n)
}

/// `salt`, or `salt#n` for the `n`th draw after a collision.
fn salted(salt: &str, draw: u32) -> String {
    if draw == 0 {
        salt.to_owned()
    } else {
        format!("{salt}#{draw}")
    }
}

/// Gives each item, oldest first, the first of its candidate ids no earlier item took.
fn unique<T: Clone + Eq + std::hash::Hash>(
    mut items: Vec<(DateTime<Utc>, &str)>,
    candidate: impl Fn(&str, u32) -> T,
) -> HashMap<String, T> {
    items.sort();
    let mut taken = HashSet::new();
    let mut ids = HashMap::new();
    for (_, id) in items {
        let mut draw = 0;
        let chosen = loop {
            let next = candidate(id, draw);
            if taken.insert(next.clone()) {
                break next;
            }
            draw += 1;
        };
        ids.insert(id.to_owned(), chosen);
    }
    ids
}

/// Which activities reach the API only as Strava stubs: about 3% of them, chosen by the hash
/// of their id, and always each athlete's first activity, so that every athlete with
/// activities shows at least one stub. Also the (unique) Intervals ids of activities and
/// events.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    strava: HashSet<String>,
    activities: HashMap<String, String>,
    pub(crate) events: EventIds,
}

impl Sources {
    pub(crate) fn of(data: &Dataset) -> Sources {
        let mut strava = HashSet::new();
        let mut seen: HashSet<&str> = HashSet::new();
        // The list is in start order, so an athlete's first entry is their first activity.
        for a in &data.activities {
            if seen.insert(a.athlete_id.as_str()) || hash("strava", &a.id) % 100 < 3 {
                strava.insert(a.id.clone());
            }
        }
        let activities = unique(
            data.activities
                .iter()
                .map(|a| (a.created_at, a.id.as_str()))
                .collect(),
            |id, draw| activity_candidate(id, strava.contains(id), draw),
        );
        Sources {
            strava,
            activities,
            events: EventIds::of(data),
        }
    }

    pub(crate) fn is_strava(&self, activity_id: &str) -> bool {
        self.strava.contains(activity_id)
    }

    /// The Intervals id of an activity: `i12345678`, or bare digits for a Strava one.
    pub(crate) fn activity_id(&self, dataset_id: &str) -> String {
        self.activities
            .get(dataset_id)
            .cloned()
            .unwrap_or_else(|| activity_candidate(dataset_id, self.is_strava(dataset_id), 0))
    }

    /// The activity with Intervals id `id`.
    pub(crate) fn find_activity<'a>(&self, data: &'a Dataset, id: &str) -> Option<&'a Activity> {
        let digits = id.strip_prefix('i').unwrap_or(id);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        data.activities
            .iter()
            .find(|a| self.activity_id(&a.id) == id)
    }
}

/// An activity's id at its `draw`th try.
fn activity_candidate(dataset_id: &str, strava: bool, draw: u32) -> String {
    if strava {
        let salt = salted("strava-id", draw);
        format!(
            "{}",
            10_000_000_000 + hash(&salt, dataset_id) % 9_000_000_000
        )
    } else {
        let salt = salted("activity", draw);
        format!("i{}", 10_000_000 + hash(&salt, dataset_id) % 90_000_000)
    }
}

/// The int id of the event made from a planned workout or a calendar note, at its first try
/// (see [`EventIds`] for the id it gets).
pub(crate) fn event_id(dataset_id: &str) -> i64 {
    event_candidate(dataset_id, 0)
}

fn event_candidate(dataset_id: &str, draw: u32) -> i64 {
    let n = 10_000_000 + hash(&salted("event", draw), dataset_id) % 89_999_999;
    i64::try_from(n).unwrap_or(10_000_000)
}

/// The unique ids of the events made from planned workouts and calendar notes. Notes come
/// first (the control endpoint cannot make new ones), then workouts in creation order.
#[derive(Debug, Default)]
pub(crate) struct EventIds {
    ids: HashMap<String, i64>,
}

impl EventIds {
    pub(crate) fn of(data: &Dataset) -> EventIds {
        let items = data
            .notes
            .iter()
            .map(|n| (DateTime::<Utc>::MIN_UTC, n.id.as_str()))
            .chain(data.workouts.iter().map(|w| (w.created_at, w.id.as_str())))
            .collect();
        EventIds {
            ids: unique(items, event_candidate),
        }
    }

    pub(crate) fn get(&self, dataset_id: &str) -> i64 {
        self.ids
            .get(dataset_id)
            .copied()
            .unwrap_or_else(|| event_id(dataset_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn athlete_ids_follow_the_data_set_number() {
        assert_eq!(athlete_id("a_1042"), "i1042");
        assert_eq!(athlete_number("a_7"), 7);
        let odd = athlete_number("coach-maria");
        assert!((100_000..1_000_000).contains(&odd));
        assert_eq!(odd, athlete_number("coach-maria"));
        assert_eq!(athlete_number("a_0"), athlete_number("a_0"));
        assert_ne!(athlete_number("a_0"), 0);
    }

    #[test]
    fn an_item_created_later_draws_again_when_its_id_is_taken() {
        let t = |s: i64| DateTime::<Utc>::from_timestamp(s, 0).unwrap();
        // Every first draw lands on 7; later draws on 100 + the draw.
        let ids = unique(
            vec![(t(2), "late"), (t(1), "early"), (t(3), "last")],
            |_, draw| {
                if draw == 0 { 7 } else { 100 + draw }
            },
        );
        assert_eq!(ids["early"], 7);
        assert_eq!(ids["late"], 101);
        assert_eq!(ids["last"], 102);
    }

    #[test]
    fn athlete_refs() {
        assert_eq!(parse_athlete("0"), AthleteRef::Caller);
        assert_eq!(parse_athlete("i1042"), AthleteRef::Number(1042));
        assert_eq!(parse_athlete("1042"), AthleteRef::Number(1042));
        for bad in ["", "i", "i0", "00", "x1", "i-1", "1042a", "a_1042"] {
            assert_eq!(parse_athlete(bad), AthleteRef::Invalid, "{bad}");
        }
    }

    #[test]
    fn about_three_percent_are_strava_stubs_and_every_athlete_has_one() {
        let anchor = chrono::NaiveDate::from_ymd_opt(2025, 4, 10).unwrap();
        let mut data = Dataset::generate(7, anchor, crate::data::DatasetSize::Demo);
        let template = data.activities[0].clone();
        data.activities = (0..2000)
            .map(|i| Activity {
                id: format!("a_{i:010x}"),
                ..template.clone()
            })
            .collect();
        let sources = Sources::of(&data);
        let strava: Vec<&Activity> = data
            .activities
            .iter()
            .filter(|a| sources.is_strava(&a.id))
            .collect();
        assert!(
            (30..=95).contains(&strava.len()),
            "{} of 2000",
            strava.len()
        );
        assert_eq!(
            strava[0].id, data.activities[0].id,
            "the first one is always a stub"
        );
        let again = Sources::of(&data);
        for a in &data.activities {
            let icu = sources.activity_id(&a.id);
            assert_eq!(icu, again.activity_id(&a.id));
            if sources.is_strava(&a.id) {
                assert_eq!(icu.len(), 11);
                assert!(icu.bytes().all(|b| b.is_ascii_digit()));
            } else {
                assert_eq!(icu.len(), 9);
                assert!(icu.starts_with('i'));
            }
            let event = event_id(&a.id);
            assert!((10_000_000..i64::from(i32::MAX)).contains(&event));
        }
        let distinct: HashSet<String> = data
            .activities
            .iter()
            .map(|a| sources.activity_id(&a.id))
            .collect();
        assert_eq!(distinct.len(), data.activities.len(), "ids are unique");
        let some = &data.activities[1234];
        let found = sources.find_activity(&data, &sources.activity_id(&some.id));
        assert_eq!(found.map(|a| &a.id), Some(&some.id));
        assert!(sources.find_activity(&data, "a_1").is_none());
    }
}
