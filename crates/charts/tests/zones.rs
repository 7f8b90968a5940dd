mod common;

use common::{light, options, rects, texts};
use offpeak_charts::{ChartError, Palette, Theme, Units, ZoneKind, zones_chart};

const SECONDS: [u32; 7] = [600, 1200, 900, 300, 200, 100, 30];
const BOUNDS: [u32; 6] = [137, 187, 225, 262, 300, 412];

fn words(svg: &str) -> Vec<String> {
    texts(svg).into_iter().map(|t| t.0).collect()
}

#[test]
fn each_zone_is_labelled_with_its_range_time_and_share() {
    let chart = zones_chart(&SECONDS, &BOUNDS, ZoneKind::Power, &light(700)).unwrap();
    let words = words(&chart.svg);
    for label in ["Z1 0–137 W", "Z2 138–187 W", "Z6 301–412 W", "Z7 > 412 W"] {
        assert!(
            words.iter().any(|w| w == label),
            "{label} missing from {words:?}"
        );
    }
    // 1200 of 3330 seconds.
    assert!(words.iter().any(|w| w == "0:20:00  36%"), "{words:?}");
    assert!(words.iter().any(|w| w == "0:00:30  1%"));
}

#[test]
fn heart_rate_zones_are_in_bpm() {
    let chart = zones_chart(
        &[60, 120, 30],
        &[130, 160],
        ZoneKind::HeartRate,
        &light(500),
    )
    .unwrap();
    let words = words(&chart.svg);
    assert!(words.iter().any(|w| w == "Z2 131–160 bpm"));
    assert!(words.iter().any(|w| w == "Z3 > 160 bpm"));
}

#[test]
fn bars_grow_with_time_and_the_longest_fills_the_track() {
    let palette = Palette::for_theme(Theme::Light);
    let chart = zones_chart(&SECONDS, &BOUNDS, ZoneKind::Power, &light(700)).unwrap();
    let width_of = |zone: usize| rects(&chart.svg, &palette.zone(zone).hex())[0].geometry[2];
    let track = rects(&chart.svg, &palette.grid.hex())[0].geometry[2];
    assert_eq!(width_of(1), track);
    assert!(
        (width_of(0) - track / 2.0).abs() <= 1.0,
        "600 s is half of 1200 s"
    );
    assert!(width_of(6) < width_of(5) && width_of(5) < width_of(4));
    assert_eq!(chart.height, 16 + 28 * 7);
}

#[test]
fn a_bound_for_the_open_zone_is_accepted_and_ignored() {
    let with_last = [137, 187, 225, 262, 300, 412, 2000];
    let chart = zones_chart(&SECONDS, &with_last, ZoneKind::Power, &light(700)).unwrap();
    assert!(words(&chart.svg).iter().any(|w| w == "Z7 > 412 W"));
}

#[test]
fn bad_input_is_an_error() {
    let opts = light(500);
    let empty = zones_chart(&[], &[], ZoneKind::Power, &opts);
    assert!(matches!(empty, Err(ChartError::NothingToDraw { .. })));
    let idle = zones_chart(&[0, 0, 0], &[100, 200], ZoneKind::Power, &opts);
    assert!(matches!(idle, Err(ChartError::NothingToDraw { .. })));
    let short = zones_chart(&[10, 20, 30], &[100], ZoneKind::Power, &opts).unwrap_err();
    assert_eq!(
        short,
        ChartError::MismatchedLengths {
            what: "the zones' upper bounds".to_string(),
            expected: 2,
            found: 1
        }
    );
}

#[test]
fn dark_and_light_differ() {
    let light_svg = zones_chart(&SECONDS, &BOUNDS, ZoneKind::Power, &light(500))
        .unwrap()
        .svg;
    let dark = options(500, Theme::Dark, Units::Metric);
    let dark_svg = zones_chart(&SECONDS, &BOUNDS, ZoneKind::Power, &dark)
        .unwrap()
        .svg;
    assert_ne!(light_svg, dark_svg);
}
