//! What the calendar screens receive: a month or a week of one athlete, laid out in whole weeks
//! (Monday first), with planned and completed items paired and coloured by compliance, notes,
//! races, rest days and each week's totals per sport — and the athletes the switcher offers.

use crate::views::Sport;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One athlete of one connection: what every calendar and analysis screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AthleteRef {
    pub connection_id: String,
    pub athlete_id: String,
}

/// An athlete the switcher offers: the connection's own athlete first, then a coach's clients.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AthleteChoice {
    pub athlete: AthleteRef,
    pub name: String,
    /// The connection's own athlete (not a client of a coach).
    pub is_self: bool,
    pub provider_name: String,
    /// Whose connection it is (the name of its own athlete).
    pub account_name: String,
    /// The connection reads more than one athlete (a coach's): the coach overview applies.
    pub coach: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CalendarSpan {
    Month,
    Week,
}

/// The colour a card takes, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ComplianceColor {
    /// Done within ±20% of the plan.
    Green,
    /// Done at 50–79% or 121–150% of the plan.
    Amber,
    /// Done at under 50% or over 150% of the plan.
    Red,
    /// Planned, its day passed, not done.
    Missed,
    /// Planned today or later.
    Upcoming,
    /// Done without a plan.
    Unplanned,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ComplianceView {
    pub color: ComplianceColor,
    /// Done / planned, whole percent, when both are known.
    pub percent: Option<u32>,
    /// `load` or `duration`: what the percentage compares.
    pub basis: Option<String>,
    /// The rule applied, in plain words, for the card's hover text.
    pub rule: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemKind {
    Planned,
    Completed,
}

/// The other half of a planned/completed pair.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PairedItem {
    pub id: String,
    pub name: String,
    pub date: String,
    pub duration_s: u32,
    pub load: Option<f64>,
}

/// One card on a calendar day. A plan and the activity that fulfils it on the same day are one
/// card (the activity, with `pair` naming the plan); a pair across days shows on both days.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CalendarItem {
    pub id: String,
    pub connection_id: String,
    pub kind: ItemKind,
    pub sport: Sport,
    pub name: String,
    /// Moving time of an activity; planned duration of a plan.
    pub duration_s: u32,
    pub distance_m: Option<f64>,
    pub load: Option<f64>,
    /// Local `HH:MM`, when known.
    pub start_time: Option<String>,
    /// A completed activity the platform only names (imported from Strava): no figures.
    pub stub: bool,
    /// `A`, `B` or `C` when the plan is a race.
    pub race: Option<String>,
    pub compliance: ComplianceView,
    pub pair: Option<PairedItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NoteKindView {
    Note,
    Holiday,
    Sick,
    Injured,
}

/// A calendar note on one of its days (a note may span several).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NoteView {
    pub id: String,
    pub kind: NoteKindView,
    pub name: String,
    pub description: Option<String>,
    pub start_date: String,
    pub end_date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CalendarDay {
    pub date: String,
    /// The day belongs to the month (or week) asked for, not to the weeks around it.
    pub in_span: bool,
    pub is_today: bool,
    pub items: Vec<CalendarItem>,
    pub notes: Vec<NoteView>,
    /// Nothing planned or done on a day of a week that has a plan.
    pub rest_day: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SportTotalsView {
    pub sport: Sport,
    pub sessions: u32,
    pub time_s: u32,
    pub distance_m: f64,
    pub load: f64,
}

/// A Monday-to-Sunday row, with its totals per sport.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CalendarWeek {
    /// The Monday.
    pub start: String,
    pub days: Vec<CalendarDay>,
    pub done: Vec<SportTotalsView>,
    pub planned: Vec<SportTotalsView>,
}

/// A month or a week of one athlete, from the cache only.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CalendarView {
    pub athlete: AthleteRef,
    pub athlete_name: String,
    pub span: CalendarSpan,
    /// `YYYY-MM` for a month, the Monday `YYYY-MM-DD` for a week.
    pub key: String,
    pub previous: String,
    pub next: String,
    /// First and last day of the month or week itself.
    pub first_day: String,
    pub last_day: String,
    pub today: String,
    pub weeks: Vec<CalendarWeek>,
    /// Something is planned or done in the month or week itself.
    pub has_data: bool,
    /// The athlete's earliest and latest cached day, for empty states ("history starts …").
    pub cached_from: Option<String>,
    pub cached_to: Option<String>,
}

/// What the calendar asks for. `athlete` `None` means the first connection's own athlete;
/// `key` `None` means the span containing today.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export)]
pub struct CalendarRequest {
    pub athlete: Option<AthleteRef>,
    pub span: CalendarSpan,
    pub key: Option<String>,
}
