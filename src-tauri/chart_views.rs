//! Turns what `charts` and the domain's analysis produce into the views the screens receive.

use crate::analysis_views::{
    ChartView, HoverChartView, HoverPanelView, HoverView, LapView, PlanStepView, StepTargetView,
};
use offpeak_charts::{Chart, ChartError, HoverChart};
use offpeak_domain::Lap;
use offpeak_domain::analysis::{PlanStep, StepIntensity, TargetKind};

pub fn chart_view(chart: Chart) -> ChartView {
    ChartView {
        svg: chart.svg,
        width: chart.width,
        height: chart.height,
    }
}

pub fn hover_chart_view(chart: HoverChart) -> HoverChartView {
    HoverChartView {
        chart: chart_view(chart.chart),
        hover: HoverView {
            plot_left_px: chart.hover.plot_left_px,
            plot_right_px: chart.hover.plot_right_px,
            xs: chart.hover.xs,
            x_unit: chart.hover.x_unit,
            panels: chart
                .hover
                .panels
                .into_iter()
                .map(|p| HoverPanelView {
                    label: p.label,
                    unit: p.unit,
                    top_px: p.top_px,
                    bottom_px: p.bottom_px,
                    values: p.values,
                })
                .collect(),
        },
    }
}

/// A chart, or nothing when there is nothing to draw; any other failure is logged and the
/// chart left out, so one bad series never costs the person the whole page.
pub fn drawn<T>(what: &str, result: Result<T, ChartError>) -> Option<T> {
    match result {
        Ok(chart) => Some(chart),
        Err(ChartError::NothingToDraw { .. }) => None,
        Err(e) => {
            tracing::warn!("the {what} chart could not be drawn: {e}");
            None
        }
    }
}

pub fn plan_step_view(step: &PlanStep) -> PlanStepView {
    PlanStepView {
        intensity: match step.intensity {
            StepIntensity::Warmup => "warmup",
            StepIntensity::Active => "active",
            StepIntensity::Recovery => "recovery",
            StepIntensity::Cooldown => "cooldown",
        }
        .to_owned(),
        start_s: step.start_s,
        duration_s: step.duration_s,
        distance_m: step.distance_m,
        target: step.target.map(|t| StepTargetView {
            kind: match t.kind {
                TargetKind::Power => "power",
                TargetKind::HeartRate => "heart_rate",
                TargetKind::Pace => "pace",
            }
            .to_owned(),
            low: t.low,
            high: t.high,
            absolute: t.absolute,
        }),
    }
}

/// Laps in order, labelled by the platform's name or their number.
pub fn lap_views(laps: &[Lap]) -> Vec<LapView> {
    laps.iter()
        .enumerate()
        .map(|(i, lap)| LapView {
            label: lap
                .label
                .clone()
                .filter(|l| !l.trim().is_empty())
                .unwrap_or_else(|| format!("Lap {}", i + 1)),
            start_s: lap.start_s,
            duration_s: lap.duration_s,
            distance_m: lap.distance_m,
            avg_power_w: lap.avg_power_w,
            normalized_power_w: lap.normalized_power_w,
            avg_hr: lap.avg_hr,
            max_hr: lap.max_hr,
            avg_cadence: lap.avg_cadence,
            avg_speed_mps: lap.avg_speed_mps,
        })
        .collect()
}
