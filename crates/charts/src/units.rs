//! Display units and the text of numbers on axes and labels: speed, altitude, distance and pace
//! conversions, h:mm:ss durations, m:ss paces and the short durations of the power curve.

use crate::options::Units;

const METRES_PER_MILE: f64 = 1609.344;
const FEET_PER_METRE: f64 = 1.0 / 0.3048;

impl Units {
    /// A speed in m/s, in km/h or mph.
    pub fn speed(self, metres_per_second: f64) -> f64 {
        match self {
            Units::Metric => metres_per_second * 3.6,
            Units::Imperial => metres_per_second * 3600.0 / METRES_PER_MILE,
        }
    }

    pub fn speed_unit(self) -> &'static str {
        match self {
            Units::Metric => "km/h",
            Units::Imperial => "mph",
        }
    }

    /// An altitude in metres, in m or ft.
    pub fn altitude(self, metres: f64) -> f64 {
        match self {
            Units::Metric => metres,
            Units::Imperial => metres * FEET_PER_METRE,
        }
    }

    pub fn altitude_unit(self) -> &'static str {
        match self {
            Units::Metric => "m",
            Units::Imperial => "ft",
        }
    }

    /// A distance in metres, in km or mi.
    pub fn distance(self, metres: f64) -> f64 {
        match self {
            Units::Metric => metres / 1000.0,
            Units::Imperial => metres / METRES_PER_MILE,
        }
    }

    pub fn distance_unit(self) -> &'static str {
        match self {
            Units::Metric => "km",
            Units::Imperial => "mi",
        }
    }

    /// A pace in seconds per kilometre, in seconds per km or per mile.
    pub fn pace(self, seconds_per_km: f64) -> f64 {
        match self {
            Units::Metric => seconds_per_km,
            Units::Imperial => seconds_per_km * METRES_PER_MILE / 1000.0,
        }
    }

    pub fn pace_unit(self) -> &'static str {
        match self {
            Units::Metric => "min/km",
            Units::Imperial => "min/mi",
        }
    }
}

/// Seconds as `h:mm:ss` (`1:05:09`; negative values are shown as 0).
pub fn format_hms(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    format!("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60)
}

/// Seconds (per km or mile) as `m:ss`.
pub fn format_pace(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    format!("{}:{:02}", total / 60, total % 60)
}

/// A duration as the power curve ticks it: `1s`, `15s`, `1m`, `20m`, `1h`, `1h30m`.
pub fn format_short_duration(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60);
    match (hours, minutes, secs) {
        (0, 0, s) => format!("{s}s"),
        (0, m, 0) => format!("{m}m"),
        (0, m, s) => format!("{m}m{s:02}s"),
        (h, 0, 0) => format!("{h}h"),
        (h, m, _) => format!("{h}h{m:02}m"),
    }
}

/// A tick value with as many decimals as its step needs (none for a step of 1 or more).
pub fn format_tick(value: f64, step: f64) -> String {
    let decimals = if step >= 1.0 || step <= 0.0 {
        0
    } else {
        (-step.log10()).ceil().clamp(0.0, 3.0) as usize
    };
    let text = format!("{value:.decimals$}");
    if text.starts_with('-') && text.trim_start_matches(['-', '0', '.']).is_empty() {
        text[1..].to_string()
    } else {
        text
    }
}
