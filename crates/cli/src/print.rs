//! Plain-text renderings of the cache for the terminal.

use chrono::{Datelike, NaiveDate};
use offpeak_domain::{Activity, CalendarEntry, Month, PlanStatus, Workout, entries_by_day};
use offpeak_store::ConnectionRecord;
use std::fmt::Write;

pub fn duration(seconds: u32) -> String {
    let (h, m) = (seconds / 3600, (seconds % 3600 + 30) / 60);
    match (h, m) {
        (0, m) => format!("{m}m"),
        (h, 60) => format!("{}h", h + 1),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m:02}m"),
    }
}

fn distance(meters: Option<f64>) -> String {
    match meters {
        Some(m) if m >= 1000.0 => format!(", {:.1} km", m / 1000.0),
        Some(m) if m > 0.0 => format!(", {m:.0} m"),
        _ => String::new(),
    }
}

/// The month, day by day, days without entries left out.
pub fn month(
    month: Month,
    today: NaiveDate,
    workouts: &[Workout],
    activities: &[Activity],
) -> String {
    let mut out = format!("{}\n", month.first_day().format("%B %Y"));
    let mut any = false;
    for (day, entries) in entries_by_day(month.grid(), today, workouts, activities) {
        if !month.contains(day) || entries.is_empty() {
            continue;
        }
        any = true;
        let marker = if day == today { " (today)" } else { "" };
        let _ = writeln!(out, "\n{} {:>2}{marker}", day.weekday(), day.day());
        for entry in entries {
            let line = match entry {
                CalendarEntry::Planned(w, status) => {
                    let status = match status {
                        PlanStatus::Done => "done",
                        PlanStatus::Missed => "missed",
                        PlanStatus::Upcoming => "planned",
                    };
                    format!(
                        "  [{status:>7}] {} · {} {}{}",
                        w.name,
                        w.sport.as_str(),
                        duration(w.planned_duration_s),
                        distance(w.planned_distance_m)
                    )
                }
                CalendarEntry::Completed(a) => {
                    format!(
                        "  [    did] {} · {} {}{}",
                        a.name,
                        a.sport.as_str(),
                        duration(a.moving_time_s),
                        distance(a.distance_m)
                    )
                }
            };
            let _ = writeln!(out, "{line}");
        }
    }
    if !any {
        let _ = writeln!(
            out,
            "\nNothing planned or done this month in the local cache."
        );
    }
    out
}

pub fn accounts(connections: &[ConnectionRecord]) -> String {
    if connections.is_empty() {
        return "No account is connected.\n".into();
    }
    let mut out = String::new();
    for c in connections {
        let when = |t: Option<chrono::DateTime<chrono::Utc>>| {
            t.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        };
        let scopes: Vec<&str> = c.scopes.iter().map(|s| s.as_str()).collect();
        let _ = writeln!(
            out,
            "{} · {} · {}",
            c.id,
            c.provider.display_name(),
            c.athlete_name
        );
        let _ = writeln!(out, "  server        {}", c.origin);
        let _ = writeln!(out, "  scopes        {}", scopes.join(" "));
        let _ = writeln!(
            out,
            "  access until  {}",
            when(c.access_expires_at).unwrap_or_else(|| "no expiry given".into())
        );
        let _ = writeln!(
            out,
            "  last sync     {}",
            when(c.last_sync_at).unwrap_or_else(|| "never".into())
        );
        if let Some(error) = &c.last_error {
            let _ = writeln!(out, "  last error    {error}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(45 * 60), "45m");
        assert_eq!(duration(3600), "1h");
        assert_eq!(duration(5400), "1h 30m");
        assert_eq!(duration(3599 + 3600), "2h");
    }
}
