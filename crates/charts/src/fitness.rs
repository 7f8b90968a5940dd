//! The performance-management chart: fitness (blue) and fatigue (pink) as lines, form as an
//! area around zero (green above, orange below), over dates; the cross-hair reads all three.

use offpeak_domain::analysis::FitnessDay;
use plotters::prelude::*;

use crate::axis::TickAxis;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::canvas::{Area, DrawError, check_width, draw_mesh, fill, render, stroke, text_style};
use crate::downsample::{Columns, column_values, min_max};
use crate::error::ChartError;
use crate::options::{ChartOptions, Hover, HoverChart, HoverPanel};
use crate::palette::Palette;
use crate::ticks::{date_ticks, epoch_day, format_date_tick, nice_ticks};
use crate::units::format_tick;

/// The chart's height.
pub const FITNESS_HEIGHT_PX: u32 = 260;
const Y_AXIS_PX: u32 = 48;
const X_AXIS_PX: u32 = 28;
const RIGHT_PX: u32 = 16;
/// The legend's row above the plot.
const LEGEND_PX: u32 = 26;

/// Draws `days` (any order). The cross-hair's `xs` are days since 1970-01-01: one per day
/// while the days fit the plot's pixel columns, else one per column with the column's means.
pub fn fitness_chart(days: &[FitnessDay], opts: &ChartOptions) -> Result<HoverChart, ChartError> {
    check_width(opts.width_px)?;
    if days.is_empty() {
        return Err(ChartError::nothing("there are no days of fitness"));
    }
    let palette = Palette::for_theme(opts.theme);
    let mut days = days.to_vec();
    days.sort_by_key(|d| d.date);
    let xs: Vec<f64> = days.iter().map(|d| epoch_day(d.date) as f64).collect();
    let series = |pick: fn(&FitnessDay) -> f64| -> Vec<Option<f64>> {
        days.iter()
            .map(|d| Some(pick(d)).filter(|v| v.is_finite()))
            .collect()
    };
    let fitness = series(|d| d.fitness);
    let fatigue = series(|d| d.fatigue);
    let form = series(|d| d.form);
    let above: Vec<Option<f64>> = form.iter().map(|v| v.map(|f| f.max(0.0))).collect();
    let below: Vec<Option<f64>> = form.iter().map(|v| v.map(|f| f.min(0.0))).collect();

    let (first, last) = (xs[0], xs[xs.len() - 1]);
    let x_max = if last > first { last } else { first + 1.0 };
    let every = fitness.iter().chain(&fatigue).chain(&form).flatten();
    let (low, high) = every.fold((0.0f64, 0.0f64), |(l, h), v| (l.min(*v), h.max(*v)));
    let pad = ((high - low) * 0.08).max(1.0);
    let (y_min, y_max) = (if low < 0.0 { low - pad } else { 0.0 }, high + pad);
    let (y_ticks, y_step) = nice_ticks(y_min, y_max, 4);
    let plot_px = opts.width_px.saturating_sub(Y_AXIS_PX + RIGHT_PX) as usize;
    let (x_ticks, tick_format) = date_ticks(first as i64, x_max as i64, plot_px / 80);
    let columns = Columns::new(first, x_max, plot_px);

    let (chart, (left, right, top, bottom)) =
        render(opts.width_px, FITNESS_HEIGHT_PX, &palette, |root| {
            let mut chart = ChartBuilder::on(root)
                .margin_top(LEGEND_PX)
                .margin_right(RIGHT_PX)
                .x_label_area_size(X_AXIS_PX)
                .y_label_area_size(Y_AXIS_PX)
                .build_cartesian_2d(
                    TickAxis::linear(first, x_max, x_ticks),
                    TickAxis::linear(y_min, y_max, y_ticks),
                )?;
            let x_format = |x: &f64| format_date_tick(*x, tick_format);
            let y_format = |y: &f64| format_tick(*y, y_step);
            draw_mesh(&mut chart, &palette, &x_format, &y_format, "", "")?;

            let areas = [
                (&above, palette.form_positive),
                (&below, palette.form_negative),
            ];
            for (values, colour) in areas {
                // A side form never reaches is not drawn at all (not even flat on the line).
                let runs = min_max(&xs, values, &columns).into_iter();
                for run in runs.filter(|run| run.iter().any(|p| p.1 != 0.0)) {
                    chart.draw_series(
                        AreaSeries::new(run, 0.0, fill(colour, 0.35)).border_style(TRANSPARENT),
                    )?;
                }
            }
            chart.draw_series(LineSeries::new(
                [(first, 0.0), (x_max, 0.0)],
                stroke(palette.axis, 1),
            ))?;
            for (values, colour) in [(&fitness, palette.fitness), (&fatigue, palette.fatigue)] {
                for run in min_max(&xs, values, &columns) {
                    chart.draw_series(LineSeries::new(run, stroke(colour, 2)))?;
                }
            }
            draw_legend(root, &palette, Y_AXIS_PX as i32)?;
            let (left, _) = chart.backend_coord(&(first, y_min));
            let (right, _) = chart.backend_coord(&(x_max, y_min));
            let (_, y_px) = chart.plotting_area().get_pixel_range();
            Ok((left, right, y_px.start, y_px.end))
        })?;

    let (hover_xs, values): (Vec<f64>, [Vec<Option<f64>>; 3]) = if days.len() <= columns.count {
        (xs.clone(), [fitness, fatigue, form])
    } else {
        let per_column = |v: &[Option<f64>]| column_values(&xs, v, &columns);
        (
            columns.centres(),
            [
                per_column(&fitness),
                per_column(&fatigue),
                per_column(&form),
            ],
        )
    };
    let panels = ["Fitness", "Fatigue", "Form"]
        .into_iter()
        .zip(values)
        .map(|(label, values)| HoverPanel {
            label: label.to_string(),
            unit: String::new(),
            top_px: f64::from(top),
            bottom_px: f64::from(bottom),
            values,
        })
        .collect();
    let hover = Hover {
        plot_left_px: f64::from(left),
        plot_right_px: f64::from(right),
        xs: hover_xs,
        x_unit: "day".to_string(),
        panels,
    };
    Ok(HoverChart { chart, hover })
}

/// Fitness, fatigue and form, in a row above the plot (so it never hides a line).
fn draw_legend(root: &Area, palette: &Palette, left: i32) -> Result<(), DrawError> {
    let y = LEGEND_PX as i32 / 2;
    let label = text_style(11.0, palette.text).pos(Pos::new(HPos::Left, VPos::Center));
    let mut x = left;
    for (name, colour, is_area) in [
        ("Fitness", palette.fitness, false),
        ("Fatigue", palette.fatigue, false),
        ("Form +", palette.form_positive, true),
        ("Form −", palette.form_negative, true),
    ] {
        if is_area {
            root.draw(&Rectangle::new(
                [(x, y - 5), (x + 14, y + 5)],
                fill(colour, 0.5),
            ))?;
        } else {
            root.draw(&PathElement::new(
                vec![(x, y), (x + 14, y)],
                stroke(colour, 2),
            ))?;
        }
        root.draw(&Text::new(name, (x + 19, y), label.clone()))?;
        x += 19 + 7 * name.chars().count() as i32 + 16;
    }
    Ok(())
}
