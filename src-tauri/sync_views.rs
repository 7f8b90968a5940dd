//! What the progress bars and the sync settings panel exchange with the shell: a sync's progress
//! with plain fields, and the settings as the form edits them, checked here before they are kept.

use crate::error::ApiError;
use offpeak_sync::{StreamsPolicy, SyncPhase, SyncProgress, SyncSettings};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The Tauri event that carries every [`SyncProgressView`].
pub const SYNC_PROGRESS_EVENT: &str = "sync-progress";

/// The Tauri event that names a connection whose cache a live update just changed.
pub const CACHE_CHANGED_EVENT: &str = "cache-changed";

/// Where a sync stands; the last four are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SyncPhaseName {
    Profile,
    Calendar,
    History,
    Changes,
    Reconcile,
    Streams,
    Finished,
    Cancelled,
    Offline,
    Failed,
}

impl From<SyncPhase> for SyncPhaseName {
    fn from(phase: SyncPhase) -> SyncPhaseName {
        match phase {
            SyncPhase::Profile => SyncPhaseName::Profile,
            SyncPhase::Calendar => SyncPhaseName::Calendar,
            SyncPhase::History => SyncPhaseName::History,
            SyncPhase::Changes => SyncPhaseName::Changes,
            SyncPhase::Reconcile => SyncPhaseName::Reconcile,
            SyncPhase::Streams => SyncPhaseName::Streams,
            SyncPhase::Finished => SyncPhaseName::Finished,
            SyncPhase::Cancelled => SyncPhaseName::Cancelled,
            SyncPhase::Offline => SyncPhaseName::Offline,
            SyncPhase::Failed => SyncPhaseName::Failed,
        }
    }
}

/// One report on a connection's sync, for its progress bar.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SyncProgressView {
    pub connection_id: String,
    pub phase: SyncPhaseName,
    /// True once the sync has ended: finished, cancelled, offline or failed.
    pub ended: bool,
    /// Items (in the streams phase, activities) done in this phase.
    pub done: u32,
    /// How many there are in this phase, when known.
    pub total: Option<u32>,
    /// Bytes received since the sync started.
    pub bytes: f64,
    /// Requests made since the sync started.
    pub requests: u32,
    /// Seconds left in this phase, when they can be estimated.
    pub eta_s: Option<u32>,
    /// For a final phase: what happened and what to do, in a sentence.
    pub message: Option<String>,
    /// When the report was made, RFC 3339 in UTC with milliseconds (so later reports sort later).
    pub at: String,
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<SyncProgress> for SyncProgressView {
    fn from(p: SyncProgress) -> SyncProgressView {
        SyncProgressView {
            connection_id: p.connection_id.0,
            phase: p.phase.into(),
            ended: p.phase.is_final(),
            done: clamp(p.done),
            total: p.total.map(clamp),
            bytes: p.bytes as f64,
            requests: clamp(p.requests),
            eta_s: p.eta_s.map(clamp),
            message: p.message,
            at: p.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        }
    }
}

/// Which activity streams a sync fetches ahead of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StreamsChoice {
    /// Every activity's streams.
    All,
    /// Those of the activities of the last `months` months.
    RecentMonths,
    /// None ahead of time: an activity's streams are fetched when it is opened.
    OnDemand,
}

/// The sync settings as the panel edits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncSettingsView {
    /// Minutes between background syncs; 0 turns the background sync off.
    pub interval_minutes: u32,
    pub streams: StreamsChoice,
    /// How far back `recent_months` reaches, 1 to 240; kept for the form with the other choices.
    pub months: u32,
}

/// The shortest background interval, so the platforms are not asked all the time.
pub const MIN_INTERVAL_MINUTES: u32 = 5;
/// The most months of streams a person can ask for (twenty years).
pub const MAX_MONTHS: u32 = 240;

impl From<SyncSettings> for SyncSettingsView {
    fn from(settings: SyncSettings) -> SyncSettingsView {
        let (streams, months) = match settings.streams {
            StreamsPolicy::All => (StreamsChoice::All, None),
            StreamsPolicy::RecentMonths { months } => (StreamsChoice::RecentMonths, Some(months)),
            StreamsPolicy::OnDemand => (StreamsChoice::OnDemand, None),
        };
        let default_months = match SyncSettings::default().streams {
            StreamsPolicy::RecentMonths { months } => months,
            StreamsPolicy::All | StreamsPolicy::OnDemand => 12,
        };
        SyncSettingsView {
            interval_minutes: settings.interval_minutes,
            streams,
            months: months.unwrap_or(default_months),
        }
    }
}

impl TryFrom<SyncSettingsView> for SyncSettings {
    type Error = ApiError;

