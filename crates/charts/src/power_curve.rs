//! The power curve: the best average power held for each duration, on a logarithmic duration
//! axis (1 s to the longest), this activity as a solid line against a comparison curve (say,
//! the best of the last 90 days) drawn dashed and lighter, with a legend.

use plotters::prelude::*;

use crate::axis::TickAxis;
use crate::canvas::{check_width, draw_mesh, render, stroke, text_style};
use crate::downsample::{Columns, min_max};
use crate::error::ChartError;
use crate::options::{Chart, ChartOptions};
use crate::palette::Palette;
use crate::ticks::{nice_ticks, power_curve_ticks};
use crate::units::{format_short_duration, format_tick};

/// The chart's height.
pub const POWER_CURVE_HEIGHT_PX: u32 = 280;
const Y_AXIS_PX: u32 = 64;
const X_AXIS_PX: u32 = 28;
const RIGHT_PX: u32 = 16;

/// Draws `activity` (solid) and `best` (dashed, labelled `best_label`), both `(seconds, watts)`;
/// durations of 0 s and non-finite watts are left out. Either curve may be empty, not both.
pub fn power_curve_chart(
    activity: &[(u32, f64)],
    best: &[(u32, f64)],
    best_label: &str,
    opts: &ChartOptions,
) -> Result<Chart, ChartError> {
    check_width(opts.width_px)?;
    let palette = Palette::for_theme(opts.theme);
    let activity = drawable(activity);
    let best = drawable(best);
    let all = || activity.iter().chain(&best);
    let Some(longest) = all().map(|p| p.0).reduce(f64::max) else {
        return Err(ChartError::nothing("both power curves are empty"));
    };
    let x_max = longest.max(2.0);
    let watts_max = all().map(|p| p.1).fold(0.0, f64::max);
    let y_max = (watts_max * 1.1).max(10.0);
    let (y_ticks, y_step) = nice_ticks(0.0, y_max, 5);
    let plot_px = opts.width_px.saturating_sub(Y_AXIS_PX + RIGHT_PX) as usize;
    let columns = Columns::new(0.0, x_max.ln(), plot_px);

    let (chart, ()) = render(opts.width_px, POWER_CURVE_HEIGHT_PX, &palette, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin_top(12)
            .margin_right(RIGHT_PX)
            .x_label_area_size(X_AXIS_PX)
            .y_label_area_size(Y_AXIS_PX)
            .build_cartesian_2d(
                TickAxis::log(1.0, x_max, power_curve_ticks(x_max)),
                TickAxis::linear(0.0, y_max, y_ticks),
            )?;
        let x_format = |x: &f64| format_short_duration(*x);
        let y_format = |y: &f64| format_tick(*y, y_step);
        draw_mesh(&mut chart, &palette, &x_format, &y_format, "", "Power (W)")?;

        let best_style = stroke(palette.best, 2);
        for (i, run) in thinned(&best, &columns).into_iter().enumerate() {
            let drawn = chart.draw_series(DashedLineSeries::new(run, 6, 4, best_style))?;
            if i == 0 {
                drawn
                    .label(best_label)
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 8, y)], best_style));
            }
        }
        let activity_style = stroke(palette.power, 2);
        for (i, run) in thinned(&activity, &columns).into_iter().enumerate() {
            let drawn = chart.draw_series(LineSeries::new(run, activity_style))?;
            if i == 0 {
                drawn.label("This activity").legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], activity_style)
                });
            }
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(palette.background.color().mix(0.9))
            .border_style(stroke(palette.grid, 1))
            .label_font(text_style(11.0, palette.text))
            .draw()
    })?;
    Ok(chart)
}

/// The points that can sit on a log axis, as floats, by duration.
fn drawable(curve: &[(u32, f64)]) -> Vec<(f64, f64)> {
    let mut points: Vec<(f64, f64)> = curve
        .iter()
        .filter(|(secs, watts)| *secs > 0 && watts.is_finite())
        .map(|&(secs, watts)| (f64::from(secs), watts))
        .collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    points
}

/// A curve cut to its minimum and maximum per pixel column of the log axis.
fn thinned(points: &[(f64, f64)], columns: &Columns) -> Vec<Vec<(f64, f64)>> {
    let logs: Vec<f64> = points.iter().map(|p| p.0.ln()).collect();
    let watts: Vec<Option<f64>> = points.iter().map(|p| Some(p.1)).collect();
    min_max(&logs, &watts, columns)
        .into_iter()
        .map(|run| run.into_iter().map(|(x, y)| (x.exp(), y)).collect())
        .collect()
}
