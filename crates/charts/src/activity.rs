//! The activity chart: power, heart rate, cadence, speed and altitude as stacked panels in one
//! SVG over one shared x-axis (time or distance), with the planned targets over the power panel,
//! and the cross-hair values of every panel.

use offpeak_domain::analysis::{PlanStep, TargetKind};
use offpeak_domain::{StreamKind, Streams};
use plotters::prelude::*;

use crate::axis::TickAxis;
use crate::canvas::{check_width, draw_mesh, fill, render, stroke};
use crate::downsample::{Columns, column_values, min_max};
use crate::error::ChartError;
use crate::options::{ChartOptions, Hover, HoverChart, HoverPanel, Units, XAxis};
use crate::palette::{Palette, Rgb};
use crate::ticks::{duration_ticks, nice_ticks};
use crate::units::{format_hms, format_tick};

/// The height of one panel; five fit in about 700 px.
pub const PANEL_HEIGHT_PX: u32 = 124;
const TOP_PX: u32 = 8;
const X_AXIS_PX: u32 = 36;
const Y_AXIS_PX: u32 = 64;
const RIGHT_PX: u32 = 28;
/// How opaque the planned targets are over the power line.
const PLAN_OPACITY: f64 = 0.3;

/// One panel the chart may show.
struct PanelKind {
    stream: StreamKind,
    label: &'static str,
    unit: &'static str,
    colour: Rgb,
    /// Drawn as a filled area (altitude) rather than a line.
    filled: bool,
    /// The y-axis starts at 0 (power, cadence, speed); else it hugs the data.
    from_zero: bool,
    convert: fn(Units, f64) -> f64,
}

fn panel_kinds(palette: &Palette, units: Units) -> [PanelKind; 5] {
    [
        PanelKind {
            stream: StreamKind::Watts,
            label: "Power",
            unit: "W",
            colour: palette.power,
            filled: false,
            from_zero: true,
            convert: |_, w| w,
        },
        PanelKind {
            stream: StreamKind::Heartrate,
            label: "Heart rate",
            unit: "bpm",
            colour: palette.heart_rate,
            filled: false,
            from_zero: false,
            convert: |_, bpm| bpm,
        },
        PanelKind {
            stream: StreamKind::Cadence,
            label: "Cadence",
            unit: "rpm",
            colour: palette.cadence,
            filled: false,
            from_zero: true,
            convert: |_, rpm| rpm,
        },
        PanelKind {
            stream: StreamKind::Velocity,
            label: "Speed",
            unit: units.speed_unit(),
            colour: palette.speed,
            filled: false,
            from_zero: true,
            convert: Units::speed,
        },
        PanelKind {
            stream: StreamKind::Altitude,
            label: "Altitude",
            unit: units.altitude_unit(),
            colour: palette.altitude,
            filled: true,
            from_zero: false,
            convert: Units::altitude,
        },
    ]
}

/// The samples that have an x, in display units, with their elapsed time.
struct Samples {
    indices: Vec<usize>,
    xs: Vec<f64>,
    times: Vec<f64>,
}

impl Samples {
    fn read(streams: &Streams, x_axis: XAxis, units: Units) -> Result<Samples, ChartError> {
        let len = streams.len();
        for (kind, data) in &streams.series {
            if data.len() != len {
                return Err(ChartError::MismatchedLengths {
                    what: format!("the {} stream", kind.as_str()),
                    expected: len,
                    found: data.len(),
                });
            }
        }
        let time = streams.scalar(StreamKind::Time);
        let distance = match x_axis {
            XAxis::Time => None,
            XAxis::Distance => Some(
                streams
                    .scalar(StreamKind::Distance)
                    .ok_or(ChartError::MissingStream(StreamKind::Distance))?,
            ),
        };
        let mut samples = Samples {
            indices: Vec::with_capacity(len),
            xs: Vec::with_capacity(len),
            times: Vec::with_capacity(len),
        };
        let (mut last_x, mut last_t) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for i in 0..len {
            let t = time
                .map_or(Some(i as f64), |t| t[i])
                .filter(|t| t.is_finite());
            let x = match distance {
                Some(d) => d[i].filter(|d| d.is_finite()).map(|d| units.distance(d)),
                None => t,
            };
            let (Some(x), Some(t)) = (x, t.or(last_t.is_finite().then_some(last_t))) else {
                continue;
            };
            // Clocks and odometers only go forward; a glitch backwards is held level.
            last_x = last_x.max(x);
            last_t = last_t.max(t);
            samples.indices.push(i);
            samples.xs.push(last_x);
            samples.times.push(last_t);
        }
        Ok(samples)
    }

