mod common;

use chrono::{Days, NaiveDate};
use common::{elements, light, lines, options, texts};
use offpeak_charts::ticks::epoch_day;
use offpeak_charts::{ChartError, Palette, Theme, Units, fitness_chart};
use offpeak_domain::analysis::FitnessDay;

fn days(count: u64, form: impl Fn(f64) -> f64) -> Vec<FitnessDay> {
    let first = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    (0..count)
        .map(|i| {
            let t = i as f64;
            FitnessDay {
                date: first + Days::new(i),
                load: 50.0,
                fitness: 40.0 + t / 10.0,
                fatigue: 50.0 + 10.0 * (t / 7.0).sin(),
                form: form(t),
            }
        })
        .collect()
}

#[test]
fn hover_reads_the_three_values_of_each_day() {
    let history = days(120, |t| 10.0 * (t / 20.0).sin());
    let drawn = fitness_chart(&history, &light(800)).unwrap();
    let hover = &drawn.hover;
    assert_eq!(hover.x_unit, "day");
    assert_eq!(hover.xs.len(), 120);
    assert_eq!(hover.xs[0], epoch_day(history[0].date) as f64);
    assert!(hover.xs.windows(2).all(|w| w[1] - w[0] == 1.0));
    let labels: Vec<&str> = hover.panels.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["Fitness", "Fatigue", "Form"]);
    for (i, day) in history.iter().enumerate() {
        assert_eq!(hover.panels[0].values[i], Some(day.fitness));
        assert_eq!(hover.panels[1].values[i], Some(day.fatigue));
        assert_eq!(hover.panels[2].values[i], Some(day.form));
    }
    assert!(hover.plot_left_px < hover.plot_right_px);
}

#[test]
fn years_of_days_read_one_value_per_pixel_column() {
    let drawn = fitness_chart(&days(2000, |_| 5.0), &light(400)).unwrap();
    let hover = &drawn.hover;
    assert!(hover.xs.len() <= 400);
    assert!(hover.xs.windows(2).all(|w| w[0] < w[1]));
    assert!(
        hover
            .panels
            .iter()
            .all(|p| p.values.len() == hover.xs.len())
    );
    let palette = Palette::for_theme(Theme::Light);
    let points: usize = lines(&drawn.chart.svg, &palette.fitness.hex())
        .iter()
        .map(Vec::len)
        .sum();
    assert!(points <= 2 * 400 + 8, "{points}");
}

#[test]
fn form_is_green_above_zero_and_orange_below() {
    let palette = Palette::for_theme(Theme::Light);
    let polygons = |history: &[FitnessDay]| {
        let svg = fitness_chart(history, &light(600)).unwrap().chart.svg;
        let fills: Vec<String> = elements(&svg)
            .into_iter()
            .filter(|e| e.tag == "polygon")
            .map(|e| e.fill)
            .collect();
        (
            fills.contains(&palette.form_positive.hex()),
            fills.contains(&palette.form_negative.hex()),
        )
    };
    assert_eq!(
        polygons(&days(60, |t| 10.0 * (t / 10.0).sin())),
        (true, true)
    );
    assert_eq!(polygons(&days(60, |t| -5.0 - t)), (false, true));
    assert_eq!(polygons(&days(60, |t| 5.0 + t)), (true, false));
    let svg = fitness_chart(&days(60, |_| 1.0), &light(600))
        .unwrap()
        .chart
        .svg;
    assert!(!lines(&svg, &palette.fitness.hex()).is_empty());
    assert!(!lines(&svg, &palette.fatigue.hex()).is_empty());
}

#[test]
fn dates_are_ticked_and_the_legend_names_the_lines() {
    let svg = fitness_chart(&days(150, |_| 0.0), &light(900))
        .unwrap()
        .chart
        .svg;
    let words: Vec<String> = texts(&svg).into_iter().map(|t| t.0).collect();
    for word in [
        "Jan 2025", "Feb", "Mar", "Fitness", "Fatigue", "Form +", "Form −",
    ] {
        assert!(
            words.iter().any(|w| w == word),
            "{word} missing from {words:?}"
        );
    }
}

#[test]
fn no_days_is_an_error_and_themes_differ() {
    assert!(matches!(
        fitness_chart(&[], &light(400)),
        Err(ChartError::NothingToDraw { .. })
    ));
    let history = days(30, |_| 0.0);
    let light_svg = fitness_chart(&history, &light(400)).unwrap().chart.svg;
    let dark = options(400, Theme::Dark, Units::Metric);
    assert_ne!(light_svg, fitness_chart(&history, &dark).unwrap().chart.svg);
}
