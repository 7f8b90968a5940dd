mod common;

use common::{elements, light, lines, options};
use offpeak_charts::{ChartError, Palette, Theme, Units, route_chart};

/// The drawn width and height of every route line together.
fn extent(svg: &str) -> (f64, f64) {
    let colour = Palette::for_theme(Theme::Light).route.hex();
    let points: Vec<(f64, f64)> = lines(svg, &colour).into_iter().flatten().collect();
    let span = |pick: fn(&(f64, f64)) -> f64| {
        let values = points.iter().map(pick);
        values.clone().fold(f64::MIN, f64::max) - values.fold(f64::MAX, f64::min)
    };
    (span(|p| p.0), span(|p| p.1))
}

/// An open box one degree of latitude tall and two of longitude wide, around `middle_lat`.
fn box_around(middle_lat: f64) -> Vec<Option<[f64; 2]>> {
    let (south, north) = (middle_lat - 0.5, middle_lat + 0.5);
    vec![
        Some([south, 10.0]),
        Some([north, 10.0]),
        Some([north, 12.0]),
        Some([south, 12.0]),
    ]
}

#[test]
fn longitude_shrinks_with_the_cosine_of_latitude() {
    // At 60° N a degree of longitude is half a degree of latitude on the ground (cos 60° = ½):
    // the 2° × 1° box is square there, and twice as wide as tall on the equator.
    let (width, height) = extent(&route_chart(&box_around(60.0), &light(600)).unwrap().svg);
    assert!((width / height - 1.0).abs() < 0.02, "{width} × {height}");
    let (width, height) = extent(&route_chart(&box_around(0.0), &light(600)).unwrap().svg);
    assert!((width / height - 2.0).abs() < 0.03, "{width} × {height}");
}

#[test]
fn the_route_is_fitted_to_the_width_and_never_taller_than_wide() {
    let chart = route_chart(&box_around(0.0), &light(600)).unwrap();
    let (width, height) = extent(&chart.svg);
    assert!(width > 500.0 && width <= 600.0);
    assert!(
        (f64::from(chart.height) - height - 32.0).abs() <= 2.0,
        "padding around it"
    );
    let north_south = [Some([45.0, 7.0]), Some([46.0, 7.0])];
    let tall = route_chart(&north_south, &light(400)).unwrap();
    assert!(tall.height <= 400);
}

#[test]
fn start_is_green_finish_is_red_and_gaps_break_the_line() {
    let palette = Palette::for_theme(Theme::Light);
    let track = [
        Some([46.0, 7.0]),
        Some([46.01, 7.01]),
        None,
        Some([46.02, 7.03]),
        Some([46.03, 7.02]),
    ];
    let chart = route_chart(&track, &light(500)).unwrap();
    assert_eq!(lines(&chart.svg, &palette.route.hex()).len(), 2);
    let circles: Vec<_> = elements(&chart.svg)
        .into_iter()
        .filter(|e| e.tag == "circle")
        .collect();
    let start = circles
        .iter()
        .find(|c| c.fill == palette.start.hex())
        .expect("a start marker");
    let finish = circles
        .iter()
        .find(|c| c.fill == palette.finish.hex())
        .expect("a finish marker");
    let runs = lines(&chart.svg, &palette.route.hex());
    assert_eq!((start.geometry[0], start.geometry[1]), runs[0][0]);
    assert_eq!(
        (finish.geometry[0], finish.geometry[1]),
        *runs[1].last().unwrap()
    );
}

#[test]
fn a_route_without_positions_is_an_error() {
    assert!(matches!(
        route_chart(&[], &light(400)),
        Err(ChartError::NothingToDraw { .. })
    ));
    let lost = route_chart(&[None, None, Some([f64::NAN, 1.0])], &light(400));
    assert!(matches!(lost, Err(ChartError::NothingToDraw { .. })));
}

#[test]
fn dark_and_light_differ() {
    let light_svg = route_chart(&box_around(45.0), &light(400)).unwrap().svg;
    let dark = options(400, Theme::Dark, Units::Metric);
    let dark_svg = route_chart(&box_around(45.0), &dark).unwrap().svg;
    assert_ne!(light_svg, dark_svg);
}
