//! What the coach overview receives: one row per athlete of a coach's connection for a week.

use crate::calendar_views::AthleteRef;
use crate::views::Sport;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LastActivityView {
    pub id: String,
    pub name: String,
    pub sport: Sport,
    pub date: String,
}

/// One athlete's week.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoachRow {
    pub athlete: AthleteRef,
    pub name: String,
    pub planned_s: u32,
    pub done_s: u32,
    pub planned_load: f64,
    pub done_load: f64,
    pub planned_sessions: u32,
    pub done_sessions: u32,
    /// Planned sessions due so far (their day has passed, or done early) that were done, in
    /// whole percent; `None` when none was due yet.
    pub compliance_pct: Option<u32>,
    /// Planned sessions whose day passed with nothing done.
    pub missed: u32,
    pub last_activity: Option<LastActivityView>,
}

/// Every athlete of one connection for one week (Monday `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoachOverview {
    pub connection_id: String,
    pub coach_name: String,
    pub week: String,
    pub previous: String,
    pub next: String,
    pub today: String,
    pub rows: Vec<CoachRow>,
}
