//! Plain-text renderings of the cache for the terminal.

use chrono::{DateTime, Utc};
use chrono::{Datelike, NaiveDate};
use offpeak_domain::{Activity, CalendarEntry, Month, PlanStatus, Workout, entries_by_day};
use offpeak_domain::{AuthKind, ConnectionStatus};
use offpeak_sync::AccountSummary;
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

/// Each connection with what the accounts screen shows.
pub fn accounts(accounts: &[AccountSummary], now: DateTime<Utc>) -> String {
    if accounts.is_empty() {
        return "No account is connected.\n".into();
    }
    let mut out = String::new();
    for account in accounts {
        let c = &account.connection;
        let when = |t: Option<DateTime<Utc>>| t.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string());
        let status = match c.status {
            ConnectionStatus::Active => "connected",
            ConnectionStatus::ReauthRequired => "RECONNECT NEEDED",
            ConnectionStatus::Disconnected => "disconnected, cached data kept",
        };
        let _ = writeln!(
            out,
            "{} · {} · {} · {status}",
            c.id,
            c.provider.display_name(),
            c.athlete_name
        );
        let _ = writeln!(out, "  server        {}", c.origin);
        let auth = match c.auth_kind {
            AuthKind::OAuth => "browser sign-in (OAuth)",
            AuthKind::ApiKey => "personal API key",
        };
        let _ = writeln!(out, "  signs in by   {auth}");
        if account.athletes.len() > 1 {
            let names: Vec<&str> = account.athletes.iter().map(|a| a.name.as_str()).collect();
            let _ = writeln!(out, "  athletes      {}", names.join(", "));
        }
        if c.auth_kind == AuthKind::OAuth {
            let scopes: Vec<&str> = c.scopes.iter().map(|s| s.as_str()).collect();
            let _ = writeln!(out, "  scopes        {}", scopes.join(" "));
            let missing: Vec<&str> = c
                .requested_scopes
                .iter()
                .filter(|s| !c.scopes.contains(s))
                .map(|s| s.as_str())
                .collect();
            if !missing.is_empty() {
                let _ = writeln!(
                    out,
                    "  not granted   {} (reconnect to allow)",
                    missing.join(" ")
                );
            }
        }
        let expiry = match c.access_expires_at {
            Some(at) if at > now => format!(
                "{} (in {} min)",
                when(Some(at)).unwrap_or_default(),
                (at - now).num_minutes()
            ),
            Some(at) => format!(
                "{} (expired; refreshed on the next sync)",
                when(Some(at)).unwrap_or_default()
            ),
            None if c.status == ConnectionStatus::Disconnected => "none".into(),
            None => "does not expire".into(),
        };
        let _ = writeln!(out, "  access until  {expiry}");
        let _ = writeln!(
            out,
            "  last refresh  {}",
            when(c.last_refresh_at).unwrap_or_else(|| "never".into())
        );
        let _ = writeln!(
            out,
            "  last sync     {}",
            when(c.last_sync_at).unwrap_or_else(|| "never".into())
        );
        if let Some(error) = &c.last_error {
            let _ = writeln!(out, "  last error    {error}");
        }
        let _ = writeln!(
            out,
            "  cache         {} planned, {} activities, {}",
            account.cache.workouts,
            account.cache.activities,
            bytes(account.cache.bytes)
        );
    }
    out
}

fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / f64::from(1 << 20)),
        n if n >= 1 << 10 => format!("{:.0} kB", n as f64 / f64::from(1 << 10)),
        n => format!("{n} bytes"),
    }
}

/// The sync settings, one per line.
pub fn settings(settings: &offpeak_sync::SyncSettings) -> String {
    use offpeak_sync::StreamsPolicy;
    let interval = match settings.interval_minutes {
        0 => "off (sync by hand)".to_string(),
        m => format!("every {m} minutes"),
    };
    let streams = match settings.streams {
        StreamsPolicy::All => "all activities".to_string(),
        StreamsPolicy::RecentMonths { months } => format!("activities of the last {months} months"),
        StreamsPolicy::OnDemand => "only when an activity is opened".to_string(),
    };
    format!("Background sync: {interval}\nStreams fetched ahead: {streams}\n")
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

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(bytes(0), "0 bytes");
        assert_eq!(bytes(1023), "1023 bytes");
        assert_eq!(bytes(1024), "1 kB");
        assert_eq!(bytes(3 << 20), "3.0 MB");
    }
}
