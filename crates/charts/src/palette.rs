//! The colours of each theme. A series keeps its hue in both themes (a lighter tint on the dark
//! card), so a person who learnt "heart rate is red" reads either.

use plotters::style::RGBColor;
use serde::{Serialize, Serializer};

use crate::options::Theme;

/// An opaque colour; serialised as `#RRGGBB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#RRGGBB`, upper case, as written in the SVG.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    pub(crate) fn color(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.hex())
    }
}

/// Every colour a chart uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Palette {
    /// The card: #fff or #1c1f26.
    pub background: Rgb,
    pub text: Rgb,
    pub muted_text: Rgb,
    pub grid: Rgb,
    pub axis: Rgb,
    pub power: Rgb,
    pub heart_rate: Rgb,
    pub cadence: Rgb,
    pub speed: Rgb,
    pub altitude: Rgb,
    /// The planned targets over the power panel (drawn translucent).
    pub plan_target: Rgb,
    /// The comparison curve on the power-curve chart.
    pub best: Rgb,
    pub fitness: Rgb,
    pub fatigue: Rgb,
    pub form_positive: Rgb,
    pub form_negative: Rgb,
    pub route: Rgb,
    pub start: Rgb,
    pub finish: Rgb,
    /// Steps without a target, and warm-up and cool-down.
    pub neutral: Rgb,
    /// Z1 upwards; more zones than colours reuse the last.
    pub zones: [Rgb; 7],
}

impl Palette {
    pub fn for_theme(theme: Theme) -> Palette {
        match theme {
            Theme::Light => Palette {
                background: Rgb(0xff, 0xff, 0xff),
                text: Rgb(0x1f, 0x29, 0x37),
                muted_text: Rgb(0x6b, 0x72, 0x80),
                grid: Rgb(0xe5, 0xe7, 0xeb),
                axis: Rgb(0x9c, 0xa3, 0xaf),
                power: Rgb(0x7c, 0x3a, 0xed),
                heart_rate: Rgb(0xdc, 0x26, 0x26),
                cadence: Rgb(0xd9, 0x77, 0x06),
                speed: Rgb(0x02, 0x84, 0xc7),
                altitude: Rgb(0x6b, 0x72, 0x80),
                plan_target: Rgb(0x0d, 0x94, 0x88),
                best: Rgb(0xb8, 0xa4, 0xf5),
                fitness: Rgb(0x25, 0x63, 0xeb),
                fatigue: Rgb(0xdb, 0x27, 0x77),
                form_positive: Rgb(0x16, 0xa3, 0x4a),
                form_negative: Rgb(0xea, 0x58, 0x0c),
                route: Rgb(0x25, 0x63, 0xeb),
                start: Rgb(0x16, 0xa3, 0x4a),
                finish: Rgb(0xdc, 0x26, 0x26),
                neutral: Rgb(0x9c, 0xa3, 0xaf),
                zones: [
                    Rgb(0x9c, 0xa3, 0xaf),
                    Rgb(0x3b, 0x82, 0xf6),
                    Rgb(0x22, 0xc5, 0x5e),
                    Rgb(0xea, 0xb3, 0x08),
                    Rgb(0xf9, 0x73, 0x16),
                    Rgb(0xef, 0x44, 0x44),
                    Rgb(0xa8, 0x55, 0xf7),
                ],
            },
            Theme::Dark => Palette {
                background: Rgb(0x1c, 0x1f, 0x26),
                text: Rgb(0xe5, 0xe7, 0xeb),
                muted_text: Rgb(0x9c, 0xa3, 0xaf),
                grid: Rgb(0x2d, 0x33, 0x3f),
                axis: Rgb(0x4b, 0x55, 0x63),
                power: Rgb(0xa7, 0x8b, 0xfa),
                heart_rate: Rgb(0xf8, 0x71, 0x71),
                cadence: Rgb(0xfb, 0xbf, 0x24),
                speed: Rgb(0x38, 0xbd, 0xf8),
                altitude: Rgb(0x9c, 0xa3, 0xaf),
                plan_target: Rgb(0x2d, 0xd4, 0xbf),
                best: Rgb(0x7a, 0x68, 0xb8),
                fitness: Rgb(0x60, 0xa5, 0xfa),
                fatigue: Rgb(0xf4, 0x72, 0xb6),
                form_positive: Rgb(0x4a, 0xde, 0x80),
                form_negative: Rgb(0xfb, 0x92, 0x3c),
                route: Rgb(0x60, 0xa5, 0xfa),
                start: Rgb(0x4a, 0xde, 0x80),
                finish: Rgb(0xf8, 0x71, 0x71),
                neutral: Rgb(0x6b, 0x72, 0x80),
                zones: [
                    Rgb(0x9c, 0xa3, 0xaf),
                    Rgb(0x60, 0xa5, 0xfa),
                    Rgb(0x4a, 0xde, 0x80),
                    Rgb(0xfa, 0xcc, 0x15),
                    Rgb(0xfb, 0x92, 0x3c),
                    Rgb(0xf8, 0x71, 0x71),
                    Rgb(0xc0, 0x84, 0xfc),
                ],
            },
        }
    }

    /// The colour of zone `index` (0 is Z1).
    pub fn zone(&self, index: usize) -> Rgb {
        self.zones[index.min(self.zones.len() - 1)]
    }
}
