//! Sync settings a person chooses: how often the background sync runs and which activity
//! streams are fetched ahead of time. Kept in the cache's `settings` table.

use crate::SyncError;
use chrono::{Months, NaiveDate};
use offpeak_store::Store;
use serde::{Deserialize, Serialize};
use std::time::Duration;

const INTERVAL_KEY: &str = "sync.interval_minutes";
const STREAMS_KEY: &str = "sync.streams";

/// Which streams are fetched during a sync (an opened activity's always are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StreamsPolicy {
    /// Every activity's streams, most recent first.
    All,
    /// Streams of the activities of the last `months` months.
    RecentMonths { months: u32 },
    /// Only when an activity is opened.
    OnDemand,
}

impl StreamsPolicy {
    /// The oldest local date whose activities get streams ahead of time; `None` for all of them.
    /// Meaningless for [`StreamsPolicy::OnDemand`].
    pub fn newer_than(self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            StreamsPolicy::RecentMonths { months } => today.checked_sub_months(Months::new(months)),
            StreamsPolicy::All | StreamsPolicy::OnDemand => None,
        }
    }

    /// Whether an activity on `local_date` gets its streams ahead of time, without anyone
    /// opening it: by the background sync, or when a webhook names it.
    pub fn fetches_ahead(self, local_date: NaiveDate, today: NaiveDate) -> bool {
        match self {
            StreamsPolicy::All => true,
            StreamsPolicy::RecentMonths { .. } => self
                .newer_than(today)
                .is_none_or(|oldest| local_date >= oldest),
            StreamsPolicy::OnDemand => false,
        }
    }

    fn to_text(self) -> String {
        match self {
            StreamsPolicy::All => "all".into(),
            StreamsPolicy::RecentMonths { months } => format!("recent:{months}"),
            StreamsPolicy::OnDemand => "on_demand".into(),
        }
    }

    fn from_text(text: &str) -> Option<StreamsPolicy> {
        match text {
            "all" => Some(StreamsPolicy::All),
            "on_demand" => Some(StreamsPolicy::OnDemand),
            _ => {
                let months = text.strip_prefix("recent:")?.parse().ok()?;
                (1..=240)
                    .contains(&months)
                    .then_some(StreamsPolicy::RecentMonths { months })
            }
        }
    }
}

/// The settings, with their defaults: every 30 minutes, streams of the last 12 months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSettings {
    /// Minutes between background syncs; 0 turns the background sync off.
    pub interval_minutes: u32,
    pub streams: StreamsPolicy,
}

impl Default for SyncSettings {
    fn default() -> Self {
        SyncSettings {
            interval_minutes: 30,
            streams: StreamsPolicy::RecentMonths { months: 12 },
        }
    }
}

/// Longest interval a person may choose: one day.
pub const MAX_INTERVAL_MINUTES: u32 = 24 * 60;

impl SyncSettings {
    pub fn interval(&self) -> Option<Duration> {
        (self.interval_minutes > 0)
            .then(|| Duration::from_secs(u64::from(self.interval_minutes) * 60))
    }

    /// The stored settings; a value that does not read falls back to its default.
    pub async fn load(store: &Store) -> Result<SyncSettings, SyncError> {
        let defaults = SyncSettings::default();
        let interval_minutes = store
            .setting(INTERVAL_KEY)
            .await?
            .and_then(|v| v.parse().ok())
            .filter(|m| *m <= MAX_INTERVAL_MINUTES)
            .unwrap_or(defaults.interval_minutes);
        let streams = store
            .setting(STREAMS_KEY)
            .await?
            .and_then(|v| StreamsPolicy::from_text(&v))
            .unwrap_or(defaults.streams);
        Ok(SyncSettings {
            interval_minutes,
            streams,
        })
    }

    /// Checks and keeps the settings.
    pub async fn save(&self, store: &Store) -> Result<(), SyncError> {
        if self.interval_minutes > MAX_INTERVAL_MINUTES {
            return Err(SyncError::InvalidInput(format!(
                "the sync interval can be at most {MAX_INTERVAL_MINUTES} minutes (one day)"
            )));
        }
        if let StreamsPolicy::RecentMonths { months } = self.streams
            && !(1..=240).contains(&months)
        {
            return Err(SyncError::InvalidInput(
                "streams can be kept for 1 to 240 months".into(),
            ));
        }
        store
            .set_setting(INTERVAL_KEY, &self.interval_minutes.to_string())
            .await?;
        store
            .set_setting(STREAMS_KEY, &self.streams.to_text())
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_read_back_what_they_write() {
        for policy in [
            StreamsPolicy::All,
            StreamsPolicy::OnDemand,
            StreamsPolicy::RecentMonths { months: 6 },
        ] {
            assert_eq!(StreamsPolicy::from_text(&policy.to_text()), Some(policy));
        }
        assert_eq!(StreamsPolicy::from_text("recent:0"), None);
        assert_eq!(StreamsPolicy::from_text("sometimes"), None);
    }

    #[test]
    fn recent_months_start_that_many_months_back() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let policy = StreamsPolicy::RecentMonths { months: 3 };
        assert_eq!(
            policy.newer_than(today),
            NaiveDate::from_ymd_opt(2026, 8, 23)
        );
        assert_eq!(StreamsPolicy::All.newer_than(today), None);
    }
}
