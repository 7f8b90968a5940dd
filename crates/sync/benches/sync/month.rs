//! The current month as the calendar shows it, watched in the cache while a sync runs: the
//! moment every planned workout and activity of the month (the data set owner's) equals the
//! server's truth — same items, same dates, names and versions.

use chrono::{DateTime, NaiveDate, Utc};
use offpeak_domain::Month;
use offpeak_sandbox::data::Dataset;
use offpeak_store::Store;
use std::time::{Duration, Instant};
use tokio::task::JoinHandle;

/// How often the cache is read while waiting.
const POLL: Duration = Duration::from_millis(10);

/// One item as compared: id, day, name and version.
type Item = (String, NaiveDate, String, DateTime<Utc>);

/// The month's items at the server, sorted.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthItems {
    pub workouts: Vec<Item>,
    pub activities: Vec<Item>,
}

impl MonthItems {
    /// What the server holds for `owner` in `month`.
    pub fn truth(data: &Dataset, owner: &str, month: Month) -> MonthItems {
        let inside = |day: NaiveDate| (month.first_day()..=month.last_day()).contains(&day);
        let mut workouts: Vec<Item> = data
            .workouts
            .iter()
            .filter(|w| w.athlete_id == owner && inside(w.date))
            .map(|w| (w.id.clone(), w.date, w.name.clone(), w.updated_at))
            .collect();
        let mut activities: Vec<Item> = data
            .activities
            .iter()
            .filter(|a| a.athlete_id == owner && inside(a.local_date))
            .map(|a| (a.id.clone(), a.local_date, a.name.clone(), a.updated_at))
            .collect();
        workouts.sort();
        activities.sort();
        MonthItems {
            workouts,
            activities,
        }
    }

    /// What the cache holds for `owner` in `month`.
    pub async fn cached(store: &Store, owner: &str, month: Month) -> MonthItems {
        let (first, last) = (month.first_day(), month.last_day());
        let mut workouts: Vec<Item> = store
            .workouts_between(first, last)
            .await
            .expect("the cache reads")
            .into_iter()
            .filter(|w| w.athlete_id == owner)
            .map(|w| (w.id, w.date, w.name, w.updated_at))
            .collect();
        let mut activities: Vec<Item> = store
            .activities_between(first, last)
            .await
            .expect("the cache reads")
            .into_iter()
            .filter(|a| a.athlete_id == owner)
            .map(|a| (a.id, a.local_date, a.name, a.updated_at))
            .collect();
        workouts.sort();
        activities.sort();
        MonthItems {
            workouts,
            activities,
        }
    }
}

/// Reads the cache every few milliseconds from `since` on, until the month equals `truth`
/// (the time it took) or `deadline` passes (`None`).
pub fn watch(
    store: Store,
    owner: String,
    month: Month,
    truth: MonthItems,
    since: Instant,
    deadline: Duration,
) -> JoinHandle<Option<Duration>> {
    tokio::spawn(async move {
        while since.elapsed() < deadline {
            if MonthItems::cached(&store, &owner, month).await == truth {
                return Some(since.elapsed());
            }
            tokio::time::sleep(POLL).await;
        }
        None
    })
}
