//! The plotters glue every chart shares: an SVG canvas filled with the card's colour, text in
//! the system font, the common axis styling, and plotters' errors turned into [`ChartError`].
//!
//! Plotters is built without a font stack: it estimates text extents crudely and writes
//! `<text>` elements that the webview lays out with the named system font.

use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;

use crate::error::ChartError;
use crate::options::Chart;
use crate::palette::{Palette, Rgb};

/// The font the webview already uses for the interface.
pub const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
/// Below this width no chart leaves room for its axes.
pub const MIN_WIDTH_PX: u32 = 160;

pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub(crate) type DrawError = DrawingAreaErrorKind<std::io::Error>;

/// Fails for a width too small to draw into.
pub(crate) fn check_width(width_px: u32) -> Result<(), ChartError> {
    if width_px < MIN_WIDTH_PX {
        return Err(ChartError::TooNarrow {
            requested: width_px,
            min: MIN_WIDTH_PX,
        });
    }
    Ok(())
}

/// Draws a `width` × `height` SVG: fills it with the card colour, then hands the canvas to
/// `paint`, whose result comes back with the chart.
pub(crate) fn render<T>(
    width: u32,
    height: u32,
    palette: &Palette,
    paint: impl FnOnce(&Area) -> Result<T, DrawError>,
) -> Result<(Chart, T), ChartError> {
    let mut svg = String::with_capacity(32 * 1024);
    let painted = {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&palette.background.color()).map_err(drawing)?;
        let painted = paint(&root).map_err(drawing)?;
        root.present().map_err(drawing)?;
        painted
    };
    Ok((Chart { svg, width, height }, painted))
}

fn drawing(error: DrawError) -> ChartError {
    ChartError::Drawing(error.to_string())
}

/// Text `px` CSS pixels tall in `colour` (plotters writes `font-size` as size ÷ 1.24).
pub(crate) fn text_style(px: f64, colour: Rgb) -> TextStyle<'static> {
    (FontFamily::Name(FONT_FAMILY), px * 1.24)
        .into_font()
        .color(&colour.color())
}

/// A stroke of `colour`, `width` pixels wide.
pub(crate) fn stroke(colour: Rgb, width: u32) -> ShapeStyle {
    colour.color().stroke_width(width)
}

/// A fill of `colour` at `opacity`.
pub(crate) fn fill(colour: Rgb, opacity: f64) -> ShapeStyle {
    colour.color().mix(opacity).filled()
}

/// The grid, axis and label styling shared by the cartesian charts, with the given tick texts
/// and axis descriptions (empty for none).
pub(crate) fn draw_mesh<X, Y>(
    chart: &mut ChartContext<'_, SVGBackend<'_>, Cartesian2d<X, Y>>,
    palette: &Palette,
    x_format: &dyn Fn(&f64) -> String,
    y_format: &dyn Fn(&f64) -> String,
    x_desc: &str,
    y_desc: &str,
) -> Result<(), DrawError>
where
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let mut mesh = chart.configure_mesh();
    mesh.bold_line_style(stroke(palette.grid, 1))
        .light_line_style(TRANSPARENT)
        .axis_style(stroke(palette.axis, 1))
        .label_style(text_style(11.0, palette.muted_text))
        .axis_desc_style(text_style(11.0, palette.text))
        .x_label_formatter(x_format)
        .y_label_formatter(y_format)
        .set_all_tick_mark_size(3);
    if !x_desc.is_empty() {
        mesh.x_desc(x_desc);
    }
    if !y_desc.is_empty() {
        mesh.y_desc(y_desc);
    }
    mesh.draw()
}
