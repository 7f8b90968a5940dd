mod common;

use common::{Element, elements, light, options, texts};
use offpeak_charts::{ChartError, Palette, Theme, Units, plan_chart};
use offpeak_domain::analysis::{PlanStep, StepIntensity, StepTarget, TargetKind};

fn step(
    start_s: f64,
    intensity: StepIntensity,
    target: Option<(TargetKind, f64, f64)>,
) -> PlanStep {
    PlanStep {
        intensity,
        start_s,
        duration_s: 300.0,
        distance_m: None,
        target: target.map(|(kind, low, high)| StepTarget {
            kind,
            low,
            high,
            absolute: true,
        }),
    }
}

/// The step bars, in drawing order (everything filled but the background, grid and axes).
fn bars(svg: &str, palette: &Palette) -> Vec<Element> {
    elements(svg)
        .into_iter()
        .skip_while(|e| e.tag != "svg")
        .filter(|e| e.tag == "rect" && e.fill != palette.background.hex())
        .collect()
}

fn words(svg: &str) -> Vec<String> {
    texts(svg).into_iter().map(|t| t.0).collect()
}

#[test]
fn each_step_is_a_bar_as_tall_as_its_target() {
    use StepIntensity::*;
    let power = |w: f64| Some((TargetKind::Power, w - 10.0, w + 10.0));
    let steps = [
        step(0.0, Warmup, power(150.0)),
        step(300.0, Active, power(300.0)),
        step(600.0, Recovery, None),
        step(900.0, Cooldown, power(120.0)),
    ];
    let palette = Palette::for_theme(Theme::Light);
    let chart = plan_chart(&steps, &light(700)).unwrap();
    let bars = bars(&chart.svg, &palette);
    assert_eq!(bars.len(), 4);
    let tops: Vec<f64> = bars.iter().map(|b| b.geometry[1]).collect();
    let heights: Vec<f64> = bars.iter().map(|b| b.geometry[3]).collect();
    assert!(
        tops[1] < tops[0] && tops[0] < tops[3],
        "300 W > 150 W > 120 W: {tops:?}"
    );
    assert!(
        (heights[1] / heights[0] - 2.0).abs() < 0.05,
        "bars start at 0 W"
    );
    assert!(heights[2] < heights[3], "the untargeted step is a low bar");
    assert_eq!(bars[1].fill, palette.power.hex(), "work is strong");
    assert!(bars[1].opacity > 0.8);
    assert_eq!(bars[2].fill, palette.neutral.hex());
    assert_eq!(bars[0].fill, palette.neutral.hex(), "warm-up is muted");
    assert!(words(&chart.svg).iter().any(|w| w == "Power (W)"));
    assert!(words(&chart.svg).iter().any(|w| w == "0:20:00"));
}

#[test]
fn pace_is_inverted_so_faster_is_higher() {
    use StepIntensity::*;
    let pace = |s: f64| Some((TargetKind::Pace, s - 5.0, s + 5.0));
    let steps = [
        step(0.0, Active, pace(330.0)),
        step(300.0, Active, pace(250.0)),
        step(600.0, Recovery, pace(360.0)),
    ];
    let palette = Palette::for_theme(Theme::Light);
    let chart = plan_chart(&steps, &options(600, Theme::Light, Units::Imperial)).unwrap();
    let tops: Vec<f64> = bars(&chart.svg, &palette)
        .iter()
        .map(|b| b.geometry[1])
        .collect();
    assert!(
        tops[1] < tops[0] && tops[0] < tops[2],
        "4:10/km above 5:30/km above 6:00/km"
    );
    let words = words(&chart.svg);
    assert!(words.iter().any(|w| w == "Pace (min/mi)"), "{words:?}");
    assert!(
        words.iter().any(|w| w.contains(':') && w.len() <= 5),
        "m:ss ticks: {words:?}"
    );
}

#[test]
fn heart_rate_plans_are_in_bpm_and_empty_plans_are_errors() {
    let hr = Some((TargetKind::HeartRate, 140.0, 150.0));
    let chart = plan_chart(&[step(0.0, StepIntensity::Active, hr)], &light(400)).unwrap();
    assert!(words(&chart.svg).iter().any(|w| w == "Heart rate (bpm)"));
    assert_eq!(
        bars(&chart.svg, &Palette::for_theme(Theme::Light))[0].fill,
        Palette::for_theme(Theme::Light).heart_rate.hex()
    );
    assert!(matches!(
        plan_chart(&[], &light(400)),
        Err(ChartError::NothingToDraw { .. })
    ));
}
