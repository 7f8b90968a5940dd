//! Time in zones: one horizontal bar per zone, Z1 at the top, each labelled with its range
//! (`Z2 138–187 W`, the last `Z7 > 412 W`; bpm for heart rate), its time (h:mm:ss) and its
//! share of the total. The longest zone fills the bar track.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::canvas::{check_width, fill, render, text_style};
use crate::error::ChartError;
use crate::options::{Chart, ChartOptions, ZoneKind};
use crate::palette::Palette;
use crate::units::format_hms;

/// The height of one zone's row.
pub const ZONE_ROW_PX: u32 = 28;
const PAD_PX: u32 = 8;
const LABEL_PX: i32 = 124;
const FIGURES_PX: i32 = 112;
const BAR_PX: i32 = 16;

/// Draws `seconds` spent in each zone; `upper_bounds` are the zones' upper limits, lowest zone
/// first, one per zone but the last (which is open; a bound given for it is ignored).
pub fn zones_chart(
    seconds: &[u32],
    upper_bounds: &[u32],
    kind: ZoneKind,
    opts: &ChartOptions,
) -> Result<Chart, ChartError> {
    check_width(opts.width_px)?;
    if seconds.is_empty() {
        return Err(ChartError::nothing("there are no zones"));
    }
    let zones = seconds.len();
    if upper_bounds.len() + 1 != zones && upper_bounds.len() != zones {
        return Err(ChartError::MismatchedLengths {
            what: "the zones' upper bounds".to_string(),
            expected: zones - 1,
            found: upper_bounds.len(),
        });
    }
    let total: u64 = seconds.iter().map(|s| u64::from(*s)).sum();
    let longest = seconds.iter().copied().max().unwrap_or(0);
    if total == 0 {
        return Err(ChartError::nothing("no time was spent in any zone"));
    }
    let palette = Palette::for_theme(opts.theme);
    let unit = match kind {
        ZoneKind::Power => "W",
        ZoneKind::HeartRate => "bpm",
    };
    let width = opts.width_px;
    let height = 2 * PAD_PX + ZONE_ROW_PX * zones as u32;
    let track_from = LABEL_PX;
    let track_to = (width as i32 - FIGURES_PX).max(track_from + 1);

    let (chart, ()) = render(width, height, &palette, |root| {
        let label_style = text_style(12.0, palette.text).pos(Pos::new(HPos::Left, VPos::Center));
        let figures_style =
            text_style(12.0, palette.muted_text).pos(Pos::new(HPos::Right, VPos::Center));
        for (i, &secs) in seconds.iter().enumerate() {
            let top = (PAD_PX + ZONE_ROW_PX * i as u32) as i32;
            let middle = top + ZONE_ROW_PX as i32 / 2;
            let bar_top = middle - BAR_PX / 2;
            root.draw(&Text::new(
                zone_label(i, zones, upper_bounds, unit),
                (PAD_PX as i32, middle),
                label_style.clone(),
            ))?;
            root.draw(&Rectangle::new(
                [(track_from, bar_top), (track_to, bar_top + BAR_PX)],
                fill(palette.grid, 0.6),
            ))?;
            let share = f64::from(secs) / f64::from(longest);
            let bar_end = track_from + ((track_to - track_from) as f64 * share).round() as i32;
            if bar_end > track_from {
                root.draw(&Rectangle::new(
                    [(track_from, bar_top), (bar_end, bar_top + BAR_PX)],
                    fill(palette.zone(i), 1.0),
                ))?;
            }
            let percent = f64::from(secs) * 100.0 / total as f64;
            root.draw(&Text::new(
                format!("{}  {:.0}%", format_hms(f64::from(secs)), percent),
                (width as i32 - PAD_PX as i32, middle),
                figures_style.clone(),
            ))?;
        }
        Ok(())
    })?;
    Ok(chart)
}

/// `Z1 0–137 W`, `Z2 138–187 W`, …, `Z7 > 412 W`.
pub fn zone_label(index: usize, zones: usize, upper_bounds: &[u32], unit: &str) -> String {
    let number = index + 1;
    let low = match index {
        0 => 0,
        i => upper_bounds[i - 1].saturating_add(1),
    };
    if index + 1 == zones {
        match index {
            0 => format!("Z{number}"),
            i => format!("Z{number} > {} {unit}", upper_bounds[i - 1]),
        }
    } else {
        format!("Z{number} {low}–{} {unit}", upper_bounds[index])
    }
}
