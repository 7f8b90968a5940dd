//! `GET /api/v1/athlete/{id}/wellness`: one record per day between `oldest` and `newest`
//! (local dates, inclusive; by default from the first day with data until today), with the
//! day's fitness, fatigue and ramp rate and whatever the athlete measured that morning.
//! `id` is the date; `updated` moves whenever the record or an activity it depends on changes.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};
use serde_json::Value;

use super::auth::{self, Call};
use super::errors::IcuError;
use super::fitness::{self, Day};
use super::query::{Obj, select};
use super::scopes::Area;
use crate::data::{Dataset, Wellness};

/// The platform's sleep quality runs from 1 (great) to 4 (poor); the data set's from 1 (poor)
/// to 4 (great).
fn sleep_quality(ours: u8) -> u8 {
    5u8.saturating_sub(ours.clamp(1, 4))
}

fn record(
    date: NaiveDate,
    day: Option<&Day>,
    w: Option<&Wellness>,
    updated: DateTime<Utc>,
) -> Value {
    Obj::default()
        .set("id", date.to_string())
        .set("ctl", day.map(|d| d.ctl))
        .set("atl", day.map(|d| d.atl))
        .set("rampRate", day.map(|d| d.ramp))
        .set("ctlLoad", day.map(|d| d.load))
        .set("atlLoad", day.map(|d| d.load))
        .set(
            "updated",
            updated.to_rfc3339_opts(SecondsFormat::Millis, true),
        )
        .set("weight", w.and_then(|w| w.weight_kg))
        .set("restingHR", w.and_then(|w| w.resting_hr))
        .set("hrv", w.and_then(|w| w.hrv))
        .set("sleepSecs", w.and_then(|w| w.sleep_s))
        .set(
            "sleepQuality",
            w.and_then(|w| w.sleep_quality).map(sleep_quality),
        )
        .set("locked", false)
        .value()
}

/// The wellness records of `athlete_id` from `oldest` (default: the first day with data) to
/// `newest` (inclusive).
pub(crate) fn records(
    data: &Dataset,
    athlete_id: &str,
    oldest: Option<NaiveDate>,
    newest: NaiveDate,
) -> Vec<Value> {
    let days = fitness::series(data, athlete_id, newest);
    let measured: BTreeMap<NaiveDate, &Wellness> = data
        .wellness
        .iter()
        .filter(|w| w.athlete_id == athlete_id && w.date <= newest)
        .map(|w| (w.date, w))
        .collect();
    let mut changed: BTreeMap<NaiveDate, DateTime<Utc>> = BTreeMap::new();
    for a in data
        .activities
        .iter()
        .filter(|a| a.athlete_id == athlete_id)
    {
        let at = changed.entry(a.local_date).or_insert(a.updated_at);
        *at = (*at).max(a.updated_at);
    }
    let first = [days.keys().next(), measured.keys().next()]
        .into_iter()
        .flatten()
        .min()
        .copied();
    let Some(first) = first else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut activities_changed: Option<DateTime<Utc>> = None;
    let mut date = first;
    while date <= newest {
        if let Some(at) = changed.get(&date) {
            activities_changed = Some(activities_changed.map_or(*at, |seen| seen.max(*at)));
        }
        if oldest.is_none_or(|o| date >= o) {
            let day = days.get(&date);
            let w = measured.get(&date).copied();
            let updated = [activities_changed, w.map(|w| w.updated_at)]
                .into_iter()
                .flatten()
                .max();
            if let Some(updated) = updated {
                out.push(record(date, day, w, updated));
            }
        }
        date += Duration::days(1);
    }
    out
}

pub(crate) async fn list(
    Path(id): Path<String>,
    Call { app, caller, query }: Call,
) -> Result<Response, IcuError> {
    let catalog = app.catalog();
    let athlete = auth::athlete_in(&catalog.data, &caller, &id, Area::Wellness)?;
    let oldest = query.date("oldest")?;
    let newest = query.date("newest")?.unwrap_or(app.config.anchor);
    let fields = query.fields();
    let list: Vec<Value> = records(&catalog.data, &athlete.id, oldest, newest)
        .into_iter()
        .map(|r| match r {
            Value::Object(map) => Value::Object(select(map, fields.as_deref())),
            other => other,
        })
        .collect();
    Ok(Json(list).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleep_quality_turns_around() {
        assert_eq!(sleep_quality(4), 1);
        assert_eq!(sleep_quality(1), 4);
        assert_eq!(sleep_quality(0), 4);
    }
}
