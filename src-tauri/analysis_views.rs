//! What the analysis screens receive: an activity's page (summary, stacked charts with the
//! data for a cross-hair, power curve, zones, route, laps), a planned workout's steps, and the
//! fitness chart. Charts arrive as SVG drawn to the width the screen asked for.

use crate::calendar_views::{AthleteRef, ComplianceView, PairedItem};
use crate::views::Sport;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum XAxisView {
    Time,
    Distance,
}

/// How the screen wants its charts drawn.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export)]
pub struct ChartRequest {
    /// The width the chart will fill, in CSS pixels.
    pub width_px: u32,
    pub dark: bool,
    pub x_axis: XAxisView,
}

/// A drawn chart.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChartView {
    pub svg: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HoverPanelView {
    pub label: String,
    pub unit: String,
    pub top_px: f64,
    pub bottom_px: f64,
    /// One per `xs`, in display units.
    pub values: Vec<Option<f64>>,
}

/// What a cross-hair over a chart reads: `xs[i]` lies at `plot_left_px` + its share of the
/// plot's width, in the SVG's own units.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HoverView {
    pub plot_left_px: f64,
    pub plot_right_px: f64,
    pub xs: Vec<f64>,
    /// `s`, `km`, `mi` or `day`.
    pub x_unit: String,
    pub panels: Vec<HoverPanelView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HoverChartView {
    pub chart: ChartView,
    pub hover: HoverView,
}

/// Whether the activity's recording is in the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StreamsState {
    /// Cached: the charts are drawn.
    Cached,
    /// Not fetched yet (the streams policy leaves it for later, or the sync has not reached it).
    NotFetched,
    /// The platform holds no recording for it (a manual entry, a Strava stub).
    NoneRecorded,
}

/// The figures of the summary, raw (the screen formats them in the person's units).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ActivitySummaryView {
    pub moving_time_s: u32,
    pub elapsed_time_s: u32,
    pub distance_m: Option<f64>,
    pub elevation_gain_m: Option<f64>,
    pub avg_speed_mps: Option<f64>,
    pub avg_power_w: Option<f64>,
    pub normalized_power_w: Option<f64>,
    pub intensity_factor: Option<f64>,
    pub load: Option<f64>,
    pub avg_hr: Option<f64>,
    pub max_hr: Option<f64>,
    pub avg_cadence: Option<f64>,
    pub calories: Option<f64>,
    /// The athlete's FTP the figures were computed with.
    pub ftp_w: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LapView {
    pub label: String,
    pub start_s: f64,
    pub duration_s: f64,
    pub distance_m: Option<f64>,
    pub avg_power_w: Option<f64>,
    pub normalized_power_w: Option<f64>,
    pub avg_hr: Option<f64>,
    pub max_hr: Option<f64>,
    pub avg_cadence: Option<f64>,
    pub avg_speed_mps: Option<f64>,
}

/// An activity, everything its page shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ActivityPage {
    pub athlete: AthleteRef,
    pub id: String,
    pub name: String,
    pub sport: Sport,
    /// Local date `YYYY-MM-DD`.
    pub date: String,
    /// RFC 3339, UTC.
    pub start_time: String,
    pub timezone: Option<String>,
    pub description: Option<String>,
    pub trainer: bool,
    pub stub: bool,
    pub provider_name: String,
    pub summary: ActivitySummaryView,
    pub streams: StreamsState,
    /// The recording has a distance stream (the distance axis can be chosen).
    pub has_distance: bool,
    /// Power, heart rate, cadence, speed and altitude, stacked on one x-axis.
    pub series: Option<HoverChartView>,
    /// This activity against the best of the 90 days before it.
    pub power_curve: Option<ChartView>,
    pub power_zones: Option<ChartView>,
    pub hr_zones: Option<ChartView>,
    pub route: Option<ChartView>,
    /// `None` when the platform keeps no laps (or they were not fetched).
    pub laps: Option<Vec<LapView>>,
    /// The plan it fulfils, with how well.
    pub plan: Option<PairedItem>,
    pub compliance: ComplianceView,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StepTargetView {
    /// `power` (W), `heart_rate` (bpm) or `pace` (s/km).
    pub kind: String,
    pub low: f64,
    pub high: f64,
    /// False when the athlete's threshold is unknown: `low`/`high` are then percentages of it.
    pub absolute: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlanStepView {
    /// `warmup`, `active`, `recovery` or `cooldown`.
    pub intensity: String,
    pub start_s: f64,
    pub duration_s: f64,
    pub distance_m: Option<f64>,
    pub target: Option<StepTargetView>,
}

/// A planned workout, everything its page shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WorkoutPage {
    pub athlete: AthleteRef,
    pub id: String,
    pub name: String,
    pub sport: Sport,
    pub date: String,
    pub start_time: Option<String>,
    pub description: Option<String>,
    pub planned_duration_s: u32,
    pub planned_distance_m: Option<f64>,
    pub planned_load: Option<f64>,
    pub race: Option<String>,
    pub steps: Vec<PlanStepView>,
    /// The step chart, when the workout has a structure.
    pub chart: Option<ChartView>,
    /// Why the structure could not be drawn, when it could not.
    pub structure_error: Option<String>,
    /// The activity that fulfils it.
    pub done_by: Option<PairedItem>,
    pub compliance: ComplianceView,
    pub provider_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FitnessDayView {
    pub date: String,
    pub load: f64,
    pub fitness: f64,
    pub fatigue: f64,
    pub form: f64,
}

/// What the fitness screen asks for; dates `YYYY-MM-DD`, `None` for the last 180 days.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export)]
pub struct FitnessRequest {
    pub athlete: AthleteRef,
    pub from: Option<String>,
    pub to: Option<String>,
    pub chart: ChartRequest,
}

/// The performance-management chart of one athlete over a range.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FitnessView {
    pub athlete: AthleteRef,
    pub athlete_name: String,
    pub from: String,
    pub to: String,
    /// `None` when no load was recorded up to `to`.
    pub chart: Option<HoverChartView>,
    /// The last day of the range.
    pub latest: Option<FitnessDayView>,
    /// The athlete's earliest cached day with a load.
    pub first_load: Option<String>,
}
