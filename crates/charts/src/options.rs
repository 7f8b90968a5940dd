//! What a caller asks for (width, theme, units) and what every chart gives back: an SVG with
//! its size, and for the charts read with a cross-hair, the geometry and values behind it.

use serde::{Deserialize, Serialize};

/// The card the chart sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Light,
    Dark,
}

/// How speeds, altitudes, distances and paces are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Units {
    /// km/h, m, km, min/km.
    Metric,
    /// mph, ft, mi, min/mi.
    Imperial,
}

/// The request shared by every chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartOptions {
    /// The width of the SVG in CSS pixels (its user units); the height follows from the chart.
    pub width_px: u32,
    pub theme: Theme,
    pub units: Units,
}

/// A rendered chart: a standalone SVG document whose `viewBox` is `0 0 width height`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub svg: String,
    pub width: u32,
    pub height: u32,
}

/// The shared x-axis of the activity chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum XAxis {
    /// Elapsed seconds, ticked as h:mm:ss.
    Time,
    /// Distance from the start, in km or mi.
    Distance,
}

/// Which zones a zones chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZoneKind {
    Power,
    HeartRate,
}

/// What the UI needs to draw a cross-hair over an SVG and read every value under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hover {
    /// Where `xs`'s axis starts (x_min) in SVG user units.
    pub plot_left_px: f64,
    /// Where `xs`'s axis ends (x_max) in SVG user units.
    pub plot_right_px: f64,
    /// The x of each readable position, ascending; at most one per pixel column of the plot.
    pub xs: Vec<f64>,
    /// `"s"`, `"km"`, `"mi"` or `"day"` (days since 1970-01-01).
    pub x_unit: String,
    pub panels: Vec<HoverPanel>,
}

/// One panel's values under the cross-hair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoverPanel {
    pub label: String,
    pub unit: String,
    /// The panel's plot area, top and bottom, in SVG user units.
    pub top_px: f64,
    pub bottom_px: f64,
    /// One value per entry of [`Hover::xs`], in display units; `None` where there is no data.
    pub values: Vec<Option<f64>>,
}

/// A chart with its cross-hair data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoverChart {
    pub chart: Chart,
    pub hover: Hover,
}
