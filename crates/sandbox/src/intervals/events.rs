//! `GET /api/v1/athlete/{id}/events`: the calendar between two local dates (inclusive; by
//! default today and the six days after): planned workouts as `WORKOUT` (with `workout_doc`),
//! races as `RACE_A|B|C`, calendar notes as `NOTE`, `HOLIDAY`, `SICK` or `INJURED`. `category`
//! filters, `limit` cuts, `resolve=true` adds absolute targets to the steps.

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, NaiveDate, NaiveTime, SecondsFormat};
use serde_json::Value;

use super::athlete::sport_type;
use super::auth::{self, Call};
use super::errors::IcuError;
use super::ids::{self, EventIds};
use super::query::{Obj, local_string, round};
use super::scopes::Area;
use super::workout_doc::workout_doc;
use crate::data::{Athlete, CalendarNote, Dataset, NoteCategory, RacePriority, Workout};

pub(crate) fn category_of(w: &Workout) -> &'static str {
    match w.race {
        None => "WORKOUT",
        Some(RacePriority::A) => "RACE_A",
        Some(RacePriority::B) => "RACE_B",
        Some(RacePriority::C) => "RACE_C",
    }
}

fn note_category(c: NoteCategory) -> &'static str {
    match c {
        NoteCategory::Note => "NOTE",
        NoteCategory::Holiday => "HOLIDAY",
        NoteCategory::Sick => "SICK",
        NoteCategory::Injured => "INJURED",
    }
}

fn start_of(date: NaiveDate, hh_mm: Option<&str>) -> String {
    let time = hh_mm
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
        .unwrap_or(NaiveTime::MIN);
    local_string(date.and_time(time))
}

pub(crate) fn workout_event(w: &Workout, a: &Athlete, resolve: bool, ids: &EventIds) -> Value {
    let doc = workout_doc(w, a, resolve);
    let structured = doc.is_some();
    let target = doc
        .as_ref()
        .and_then(|d| d["target"].as_str().map(str::to_string));
    let mut obj = Obj::default()
        .set("id", ids.get(&w.id))
        .set("athlete_id", ids::athlete_id(&a.id))
        .set(
            "start_date_local",
            start_of(w.date, w.start_time.as_deref()),
        )
        .set("category", category_of(w))
        .set("type", sport_type(w.sport, false))
        .set("name", w.name.clone())
        .set("description", w.description.clone())
        .set("indoor", false)
        .set("moving_time", w.planned_duration_s)
        .set("icu_training_load", w.planned_load)
        .set("icu_intensity", w.intensity.map(|i| round(i * 100.0, 1)))
        .set("distance", w.planned_distance_m);
    if structured {
        obj = obj.some("target", target);
    } else {
        // Without steps the plan is a set of targets.
        obj = obj
            .set("load_target", w.planned_load)
            .set("time_target", w.planned_duration_s)
            .set("distance_target", w.planned_distance_m);
    }
    obj.set("workout_doc", doc)
        .set(
            "updated",
            w.updated_at.to_rfc3339_opts(SecondsFormat::Millis, true),
        )
        .value()
}

pub(crate) fn note_event(n: &CalendarNote, ids: &EventIds) -> Value {
    // The end is exclusive: midnight after the last day.
    let end = n.end_date + Duration::days(1);
    Obj::default()
        .set("id", ids.get(&n.id))
        .set("athlete_id", ids::athlete_id(&n.athlete_id))
        .set("start_date_local", start_of(n.start_date, None))
        .set("end_date_local", start_of(end, None))
        .set("category", note_category(n.category))
        .set("name", n.name.clone())
        .set("description", n.description.clone())
        .set(
            "updated",
            n.updated_at.to_rfc3339_opts(SecondsFormat::Millis, true),
        )
        .value()
}

/// The events of `athlete` between `oldest` and `newest` (inclusive), in calendar order.
pub(crate) fn events(
    data: &Dataset,
    athlete: &Athlete,
    oldest: NaiveDate,
    newest: NaiveDate,
    resolve: bool,
) -> Vec<Value> {
    let ids = EventIds::of(data);
    let mut rows: Vec<(String, i64, Value)> = Vec::new();
    for w in data
        .workouts
        .iter()
        .filter(|w| w.athlete_id == athlete.id && w.date >= oldest && w.date <= newest)
    {
        let event = workout_event(w, athlete, resolve, &ids);
        let key = event["start_date_local"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        rows.push((key, ids.get(&w.id), event));
    }
    for n in data
        .notes
        .iter()
        .filter(|n| n.athlete_id == athlete.id && n.start_date <= newest && n.end_date >= oldest)
    {
        let event = note_event(n, &ids);
        let key = event["start_date_local"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        rows.push((key, ids.get(&n.id), event));
    }
    rows.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    rows.into_iter().map(|(_, _, e)| e).collect()
}

pub(crate) async fn list(
    Path(id): Path<String>,
    Call { app, caller, query }: Call,
) -> Result<Response, IcuError> {
    let catalog = app.catalog();
    let athlete = auth::athlete_in(&catalog.data, &caller, &id, Area::Calendar)?;
    // "Today" is the data set's anchor date.
    let oldest = query.date("oldest")?.unwrap_or(app.config.anchor);
    let newest = query.date("newest")?.unwrap_or(oldest + Duration::days(6));
    let categories = query.list("category");
    let limit = query.limit()?;
    let list: Vec<Value> = events(
        &catalog.data,
        athlete,
        oldest,
        newest,
        query.flag("resolve"),
    )
    .into_iter()
    .filter(|e| {
        categories.as_ref().is_none_or(|wanted| {
            wanted
                .iter()
                .any(|c| e["category"].as_str() == Some(c.as_str()))
        })
    })
    .take(limit.unwrap_or(usize::MAX))
    .collect();
    Ok(Json(list).into_response())
}
