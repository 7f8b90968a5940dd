mod common;

use common::{elements, light, lines, options, text_at, texts};
use offpeak_charts::{ChartError, Palette, Theme, Units, power_curve_chart};

fn curve(longest: u32, scale: f64) -> Vec<(u32, f64)> {
    (1..=longest)
        .map(|s| (s, scale * (250.0 + 600.0 / (1.0 + f64::from(s) / 15.0))))
        .collect()
}

#[test]
fn the_log_axis_puts_one_minute_halfway_between_one_second_and_one_hour() {
    let chart = power_curve_chart(&curve(3600, 1.0), &[], "Best", &light(900)).unwrap();
    let (one_second, _) = text_at(&chart.svg, "1s");
    let (one_minute, _) = text_at(&chart.svg, "1m");
    let (one_hour, _) = text_at(&chart.svg, "1h");
    // ln 60 / ln 3600 = 1/2.
    let halfway = (one_second + one_hour) / 2.0;
    assert!(
        (one_minute - halfway).abs() <= 1.0,
        "1m at {one_minute}, halfway is {halfway}"
    );
    let (five_minutes, _) = text_at(&chart.svg, "5m");
    let expected = one_second + (one_hour - one_second) * 300f64.ln() / 3600f64.ln();
    assert!((five_minutes - expected).abs() <= 1.0);
    let labels: Vec<String> = texts(&chart.svg).into_iter().map(|t| t.0).collect();
    for tick in ["1s", "5s", "15s", "1m", "5m", "20m", "1h", "Power (W)"] {
        assert!(labels.iter().any(|l| l == tick), "{tick} missing");
    }
    assert!(
        !labels.iter().any(|l| l == "2h"),
        "no tick past the longest duration"
    );
}

#[test]
fn this_activity_is_solid_the_best_dashed_with_a_legend() {
    let palette = Palette::for_theme(Theme::Light);
    let chart = power_curve_chart(
        &curve(1200, 1.0),
        &curve(7200, 1.1),
        "Best of last 90 days",
        &light(800),
    )
    .unwrap();
    let labels: Vec<String> = texts(&chart.svg).into_iter().map(|t| t.0).collect();
    assert!(labels.iter().any(|l| l == "Best of last 90 days"));
    assert!(labels.iter().any(|l| l == "This activity"));
    assert!(labels.iter().any(|l| l == "2h"));
    let activity = lines(&chart.svg, &palette.power.hex());
    let solid = activity.iter().max_by_key(|l| l.len()).unwrap();
    assert!(solid.len() > 50, "one long solid line");
    let dashes = lines(&chart.svg, &palette.best.hex());
    assert!(
        dashes.len() > 20,
        "the best curve is drawn in dashes ({})",
        dashes.len()
    );
    let length = |dash: &Vec<(f64, f64)>| {
        dash.windows(2)
            .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
            .sum::<f64>()
    };
    let longest = dashes.iter().map(length).fold(0.0, f64::max);
    assert!(
        longest <= 9.0,
        "dashes are short, the longest is {longest} px"
    );
}

#[test]
fn a_long_curve_is_cut_to_about_two_points_per_pixel() {
    let width = 600;
    let chart = power_curve_chart(&curve(21_600, 1.0), &[], "", &light(width)).unwrap();
    let palette = Palette::for_theme(Theme::Light);
    let points: usize = lines(&chart.svg, &palette.power.hex())
        .iter()
        .map(Vec::len)
        .sum();
    assert!(points <= 2 * width as usize + 8, "{points} points");
    assert!(points > 100);
}

#[test]
fn empty_curves_and_zero_durations_have_nothing_to_draw() {
    let empty = power_curve_chart(&[], &[], "Best", &light(600));
    assert!(matches!(empty, Err(ChartError::NothingToDraw { .. })));
    let zero = power_curve_chart(&[(0, 900.0)], &[], "Best", &light(600));
    assert!(matches!(zero, Err(ChartError::NothingToDraw { .. })));
    let best_only = power_curve_chart(&[], &curve(60, 1.0), "Best", &light(600)).unwrap();
    assert!(!elements(&best_only.svg).is_empty());
}

#[test]
fn dark_and_light_differ() {
    let data = curve(600, 1.0);
    let light_svg = power_curve_chart(&data, &[], "", &light(600)).unwrap().svg;
    let dark = options(600, Theme::Dark, Units::Metric);
    let dark_svg = power_curve_chart(&data, &[], "", &dark).unwrap().svg;
    assert_ne!(light_svg, dark_svg);
    assert!(dark_svg.contains("#1C1F26"));
}
