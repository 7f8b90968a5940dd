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

#[cfg(test)]
mod tests {
    use super::*;
    use offpeak_domain::analysis::StepTarget;

    fn lap(label: Option<&str>, start_s: f64) -> Lap {
        Lap {
            start_s,
            duration_s: 300.0,
            moving_s: Some(290.0),
            distance_m: Some(2500.0),
            avg_power_w: Some(250.0),
            normalized_power_w: Some(255.0),
            avg_hr: Some(150.0),
            max_hr: Some(160.0),
            avg_cadence: Some(90.0),
            avg_speed_mps: Some(8.3),
            elevation_gain_m: Some(12.0),
            label: label.map(str::to_owned),
        }
    }

    #[test]
    fn laps_keep_the_platforms_names_and_number_the_others() {
        let views = lap_views(&[
            lap(Some("Warmup"), 0.0),
            lap(None, 300.0),
            lap(Some("  "), 600.0),
        ]);
        let labels: Vec<&str> = views.iter().map(|v| v.label.as_str()).collect();
        assert_eq!(labels, ["Warmup", "Lap 2", "Lap 3"]);
        assert_eq!(
            (views[1].start_s, views[1].avg_power_w),
            (300.0, Some(250.0))
        );
    }

    #[test]
    fn steps_name_their_intensity_and_target_kind() {
        let step = PlanStep {
            intensity: StepIntensity::Recovery,
            start_s: 600.0,
            duration_s: 120.0,
            distance_m: None,
            target: Some(StepTarget {
                kind: TargetKind::HeartRate,
                low: 120.0,
                high: 130.0,
                absolute: true,
            }),
        };
        let view = plan_step_view(&step);
        assert_eq!(view.intensity, "recovery");
        let target = view.target.unwrap();
        assert_eq!(
            (target.kind.as_str(), target.low, target.high),
            ("heart_rate", 120.0, 130.0)
        );
    }

    #[test]
    fn nothing_to_draw_is_no_chart_and_other_failures_are_left_out_too() {
        let nothing: Result<u8, ChartError> = Err(ChartError::NothingToDraw {
            what: "power".into(),
        });
        assert_eq!(drawn("power", nothing), None);
        let narrow: Result<u8, ChartError> = Err(ChartError::TooNarrow {
            requested: 10,
            min: 160,
        });
        assert_eq!(drawn("power", narrow), None);
        assert_eq!(drawn("power", Ok::<u8, ChartError>(7)), Some(7));
    }
}
