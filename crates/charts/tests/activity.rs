mod common;

use common::{elements, light, lines, options, rects, ride, streams, texts, view_box};
use offpeak_charts::{ChartError, Palette, Theme, Units, XAxis, activity_chart};
use offpeak_domain::analysis::{PlanStep, StepIntensity, StepTarget, TargetKind};
use offpeak_domain::{StreamKind, Streams};

fn step(start_s: f64, duration_s: f64, kind: TargetKind, watts: f64) -> PlanStep {
    PlanStep {
        intensity: StepIntensity::Active,
        start_s,
        duration_s,
        distance_m: None,
        target: Some(StepTarget {
            kind,
            low: watts - 10.0,
            high: watts + 10.0,
            absolute: true,
        }),
    }
}

fn light_palette() -> Palette {
    Palette::for_theme(Theme::Light)
}

#[test]
fn panels_come_in_order_with_labelled_axes_and_only_with_data() {
    let mut ride = ride(600);
    ride.insert(
        StreamKind::Cadence,
        offpeak_domain::StreamData::Scalar(vec![None; 600]),
    );
    let drawn = activity_chart(&ride, XAxis::Time, None, &light(800)).unwrap();
    let labels: Vec<&str> = drawn
        .hover
        .panels
        .iter()
        .map(|p| p.label.as_str())
        .collect();
    assert_eq!(labels, ["Power", "Heart rate", "Speed", "Altitude"]);
    let words: Vec<String> = texts(&drawn.chart.svg).into_iter().map(|t| t.0).collect();
    for label in [
        "Power (W)",
        "Heart rate (bpm)",
        "Speed (km/h)",
        "Altitude (m)",
        "0:04:00",
    ] {
        assert!(
            words.iter().any(|w| w == label),
            "{label} missing from {words:?}"
        );
    }
    assert!(!words.iter().any(|w| w.starts_with("Cadence")));
    assert_eq!(
        view_box(&drawn.chart.svg),
        [0.0, 0.0, 800.0, f64::from(drawn.chart.height)]
    );
    assert!(drawn.chart.svg.contains("font-family=\"system-ui"));
    let panels = &drawn.hover.panels;
    for pair in panels.windows(2) {
        assert!(pair[0].top_px < pair[0].bottom_px && pair[0].bottom_px <= pair[1].top_px);
    }
    let heights: Vec<f64> = panels.iter().map(|p| p.bottom_px - p.top_px).collect();
    assert!(
        heights.iter().all(|h| (90.0..=140.0).contains(h)),
        "{heights:?}"
    );
    assert!(drawn.chart.height <= 700);
}

#[test]
fn long_series_are_cut_to_about_two_points_per_pixel() {
    let width = 600;
    let drawn = activity_chart(&ride(21_600), XAxis::Time, None, &light(width)).unwrap();
    let palette = light_palette();
    for colour in [
        palette.power,
        palette.heart_rate,
        palette.cadence,
        palette.speed,
    ] {
        let points: usize = lines(&drawn.chart.svg, &colour.hex())
            .iter()
            .map(Vec::len)
            .sum();
        assert!(points > 100, "{} drew only {points} points", colour.hex());
        assert!(
            points <= 2 * width as usize + 8,
            "{} drew {points} points",
            colour.hex()
        );
    }
}

#[test]
fn a_one_second_spike_survives_downsampling() {
    let mut ride = ride(21_600);
    let mut watts: Vec<Option<f64>> = vec![Some(200.0); 21_600];
    watts[12_345] = Some(1000.0);
    ride.insert(StreamKind::Watts, offpeak_domain::StreamData::Scalar(watts));
    let drawn = activity_chart(&ride, XAxis::Time, None, &light(600)).unwrap();
    let power = &drawn.hover.panels[0];
    let highest = lines(&drawn.chart.svg, &light_palette().power.hex())
        .into_iter()
        .flatten()
        .map(|p| p.1)
        .fold(f64::MAX, f64::min);
    let panel_height = power.bottom_px - power.top_px;
    assert!(
        highest < power.top_px + 0.2 * panel_height,
        "the spike peaks at y {highest}"
    );
}

