//! The files the exports write, as text: planned workouts as iCalendar (RFC 5545) and
//! activities as CSV (RFC 4180). Pure; the caller writes the file.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use offpeak_domain::{Activity, Workout};
use std::fmt::Write;

/// The workouts as an iCalendar calendar named after the athlete. A workout with a start time
/// is a floating local-time event of its planned duration; one without is an all-day event.
/// UIDs are stable (the workout's id and connection), so importing again updates rather than
/// duplicates.
pub fn plan_ics(
    workouts: &[Workout],
    athlete_name: &str,
    connection_id: &str,
    now: DateTime<Utc>,
) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Offpeak//Training plan//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!(
            "X-WR-CALNAME:{}",
            escape_text(&format!("{athlete_name} — training plan"))
        ),
    ];
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for workout in workouts {
        lines.push("BEGIN:VEVENT".to_owned());
        lines.push(format!(
            "UID:{}@{}.offpeak",
            escape_text(&workout.id),
            escape_text(connection_id)
        ));
        lines.push(format!("DTSTAMP:{stamp}"));
        match start_of(workout) {
            Some(start) => {
                lines.push(format!(
                    "DTSTART:{}{}",
                    ics_date(workout.date),
                    start.format("T%H%M%S")
                ));
                lines.push(format!(
                    "DURATION:PT{}S",
                    workout.planned_duration_s.max(60)
                ));
            }
            None => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", ics_date(workout.date)));
                let next = workout.date + Days::new(1);
                lines.push(format!("DTEND;VALUE=DATE:{}", ics_date(next)));
            }
        }
        lines.push(format!("SUMMARY:{}", escape_text(&summary(workout))));
        lines.push(format!(
            "DESCRIPTION:{}",
            escape_text(&description(workout))
        ));
        lines.push(format!("CATEGORIES:{}", escape_text(sport_name(workout))));
        lines.push("TRANSP:TRANSPARENT".to_owned());
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
    }
    out
}

fn start_of(workout: &Workout) -> Option<NaiveTime> {
    let text = workout.start_time.as_deref()?;
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()
}

fn ics_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

fn sport_name(workout: &Workout) -> &'static str {
    match workout.sport {
        offpeak_domain::Sport::Ride => "Ride",
        offpeak_domain::Sport::Run => "Run",
        offpeak_domain::Sport::Swim => "Swim",
        offpeak_domain::Sport::Strength => "Strength",
        offpeak_domain::Sport::Other => "Training",
    }
}

fn summary(workout: &Workout) -> String {
    let race = workout
        .race
        .map(|r| format!("{} race: ", r.as_str()))
        .unwrap_or_default();
    format!(
        "{race}{} ({}, {})",
        workout.name,
        sport_name(workout),
        clock(workout.planned_duration_s)
    )
}

fn description(workout: &Workout) -> String {
    let mut text = String::new();
    let _ = write!(text, "Planned: {}", clock(workout.planned_duration_s));
    if let Some(distance) = workout.planned_distance_m {
        let _ = write!(text, ", {:.1} km", distance / 1000.0);
    }
    if let Some(load) = workout.planned_load {
        let _ = write!(text, ", load {load:.0}");
    }
    if let Some(notes) = workout
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        let _ = write!(text, "\n\n{}", notes.trim());
    }
    text
}

/// 5400 → "1h30", 2700 → "45 min".
fn clock(seconds: u32) -> String {
    let minutes = (seconds + 30) / 60;
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m:02}"),
    }
}

/// RFC 5545 TEXT escaping: backslash, semicolon, comma and line breaks.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Ends a content line with CRLF, folded so that no line exceeds 75 octets (continuation lines
/// start with a space), never splitting a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

/// The activities as CSV with a header row, metric units named in the headers. `load_of` gives
/// the load shown in Offpeak (computed from the streams when they gave one). Cells that a
/// spreadsheet would run as a formula are prefixed with `'`.
pub fn activities_csv(
    activities: &[Activity],
    load_of: impl Fn(&Activity) -> Option<f64>,
) -> String {
    let mut out = String::from(
        "date,start_utc,sport,name,moving_time_s,elapsed_time_s,distance_km,elevation_gain_m,\
         avg_power_w,normalized_power_w,intensity_factor,load,avg_hr_bpm,max_hr_bpm,\
         avg_cadence_rpm,calories_kcal,indoor,planned_workout_id,activity_id\r\n",
    );
    for a in activities {
        let cells = [
            a.local_date.to_string(),
            a.start_time.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            a.sport.as_str().to_owned(),
            a.name.clone(),
            a.moving_time_s.to_string(),
            a.elapsed_time_s.to_string(),
            number(a.distance_m.map(|m| m / 1000.0), 3),
            number(a.elevation_gain_m, 0),
            number(a.avg_power_w, 0),
            number(a.normalized_power_w, 0),
            number(a.intensity_factor, 2),
            number(load_of(a), 1),
            number(a.avg_hr, 0),
            number(a.max_hr, 0),
            number(a.avg_cadence, 0),
            number(a.calories, 0),
            a.trainer.to_string(),
            a.planned_workout_id.clone().unwrap_or_default(),
            a.id.clone(),
        ];
        let row: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

fn number(value: Option<f64>, decimals: usize) -> String {
    value
        .filter(|v| v.is_finite())
        .map(|v| format!("{v:.decimals$}"))
        .unwrap_or_default()
}

fn csv_cell(text: &str) -> String {
    let guarded =
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.parse::<f64>().is_err() {
            format!("'{text}")
        } else {
            text.to_owned()
        };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
#[path = "export_formats_tests.rs"]
mod tests;
