//! A planned workout as a step chart: each step a bar from its start to its end, as tall as the
//! middle of its target, coloured by intensity (warm-up and cool-down muted, recovery light,
//! work strong). The y-axis speaks the plan's main target (W, bpm, or pace with faster higher);
//! steps without a target in it are low neutral bars.

use offpeak_domain::analysis::{PlanStep, StepIntensity, StepTarget, TargetKind};
use plotters::prelude::*;

use crate::axis::TickAxis;
use crate::canvas::{check_width, draw_mesh, fill, render};
use crate::error::ChartError;
use crate::options::{Chart, ChartOptions, Units};
use crate::palette::{Palette, Rgb};
use crate::ticks::{duration_ticks, nice_ticks};
use crate::units::{format_hms, format_pace, format_tick};

/// The chart's height.
pub const PLAN_HEIGHT_PX: u32 = 200;
const Y_AXIS_PX: u32 = 64;
const X_AXIS_PX: u32 = 28;
const RIGHT_PX: u32 = 28;
/// An untargeted step's height, as a share of the y-range.
const NEUTRAL_SHARE: f64 = 0.12;

/// The y-axis: the target kind (and whether in absolute units) that most of the plan's time
/// is expressed in.
#[derive(Clone, Copy, PartialEq)]
struct Axis {
    kind: TargetKind,
    absolute: bool,
}

impl Axis {
    fn of(steps: &[PlanStep]) -> Option<Axis> {
        let mut time: Vec<(Axis, f64)> = Vec::new();
        for step in steps {
            let Some(target) = step.target else { continue };
            let axis = Axis {
                kind: target.kind,
                absolute: target.absolute,
            };
            match time.iter_mut().find(|(a, _)| *a == axis) {
                Some((_, total)) => *total += step.duration_s.max(0.0),
                None => time.push((axis, step.duration_s.max(0.0))),
            }
        }
        time.into_iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(axis, _)| axis)
    }

    /// Pace in absolute units is drawn negated so that faster (fewer seconds) is higher.
    fn inverted(self) -> bool {
        self.kind == TargetKind::Pace && self.absolute
    }

    /// The plotted height of a target's middle.
    fn height(self, target: &StepTarget, units: Units) -> f64 {
        let middle = (target.low + target.high) / 2.0;
        if self.inverted() {
            -units.pace(middle)
        } else {
            middle
        }
    }

    fn description(self, units: Units) -> String {
        match (self.kind, self.absolute) {
            (TargetKind::Power, true) => "Power (W)".to_string(),
            (TargetKind::Power, false) => "Power (% FTP)".to_string(),
            (TargetKind::HeartRate, true) => "Heart rate (bpm)".to_string(),
            (TargetKind::HeartRate, false) => "Heart rate (% LTHR)".to_string(),
            (TargetKind::Pace, true) => format!("Pace ({})", units.pace_unit()),
            (TargetKind::Pace, false) => "Pace (% threshold)".to_string(),
        }
    }

    fn colour(self, palette: &Palette) -> Rgb {
        match self.kind {
            TargetKind::Power => palette.power,
            TargetKind::HeartRate => palette.heart_rate,
            TargetKind::Pace => palette.speed,
        }
    }
}

/// Draws `steps` (start and duration in seconds) as bars over elapsed time.
pub fn plan_chart(steps: &[PlanStep], opts: &ChartOptions) -> Result<Chart, ChartError> {
    check_width(opts.width_px)?;
    let end = steps
        .iter()
        .map(|s| s.start_s + s.duration_s)
        .filter(|e| e.is_finite())
        .fold(0.0, f64::max);
    if steps.is_empty() || end <= 0.0 {
        return Err(ChartError::nothing("the plan has no steps with a duration"));
    }
    let palette = Palette::for_theme(opts.theme);
    let units = opts.units;
    let axis = Axis::of(steps);
    let on_axis = |step: &PlanStep| {
        let target = step.target?;
        let axis = axis.filter(|a| a.kind == target.kind && a.absolute == target.absolute)?;
        Some(axis.height(&target, units))
    };
    let heights: Vec<Option<f64>> = steps.iter().map(on_axis).collect();
    let (y_min, y_max) = y_range(&heights, axis);
    let (y_ticks, y_step) = match axis {
        // Paces tick on round durations: every 15 s, 30 s, minute.
        Some(a) if a.inverted() => (duration_ticks(y_min, y_max, 4), 1.0),
        _ => nice_ticks(y_min, y_max, 4),
    };
    let neutral_top = y_min + (y_max - y_min) * NEUTRAL_SHARE;
    let plot_px = opts.width_px.saturating_sub(Y_AXIS_PX + RIGHT_PX) as usize;
    let x_ticks = duration_ticks(0.0, end, plot_px / 90);
    let y_desc = axis.map_or(String::new(), |a| a.description(units));
    let strong = axis.map_or(palette.neutral, |a| a.colour(&palette));

    let (chart, ()) = render(opts.width_px, PLAN_HEIGHT_PX, &palette, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin_top(12)
            .margin_right(RIGHT_PX)
            .x_label_area_size(X_AXIS_PX)
            .y_label_area_size(Y_AXIS_PX)
            .build_cartesian_2d(
                TickAxis::linear(0.0, end, x_ticks),
                TickAxis::linear(y_min, y_max, if axis.is_some() { y_ticks } else { vec![] }),
            )?;
        let x_format = |x: &f64| format_hms(*x);
        let y_format = |y: &f64| match axis {
            Some(a) if a.inverted() => format_pace(-*y),
            _ => format_tick(*y, y_step),
        };
        draw_mesh(&mut chart, &palette, &x_format, &y_format, "", &y_desc)?;
        chart.draw_series(steps.iter().zip(&heights).map(|(step, height)| {
            let style = match (height, step.intensity) {
                (None, _) => fill(palette.neutral, 0.45),
                (Some(_), StepIntensity::Active) => fill(strong, 0.9),
                (Some(_), StepIntensity::Recovery) => fill(strong, 0.35),
                (Some(_), StepIntensity::Warmup | StepIntensity::Cooldown) => {
                    fill(palette.neutral, 0.75)
                }
            };
            let top = height.unwrap_or(neutral_top);
            let (from, to) = (step.start_s, step.start_s + step.duration_s);
            Rectangle::new([(from, y_min), (to, top)], style)
        }))?;
        Ok(())
    })?;
    Ok(chart)
}

/// From the bars' base (0, or just below the slowest pace) to a little above the highest bar.
fn y_range(heights: &[Option<f64>], axis: Option<Axis>) -> (f64, f64) {
    let present = heights.iter().flatten().copied();
    let (low, high) = present.fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
    if low > high {
        return (0.0, 1.0);
    }
    match axis {
        Some(a) if a.inverted() => {
            let pad = ((high - low) * 0.15).max(15.0);
            (low - pad * 2.0, high + pad)
        }
        _ => (low.min(0.0), (high * 1.1).max(high + 1.0)),
    }
}