#[test]
fn hover_has_one_ascending_x_per_column_and_values_for_every_x() {
    let drawn = activity_chart(&ride(5000), XAxis::Time, None, &light(500)).unwrap();
    let hover = &drawn.hover;
    assert_eq!(hover.x_unit, "s");
    assert!(!hover.xs.is_empty() && hover.xs.len() <= 500);
    assert!(hover.xs.windows(2).all(|w| w[0] < w[1]));
    assert!(hover.xs[0] >= 0.0 && *hover.xs.last().unwrap() <= 4999.0);
    assert!(hover.plot_left_px < hover.plot_right_px && hover.plot_right_px <= 500.0);
    for panel in &hover.panels {
        assert_eq!(panel.values.len(), hover.xs.len(), "{}", panel.label);
        assert!(panel.values.iter().all(Option::is_some), "{}", panel.label);
    }
}

#[test]
fn gaps_break_the_line_and_read_as_nothing() {
    let len = 3600;
    let watts = (0..len)
        .map(|i| (!(1000..1400).contains(&i)).then_some(250.0))
        .collect();
    let time = (0..len).map(|i| Some(i as f64)).collect();
    let streams = streams(vec![(StreamKind::Time, time), (StreamKind::Watts, watts)]);
    let drawn = activity_chart(&streams, XAxis::Time, None, &light(400)).unwrap();
    let runs = lines(&drawn.chart.svg, &light_palette().power.hex());
    assert_eq!(runs.len(), 2, "one line each side of the gap");
    let panel = &drawn.hover.panels[0];
    let bottom_y = runs.iter().flatten().map(|p| p.1).fold(f64::MIN, f64::max);
    assert!(bottom_y < panel.bottom_px - 10.0, "nothing is drawn at 0 W");
    let hover = &drawn.hover;
    for (x, value) in hover.xs.iter().zip(&panel.values) {
        if (1010.0..1390.0).contains(x) {
            assert_eq!(*value, None, "at {x} s");
        } else if *x < 990.0 || *x > 1410.0 {
            assert_eq!(*value, Some(250.0), "at {x} s");
        }
    }
}

#[test]
fn speed_and_altitude_follow_the_units() {
    let len = 100;
    let streams = streams(vec![
        (StreamKind::Velocity, vec![Some(10.0); len]),
        (StreamKind::Altitude, vec![Some(100.0); len]),
    ]);
    let speed_of = |units| {
        let drawn = activity_chart(
            &streams,
            XAxis::Time,
            None,
            &options(300, Theme::Light, units),
        );
        drawn.unwrap().hover
    };
    let metric = speed_of(Units::Metric);
    assert_eq!(metric.panels[0].unit, "km/h");
    assert!(
        metric.panels[0]
            .values
            .iter()
            .all(|v| (v.unwrap() - 36.0).abs() < 1e-9)
    );
    assert_eq!(metric.panels[1].unit, "m");
    let imperial = speed_of(Units::Imperial);
    assert_eq!(imperial.panels[0].unit, "mph");
    assert!(
        imperial.panels[0]
            .values
            .iter()
            .all(|v| (v.unwrap() - 22.37).abs() < 0.005)
    );
    assert_eq!(imperial.panels[1].unit, "ft");
    assert!(
        imperial.panels[1]
            .values
            .iter()
            .all(|v| (v.unwrap() - 328.08).abs() < 0.005)
    );
}

