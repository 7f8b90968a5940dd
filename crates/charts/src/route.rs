//! The route: the track's latitude and longitude on a plain equirectangular projection scaled
//! by the cosine of the mean latitude (so a degree of longitude is as wide as it is on the
//! ground there), fitted to the width with its aspect ratio kept, no map tiles; a green start
//! and a red finish. A missing position breaks the line.

use plotters::prelude::*;

use crate::canvas::{check_width, render, stroke};
use crate::error::ChartError;
use crate::options::{Chart, ChartOptions};
use crate::palette::Palette;

const PAD_PX: f64 = 16.0;
/// A route running east–west still gets this much height.
const MIN_HEIGHT_PX: u32 = 96;
const MARKER_RADIUS_PX: u32 = 5;

/// Draws `latlng` (`[latitude, longitude]` in degrees). At most as tall as it is wide.
pub fn route_chart(latlng: &[Option<[f64; 2]>], opts: &ChartOptions) -> Result<Chart, ChartError> {
    check_width(opts.width_px)?;
    let valid = |p: &Option<[f64; 2]>| {
        p.filter(|[lat, lng]| lat.is_finite() && lng.is_finite() && lat.abs() <= 90.0)
    };
    let positions: Vec<[f64; 2]> = latlng.iter().filter_map(valid).collect();
    if positions.is_empty() {
        return Err(ChartError::nothing("the route has no positions"));
    }
    let mean_lat = positions.iter().map(|p| p[0]).sum::<f64>() / positions.len() as f64;
    let squeeze = mean_lat.to_radians().cos();
    let project = |[lat, lng]: [f64; 2]| (lng * squeeze, lat);
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (x, y) in positions.iter().map(|p| project(*p)) {
        (min_x, max_x) = (min_x.min(x), max_x.max(x));
        (min_y, max_y) = (min_y.min(y), max_y.max(y));
    }
    let width = f64::from(opts.width_px);
    let room = width - 2.0 * PAD_PX;
    let (span_x, span_y) = (max_x - min_x, max_y - min_y);
    let scale = match (span_x > 0.0, span_y > 0.0) {
        (false, false) => 1.0,
        (true, false) => room / span_x,
        (false, true) => room / span_y,
        (true, true) => (room / span_x).min(room / span_y),
    };
    let (drawn_w, drawn_h) = (span_x * scale, span_y * scale);
    let height = ((drawn_h + 2.0 * PAD_PX).ceil() as u32).max(MIN_HEIGHT_PX);
    let left = (width - drawn_w) / 2.0;
    let top = (f64::from(height) - drawn_h) / 2.0;
    let to_px = |p: [f64; 2]| {
        let (x, y) = project(p);
        (
            (left + (x - min_x) * scale).round() as i32,
            (top + (max_y - y) * scale).round() as i32,
        )
    };
    let runs = pixel_runs(latlng.iter().map(|p| valid(p).map(to_px)));
    let start = to_px(positions[0]);
    let finish = to_px(positions[positions.len() - 1]);

    let palette = Palette::for_theme(opts.theme);
    let (chart, ()) = render(opts.width_px, height, &palette, |root| {
        for run in runs.into_iter().filter(|run| run.len() > 1) {
            root.draw(&PathElement::new(run, stroke(palette.route, 2)))?;
        }
        for (at, colour) in [(start, palette.start), (finish, palette.finish)] {
            root.draw(&Circle::new(
                at,
                MARKER_RADIUS_PX + 1,
                palette.background.color().filled(),
            ))?;
            root.draw(&Circle::new(at, MARKER_RADIUS_PX, colour.color().filled()))?;
        }
        Ok(())
    })?;
    Ok(chart)
}

/// Consecutive pixels of the track, split at gaps, with repeats of the same pixel dropped.
fn pixel_runs(points: impl Iterator<Item = Option<(i32, i32)>>) -> Vec<Vec<(i32, i32)>> {
    let mut runs = Vec::new();
    let mut run: Vec<(i32, i32)> = Vec::new();
    for point in points {
        match point {
            None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
            None => {}
            Some(p) if run.last() != Some(&p) => run.push(p),
            Some(_) => {}
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}
