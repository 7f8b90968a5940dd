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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanStatus {
    Done,
    Missed,
    Upcoming,
}

impl From<offpeak_domain::PlanStatus> for PlanStatus {
    fn from(s: offpeak_domain::PlanStatus) -> PlanStatus {
        use offpeak_domain::PlanStatus as S;
        match s {
            S::Done => PlanStatus::Done,
            S::Missed => PlanStatus::Missed,
            S::Upcoming => PlanStatus::Upcoming,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemKind {
    Planned,
    Completed,
}

/// One card on a calendar day: a planned workout or a completed activity.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CalendarItem {
    pub id: String,
    pub kind: ItemKind,
    pub sport: Sport,
    pub name: String,
    pub duration_s: u32,
    pub distance_m: Option<f64>,
    pub load: Option<f64>,
    /// Planned workouts only.
    pub status: Option<PlanStatus>,
    /// Completed activities only: the plan they fulfil.
    pub planned_workout_id: Option<String>,
    /// Local `HH:MM`, when known.
    pub start_time: Option<String>,
    /// A completed activity the platform only names (imported from Strava, which does not let
    /// it share the details): no figures to show.
    pub stub: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CalendarDay {
    pub date: String,
    pub in_month: bool,
    pub is_today: bool,
    pub items: Vec<CalendarItem>,
}

/// A month laid out in whole weeks, Monday first, from the cache only.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CalendarMonth {
    pub month: String,
    pub previous: String,
    pub next: String,
    pub today: String,
    pub days: Vec<CalendarDay>,
    pub has_data: bool,
}