    /// Checks the form: an interval that is off or between five minutes and a day, and a number
    /// of months from 1 to 240 when streams reach back by months.
    fn try_from(view: SyncSettingsView) -> Result<SyncSettings, ApiError> {
        let max_interval = offpeak_sync::settings::MAX_INTERVAL_MINUTES;
        let minutes = view.interval_minutes;
        if minutes != 0 && !(MIN_INTERVAL_MINUTES..=max_interval).contains(&minutes) {
            return Err(ApiError::invalid_input(format!(
                "Background sync runs every {MIN_INTERVAL_MINUTES} minutes to once a day ({max_interval} minutes), or not at all; {minutes} minutes is outside that range."
            )));
        }
        let streams = match view.streams {
            StreamsChoice::All => StreamsPolicy::All,
            StreamsChoice::OnDemand => StreamsPolicy::OnDemand,
            StreamsChoice::RecentMonths if (1..=MAX_MONTHS).contains(&view.months) => {
                StreamsPolicy::RecentMonths {
                    months: view.months,
                }
            }
            StreamsChoice::RecentMonths => {
                return Err(ApiError::invalid_input(format!(
                    "Choose from 1 to {MAX_MONTHS} months of activities (twenty years); {} is outside that range.",
                    view.months
                )));
            }
        };
        Ok(SyncSettings {
            interval_minutes: minutes,
            streams,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use offpeak_domain::ConnectionId;

    fn view(interval_minutes: u32, streams: StreamsChoice, months: u32) -> SyncSettingsView {
        SyncSettingsView {
            interval_minutes,
            streams,
            months,
        }
    }

    #[test]
    fn settings_go_to_the_form_and_back_unchanged() {
        for settings in [
            SyncSettings::default(),
            SyncSettings {
                interval_minutes: 0,
                streams: StreamsPolicy::All,
            },
            SyncSettings {
                interval_minutes: 360,
                streams: StreamsPolicy::OnDemand,
            },
            SyncSettings {
                interval_minutes: 15,
                streams: StreamsPolicy::RecentMonths { months: 240 },
            },
        ] {
            let form = SyncSettingsView::from(settings);
            assert_eq!(SyncSettings::try_from(form).unwrap(), settings);
        }
    }

    #[test]
    fn the_form_offers_twelve_months_when_streams_do_not_reach_back_by_months() {
        let form = SyncSettingsView::from(SyncSettings {
            interval_minutes: 30,
            streams: StreamsPolicy::All,
        });
        assert_eq!(form, view(30, StreamsChoice::All, 12));
    }

    #[test]
    fn an_interval_outside_five_minutes_to_a_day_is_refused_with_the_range() {
        for minutes in [1, 4, 1441, 10_000] {
            let err = SyncSettings::try_from(view(minutes, StreamsChoice::All, 12)).unwrap_err();
            assert_eq!(err.code, "invalid_input");
            assert!(err.message.contains("5 minutes"), "{}", err.message);
            assert!(
                err.message.contains(&minutes.to_string()),
                "{}",
                err.message
            );
        }
        for minutes in [0, 5, 1440] {
            assert!(SyncSettings::try_from(view(minutes, StreamsChoice::All, 12)).is_ok());
        }
    }

    #[test]
    fn months_count_only_when_streams_reach_back_by_months() {
        for months in [0, 241] {
            let err =
                SyncSettings::try_from(view(30, StreamsChoice::RecentMonths, months)).unwrap_err();
            assert_eq!(err.code, "invalid_input");
            assert!(err.message.contains("1 to 240"), "{}", err.message);
        }
        let on_demand = SyncSettings::try_from(view(30, StreamsChoice::OnDemand, 0)).unwrap();
        assert_eq!(on_demand.streams, StreamsPolicy::OnDemand);
    }

    #[test]
    fn progress_keeps_its_numbers_and_says_when_it_ended() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 8, 30, 5).unwrap();
        let report = |phase| SyncProgress {
            connection_id: ConnectionId("c_1".into()),
            phase,
            done: 312,
            total: Some(1204),
            bytes: 5_000_000_000,
            requests: 420,
            eta_s: Some(180),
            message: None,
            at,
        };
        let streams = SyncProgressView::from(report(SyncPhase::Streams));
        assert_eq!(streams.connection_id, "c_1");
        assert_eq!(streams.phase, SyncPhaseName::Streams);
        assert!(!streams.ended);
        assert_eq!((streams.done, streams.total), (312, Some(1204)));
        assert_eq!(streams.bytes, 5e9);
        assert_eq!(streams.eta_s, Some(180));
        assert_eq!(streams.at, "2026-11-23T08:30:05.000Z");
        for phase in [
            SyncPhase::Finished,
            SyncPhase::Cancelled,
            SyncPhase::Offline,
            SyncPhase::Failed,
        ] {
            assert!(SyncProgressView::from(report(phase)).ended, "{phase:?}");
        }
    }
}
