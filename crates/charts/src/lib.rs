//! Offpeak's charts, drawn in Rust as SVG strings the webview shows as they are.
//!
//! Every function here is pure: data in (an activity's streams, a power curve, time in zones, a
//! route, the fitness history, a planned workout), SVG out, plus — for the charts read with a
//! cross-hair — the plot's geometry and one value per pixel column ([`Hover`]), so the interface
//! never needs the raw samples. Long series are cut to about two points per pixel column first
//! (minimum and maximum per column, which keeps short spikes), so a six-hour ride draws as fast
//! as a short one. Plotters does the drawing with its SVG backend and no font stack: text is
//! written as `<text>` in the system font, and the webview lays it out.
//!
//! Colours come from one [`Palette`] per [`Theme`]; speeds, altitudes, distances and paces are
//! shown in the chosen [`Units`].

mod activity;
mod axis;
mod canvas;
pub mod downsample;
mod error;
mod fitness;
mod options;
pub mod palette;
mod plan;
mod power_curve;
mod route;
pub mod ticks;
pub mod units;
mod zones;

pub use activity::activity_chart;
pub use canvas::{FONT_FAMILY, MIN_WIDTH_PX};
pub use error::ChartError;
pub use fitness::fitness_chart;
pub use options::{
    Chart, ChartOptions, Hover, HoverChart, HoverPanel, Theme, Units, XAxis, ZoneKind,
};
pub use palette::{Palette, Rgb};
pub use plan::plan_chart;
pub use power_curve::power_curve_chart;
pub use route::route_chart;
pub use zones::zones_chart;