    /// The x at elapsed time `t` (interpolated; clamped to the recording).
    fn x_at_time(&self, t: f64) -> f64 {
        let after = self.times.partition_point(|v| *v < t);
        if after == 0 {
            return self.xs[0];
        }
        if after == self.times.len() {
            return self.xs[after - 1];
        }
        let (t0, t1) = (self.times[after - 1], self.times[after]);
        let (x0, x1) = (self.xs[after - 1], self.xs[after]);
        if t1 > t0 {
            x0 + (x1 - x0) * (t - t0) / (t1 - t0)
        } else {
            x1
        }
    }
}

/// A panel with its values, in display units.
struct Panel {
    kind: PanelKind,
    values: Vec<Option<f64>>,
    y_min: f64,
    y_max: f64,
}

/// A planned target drawn over the power panel: x from–to, watts low–high.
struct TargetBox {
    x: (f64, f64),
    watts: (f64, f64),
}

/// Draws `streams` as stacked panels over time or distance; with `plan`, the absolute power
/// targets appear as translucent boxes on the power panel. Cross-hair values are the mean of
/// each pixel column's samples (see [`crate::downsample::column_values`]).
pub fn activity_chart(
    streams: &Streams,
    x_axis: XAxis,
    plan: Option<&[PlanStep]>,
    opts: &ChartOptions,
) -> Result<HoverChart, ChartError> {
    check_width(opts.width_px)?;
    let palette = Palette::for_theme(opts.theme);
    let samples = Samples::read(streams, x_axis, opts.units)?;
    let (Some(&x_min), Some(&x_last)) = (samples.xs.first(), samples.xs.last()) else {
        return Err(ChartError::nothing("the activity has no samples"));
    };
    let x_max = if x_last > x_min { x_last } else { x_min + 1.0 };
    let boxes = match plan {
        Some(steps) => target_boxes(steps, &samples, x_min, x_max),
        None => Vec::new(),
    };
    let panels = read_panels(streams, &samples, &palette, opts.units, &boxes);
    if panels.is_empty() {
        return Err(ChartError::nothing(
            "the activity has no power, heart rate, cadence, speed or altitude samples",
        ));
    }
    let x_unit = match x_axis {
        XAxis::Time => "s",
        XAxis::Distance => opts.units.distance_unit(),
    };
    let width = opts.width_px;
    let height = TOP_PX + PANEL_HEIGHT_PX * panels.len() as u32 + X_AXIS_PX;
    let plot_px = width.saturating_sub(Y_AXIS_PX + RIGHT_PX).max(1) as usize;
    let columns = Columns::new(x_min, x_max, plot_px);
    let x_ticks = match x_axis {
        XAxis::Time => duration_ticks(x_min, x_max, plot_px / 90),
        XAxis::Distance => nice_ticks(x_min, x_max, plot_px / 70).0,
    };
    let x_format = |x: &f64| match x_axis {
        XAxis::Time => format_hms(*x),
        XAxis::Distance => format_tick(*x, if x_max - x_min < 5.0 { 0.1 } else { 1.0 }),
    };
    let x_desc = match x_axis {
        XAxis::Time => String::new(),
        XAxis::Distance => format!("Distance ({x_unit})"),
    };

    let (chart, hover) = render(width, height, &palette, |root| {
        let mut hover = Hover {
            plot_left_px: 0.0,
            plot_right_px: 0.0,
            xs: columns.centres(),
            x_unit: x_unit.to_string(),
            panels: Vec::with_capacity(panels.len()),
        };
        for (i, panel) in panels.iter().enumerate() {
            let last = i + 1 == panels.len();
            let top = TOP_PX + PANEL_HEIGHT_PX * i as u32;
            let area = root.clone().shrink(
                (0, top),
                (width, PANEL_HEIGHT_PX + if last { X_AXIS_PX } else { 0 }),
            );
            let (y_ticks, y_step) = nice_ticks(panel.y_min, panel.y_max, 4);
            let mut chart = ChartBuilder::on(&area)
                .margin_top(6)
                .margin_right(RIGHT_PX)
                .x_label_area_size(if last { X_AXIS_PX } else { 0 })
                .y_label_area_size(Y_AXIS_PX)
                .build_cartesian_2d(
                    TickAxis::linear(x_min, x_max, x_ticks.clone()),
                    TickAxis::linear(panel.y_min, panel.y_max, y_ticks),
                )?;
            let y_desc = format!("{} ({})", panel.kind.label, panel.kind.unit);
            let x_desc = if last { x_desc.as_str() } else { "" };
            let y_format = |y: &f64| format_tick(*y, y_step);
            draw_mesh(&mut chart, &palette, &x_format, &y_format, x_desc, &y_desc)?;
            if panel.kind.stream == StreamKind::Watts {
                // A narrow target still shows as a band a few pixels tall.
                let min_half = (panel.y_max - panel.y_min) * 0.03;
                chart.draw_series(boxes.iter().map(|b| {
                    let middle = (b.watts.0 + b.watts.1) / 2.0;
                    let half = ((b.watts.1 - b.watts.0) / 2.0).max(min_half);
                    Rectangle::new(
                        [(b.x.0, middle - half), (b.x.1, middle + half)],
                        fill(palette.plan_target, PLAN_OPACITY),
                    )
                }))?;
            }
            let colour = panel.kind.colour;
            for run in min_max(&samples.xs, &panel.values, &columns) {
                if panel.kind.filled {
                    chart.draw_series(
                        AreaSeries::new(run, panel.y_min, fill(colour, 0.3))
                            .border_style(stroke(colour, 1)),
                    )?;
                } else {
                    chart.draw_series(LineSeries::new(run, stroke(colour, 1)))?;
                }
            }
            let (_, y_px) = chart.plotting_area().get_pixel_range();
            if i == 0 {
                hover.plot_left_px = f64::from(chart.backend_coord(&(x_min, panel.y_min)).0);
                hover.plot_right_px = f64::from(chart.backend_coord(&(x_max, panel.y_min)).0);
            }
            hover.panels.push(HoverPanel {
                label: panel.kind.label.to_string(),
                unit: panel.kind.unit.to_string(),
                top_px: f64::from(y_px.start),
                bottom_px: f64::from(y_px.end),
                values: column_values(&samples.xs, &panel.values, &columns),
            });
        }
        Ok(hover)
    })?;
    Ok(HoverChart { chart, hover })
}

