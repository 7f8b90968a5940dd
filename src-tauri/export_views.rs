//! What the export actions send and receive, and the display settings (units, theme).

use crate::calendar_views::AthleteRef;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A file written to the exports folder (the person's Downloads folder).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExportedFile {
    pub path: String,
    pub file_name: String,
    pub bytes: u32,
    /// Events or rows written (1 for a chart).
    pub items: u32,
}

/// An export of one athlete's items on dates `from..=to` (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export)]
pub struct ExportRequest {
    pub athlete: AthleteRef,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChartFormat {
    Svg,
    Png,
}

/// A chart the screen shows, saved as a file: SVG text, or PNG bytes in base64 (drawn by the
/// webview from the same SVG).
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export)]
pub struct ChartExport {
    /// The file name without extension, e.g. `power-curve-2026-11-10`; unsafe characters are
    /// replaced.
    pub name: String,
    pub format: ChartFormat,
    pub data: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum UnitSystem {
    Metric,
    Imperial,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ThemeChoice {
    /// Light or dark as the system is.
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DisplaySettings {
    pub units: UnitSystem,
    pub theme: ThemeChoice,
}
