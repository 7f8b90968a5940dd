//! What the UI receives and sends, shaped for the screens. TypeScript bindings for these types
//! are generated into `ui/src/lib/bindings/` by `cargo test` (ts-rs), and CI fails if the
//! committed bindings differ, so Rust and TypeScript cannot drift apart.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SyncReport {
    pub workouts: u32,
    pub activities: u32,
    pub finished_at: String,
}

impl From<offpeak_sync::SyncReport> for SyncReport {
    fn from(r: offpeak_sync::SyncReport) -> SyncReport {
        SyncReport {
            workouts: u32::try_from(r.workouts).unwrap_or(u32::MAX),
            activities: u32::try_from(r.activities).unwrap_or(u32::MAX),
            finished_at: r
                .finished_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Sport {
    Ride,
    Run,
    Swim,
    Strength,
    Other,
}

impl From<offpeak_domain::Sport> for Sport {
    fn from(s: offpeak_domain::Sport) -> Sport {
        use offpeak_domain::Sport as S;
        match s {
            S::Ride => Sport::Ride,
            S::Run => Sport::Run,
            S::Swim => Sport::Swim,
            S::Strength => Sport::Strength,
            S::Other => Sport::Other,
        }
    }
}