/// The panels that have at least one sample, in display units, each with its y-range.
fn read_panels(
    streams: &Streams,
    samples: &Samples,
    palette: &Palette,
    units: Units,
    boxes: &[TargetBox],
) -> Vec<Panel> {
    let mut panels = Vec::new();
    for kind in panel_kinds(palette, units) {
        let Some(series) = streams.scalar(kind.stream) else {
            continue;
        };
        let values: Vec<Option<f64>> = samples
            .indices
            .iter()
            .map(|&i| {
                series[i]
                    .filter(|v| v.is_finite())
                    .map(|v| (kind.convert)(units, v))
            })
            .collect();
        let Some((mut low, mut high)) = value_range(values.iter().flatten().copied()) else {
            continue;
        };
        if kind.stream == StreamKind::Watts {
            for b in boxes {
                (low, high) = (low.min(b.watts.0), high.max(b.watts.1));
            }
        }
        let (y_min, y_max) = padded(low, high, kind.from_zero);
        panels.push(Panel {
            kind,
            values,
            y_min,
            y_max,
        });
    }
    panels
}

fn value_range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values.fold(None, |range, v| match range {
        None => Some((v, v)),
        Some((low, high)) => Some((f64::min(low, v), f64::max(high, v))),
    })
}

/// A y-range with a little air above (and below, for a range that does not start at 0).
fn padded(low: f64, high: f64, from_zero: bool) -> (f64, f64) {
    let pad = ((high - low) * 0.08).max(1.0);
    if from_zero && low >= 0.0 {
        (0.0, high + pad)
    } else {
        (low - pad, high + pad)
    }
}

/// The plan's absolute power targets placed on the x-axis (time, or the distance covered by
/// then), clipped to the recording.
fn target_boxes(steps: &[PlanStep], samples: &Samples, x_min: f64, x_max: f64) -> Vec<TargetBox> {
    steps
        .iter()
        .filter_map(|step| {
            let target = step
                .target
                .filter(|t| t.kind == TargetKind::Power && t.absolute)?;
            let from = samples.x_at_time(step.start_s).clamp(x_min, x_max);
            let to = samples
                .x_at_time(step.start_s + step.duration_s)
                .clamp(x_min, x_max);
            let (low, high) = (target.low.min(target.high), target.low.max(target.high));
            (to > from).then_some(TargetBox {
                x: (from, to),
                watts: (low, high),
            })
        })
        .collect()
}