#[test]
fn distance_mode_reads_the_distance_stream_in_km_or_mi() {
    let ride = ride(1000);
    let metric = activity_chart(&ride, XAxis::Distance, None, &light(400)).unwrap();
    assert_eq!(metric.hover.x_unit, "km");
    assert!(*metric.hover.xs.last().unwrap() <= 7.992 && metric.hover.xs[0] >= 0.0);
    assert!(
        texts(&metric.chart.svg)
            .iter()
            .any(|t| t.0 == "Distance (km)")
    );
    let imperial = options(400, Theme::Light, Units::Imperial);
    let miles = activity_chart(&ride, XAxis::Distance, None, &imperial).unwrap();
    assert_eq!(miles.hover.x_unit, "mi");
    assert!(*miles.hover.xs.last().unwrap() <= 7992.0 / 1609.344);

    let mut without = ride.clone();
    without
        .series
        .retain(|(kind, _)| *kind != StreamKind::Distance);
    let error = activity_chart(&without, XAxis::Distance, None, &light(400)).unwrap_err();
    assert_eq!(error, ChartError::MissingStream(StreamKind::Distance));
    assert!(error.to_string().contains("distance"));
}

#[test]
fn the_plan_draws_its_power_targets_on_the_power_panel() {
    let ride = ride(1800);
    let target = light_palette().plan_target.hex();
    let plan = [
        step(0.0, 600.0, TargetKind::Power, 180.0),
        step(600.0, 600.0, TargetKind::HeartRate, 150.0),
        step(1200.0, 600.0, TargetKind::Power, 260.0),
    ];
    let without = activity_chart(&ride, XAxis::Time, None, &light(600)).unwrap();
    assert!(rects(&without.chart.svg, &target).is_empty());
    let with = activity_chart(&ride, XAxis::Time, Some(&plan), &light(600)).unwrap();
    let boxes = rects(&with.chart.svg, &target);
    assert_eq!(boxes.len(), 2, "the heart-rate step is not a power target");
    assert!(
        boxes.iter().all(|b| b.opacity < 0.5),
        "boxes are translucent"
    );
    let power = &with.hover.panels[0];
    for b in &boxes {
        let [_, y, _, height] = b.geometry;
        assert!(y >= power.top_px && y + height <= power.bottom_px + 1.0);
    }
    let (first, second) = (boxes[0].geometry, boxes[1].geometry);
    assert!(
        (first[2] - second[2]).abs() <= 2.0,
        "equal durations, equal widths"
    );
    assert!(second[1] < first[1], "260 W sits above 180 W");

    let by_distance = activity_chart(&ride, XAxis::Distance, Some(&plan), &light(600)).unwrap();
    assert_eq!(rects(&by_distance.chart.svg, &target).len(), 2);
}

#[test]
fn nothing_to_draw_and_mismatched_streams_are_errors() {
    let empty = activity_chart(&Streams::default(), XAxis::Time, None, &light(400));
    assert!(matches!(empty, Err(ChartError::NothingToDraw { .. })));
    let only_time = streams(vec![(StreamKind::Time, vec![Some(0.0), Some(1.0)])]);
    let nothing = activity_chart(&only_time, XAxis::Time, None, &light(400));
    assert!(matches!(nothing, Err(ChartError::NothingToDraw { .. })));
    let uneven = streams(vec![
        (StreamKind::Time, vec![Some(0.0), Some(1.0)]),
        (StreamKind::Watts, vec![Some(100.0)]),
    ]);
    let error = activity_chart(&uneven, XAxis::Time, None, &light(400)).unwrap_err();
    assert!(matches!(
        error,
        ChartError::MismatchedLengths {
            expected: 2,
            found: 1,
            ..
        }
    ));
    let narrow = activity_chart(&ride(10), XAxis::Time, None, &light(50));
    assert!(matches!(narrow, Err(ChartError::TooNarrow { .. })));
}

#[test]
fn dark_and_light_differ() {
    let ride = ride(300);
    let light_svg = activity_chart(&ride, XAxis::Time, None, &light(400))
        .unwrap()
        .chart
        .svg;
    let dark = options(400, Theme::Dark, Units::Metric);
    let dark_svg = activity_chart(&ride, XAxis::Time, None, &dark)
        .unwrap()
        .chart
        .svg;
    assert_ne!(light_svg, dark_svg);
    let background = |svg: &str| {
        elements(svg)
            .into_iter()
            .find(|e| e.tag == "rect")
            .unwrap()
            .fill
    };
    assert_eq!(background(&light_svg), "#FFFFFF");
    assert_eq!(background(&dark_svg), "#1C1F26");
}
