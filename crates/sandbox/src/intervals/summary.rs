//! `GET /api/v1/athlete/{id}/athlete-summary`: for a coach, one row per followed athlete plus
//! themselves (the OpenAPI's `SummaryWithCats`): totals of the activities between `start` and
//! `end` (local dates or date-times, by default the last seven days), by sport in
//! `byCategory`, and fitness, fatigue and form at the end. With a bearer token only the
//! token's athlete comes back, as on the platform.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, NaiveDateTime, NaiveTime};
use serde_json::Value;

use super::activities::local_start;
use super::athlete::sport_type;
use super::auth::{self, Call};
use super::errors::IcuError;
use super::query::{Obj, round};
use super::scopes::Area;
use super::{fitness, ids};
use crate::data::{Activity, Athlete, Dataset};

#[derive(Default)]
struct Totals {
    count: u32,
    moving: u64,
    elapsed: u64,
    calories: u64,
    climb: f64,
    load: u64,
    distance: f64,
}

impl Totals {
    fn add(&mut self, a: &Activity) {
        self.count += 1;
        self.moving += u64::from(a.moving_time_s);
        self.elapsed += u64::from(a.elapsed_time_s);
        self.calories += u64::from(a.calories.unwrap_or(0));
        self.climb += a.elevation_gain_m.unwrap_or(0.0);
        self.load += u64::from(a.load.unwrap_or(0));
        self.distance += a.distance_m.unwrap_or(0.0);
    }

    fn into_obj(self, a: &Athlete) -> Obj {
        Obj::default()
            .set("count", self.count)
            .set("time", self.moving)
            .set("moving_time", self.moving)
            .set("elapsed_time", self.elapsed)
            .set("calories", self.calories)
            .set("total_elevation_gain", round(self.climb, 1))
            .set("training_load", self.load)
            .set("distance", round(self.distance, 1))
            .set("eftp", f64::from(a.ftp_w))
            .set(
                "eftpPerKg",
                round(f64::from(a.ftp_w) / a.weight_kg.max(1.0), 2),
            )
    }
}

/// The summary row of one athlete between two local instants.
pub(crate) fn row(data: &Dataset, a: &Athlete, start: NaiveDateTime, end: NaiveDateTime) -> Value {
    let mut total = Totals::default();
    let mut by_sport: BTreeMap<&'static str, Totals> = BTreeMap::new();
    for act in data.activities.iter().filter(|x| x.athlete_id == a.id) {
        let t = local_start(act);
        if t < start || t > end {
            continue;
        }
        total.add(act);
        by_sport
            .entry(sport_type(act.sport, act.trainer))
            .or_default()
            .add(act);
    }
    let day = fitness::series(data, &a.id, end.date())
        .get(&end.date())
        .copied();
    let measured = || {
        data.wellness
            .iter()
            .filter(|w| w.athlete_id == a.id && w.date <= end.date())
    };
    let latest = measured().max_by_key(|w| w.date);
    let weight = measured()
        .filter(|w| w.weight_kg.is_some())
        .max_by_key(|w| w.date)
        .and_then(|w| w.weight_kg)
        .unwrap_or(a.weight_kg);
    let categories: Vec<Value> = by_sport
        .into_iter()
        .map(|(sport, t)| t.into_obj(a).set("category", sport).value())
        .collect();
    total
        .into_obj(a)
        .set("date", start.date().to_string())
        .set("athlete_id", ids::athlete_id(&a.id))
        .set("athlete_name", a.name.clone())
        .set("fitness", day.map(|d| d.ctl))
        .set("fatigue", day.map(|d| d.atl))
        .set("form", day.map(|d| round(d.ctl - d.atl, 2)))
        .set("rampRate", day.map(|d| d.ramp))
        .set("weight", weight)
        .set("byCategory", categories)
        .set("mostRecentWellnessId", latest.map(|w| w.date.to_string()))
        .value()
}

pub(crate) async fn list(
    Path(id): Path<String>,
    Call { app, caller, query }: Call,
) -> Result<Response, IcuError> {
    let catalog = app.catalog();
    let data = &catalog.data;
    let athlete = auth::athlete_in(data, &caller, &id, Area::Activity)?;
    let today = app.config.anchor;
    let end = query
        .instant("end", true)?
        .unwrap_or_else(|| today.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default()));
    let start = query
        .instant("start", false)?
        .unwrap_or_else(|| (end.date() - Duration::days(6)).and_time(NaiveTime::MIN));
    let athletes: Vec<&Athlete> = if caller.is_token() {
        vec![athlete]
    } else {
        data.readable_by(&athlete.id)
            .into_iter()
            .filter(|a| data.may_read(&caller.athlete_id, &a.id))
            .collect()
    };
    let rows: Vec<Value> = athletes
        .into_iter()
        .map(|a| row(data, a, start, end))
        .collect();
    Ok(Json(rows).into_response())
}
