//! Helpers shared by the chart tests: options, sample streams, and a reader for the SVG the
//! charts produce (parsed with an XML parser, so every test also checks it is well-formed).
#![allow(dead_code)]

use offpeak_charts::{ChartOptions, Theme, Units};
use offpeak_domain::{StreamData, StreamKind, Streams};

pub fn options(width_px: u32, theme: Theme, units: Units) -> ChartOptions {
    ChartOptions {
        width_px,
        theme,
        units,
    }
}

pub fn light(width_px: u32) -> ChartOptions {
    options(width_px, Theme::Light, Units::Metric)
}

/// Streams of the given scalar columns.
pub fn streams(columns: Vec<(StreamKind, Vec<Option<f64>>)>) -> Streams {
    let mut streams = Streams::default();
    for (kind, column) in columns {
        streams.insert(kind, StreamData::Scalar(column));
    }
    streams
}

/// `len` one-second samples of every scalar stream, varying smoothly.
pub fn ride(len: usize) -> Streams {
    let column = |f: &dyn Fn(f64) -> f64| (0..len).map(|i| Some(f(i as f64))).collect();
    streams(vec![
        (StreamKind::Time, column(&|t| t)),
        (StreamKind::Distance, column(&|t| t * 8.0)),
        (
            StreamKind::Altitude,
            column(&|t| 400.0 + 50.0 * (t / 700.0).sin()),
        ),
        (StreamKind::Velocity, column(&|t| 8.0 + (t / 300.0).sin())),
        (
            StreamKind::Heartrate,
            column(&|t| 140.0 + 10.0 * (t / 500.0).sin()),
        ),
        (
            StreamKind::Cadence,
            column(&|t| 85.0 + 3.0 * (t / 60.0).sin()),
        ),
        (
            StreamKind::Watts,
            column(&|t| 200.0 + 40.0 * (t / 120.0).sin()),
        ),
    ])
}

/// One drawn element of interest, read from the SVG.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub tag: String,
    pub fill: String,
    pub stroke: String,
    pub opacity: f64,
    /// A polyline's or polygon's points.
    pub points: Vec<(f64, f64)>,
    /// A rect's x, y, width, height; a circle's cx, cy, r, 0.
    pub geometry: [f64; 4],
    /// A text's content.
    pub text: String,
    /// A text's x, y.
    pub at: (f64, f64),
}

/// Parses `svg` (panicking when it is not well-formed XML) and lists its elements.
pub fn elements(svg: &str) -> Vec<Element> {
    let document = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    document
        .descendants()
        .filter(|n| n.is_element())
        .map(|node| {
            let attr = |name: &str| node.attribute(name).unwrap_or("").to_string();
            let num = |name: &str| {
                node.attribute(name)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0.0)
            };
            let points = attr("points")
                .split_whitespace()
                .filter_map(|pair| {
                    let (x, y) = pair.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect();
            let geometry = match node.tag_name().name() {
                "circle" => [num("cx"), num("cy"), num("r"), 0.0],
                _ => [num("x"), num("y"), num("width"), num("height")],
            };
            Element {
                tag: node.tag_name().name().to_string(),
                fill: attr("fill"),
                stroke: attr("stroke"),
                opacity: node
                    .attribute("opacity")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1.0),
                points,
                geometry,
                text: node.text().unwrap_or("").trim().to_string(),
                at: (num("x"), num("y")),
            }
        })
        .collect()
}

/// The polylines stroked in `colour` (`#RRGGBB`).
pub fn lines(svg: &str, colour: &str) -> Vec<Vec<(f64, f64)>> {
    elements(svg)
        .into_iter()
        .filter(|e| e.tag == "polyline" && e.stroke == colour)
        .map(|e| e.points)
        .collect()
}

/// The rects filled with `colour`.
pub fn rects(svg: &str, colour: &str) -> Vec<Element> {
    elements(svg)
        .into_iter()
        .filter(|e| e.tag == "rect" && e.fill == colour)
        .collect()
}

/// The text elements' contents and positions.
pub fn texts(svg: &str) -> Vec<(String, (f64, f64))> {
    elements(svg)
        .into_iter()
        .filter(|e| e.tag == "text")
        .map(|e| (e.text, e.at))
        .collect()
}

/// Where the text `content` is drawn (the first one).
pub fn text_at(svg: &str, content: &str) -> (f64, f64) {
    texts(svg)
        .into_iter()
        .find(|(text, _)| text == content)
        .unwrap_or_else(|| panic!("no text {content:?} in the chart"))
        .1
}

/// The `viewBox` of the SVG.
pub fn view_box(svg: &str) -> Vec<f64> {
    let document = roxmltree::Document::parse(svg).expect("well-formed");
    document
        .root_element()
        .attribute("viewBox")
        .expect("a viewBox")
        .split_whitespace()
        .map(|v| v.parse().expect("a number"))
        .collect()
}
