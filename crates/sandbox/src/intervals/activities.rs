//! `GET /api/v1/athlete/{id}/activities` (a date window, `oldest` required, newest first) and
//! `GET /api/v1/activity/{id}` (`intervals=true` adds `icu_intervals` and `icu_groups`).
//! Activities that came from Strava are only stubs, as the platform may not pass them on.

use axum::Json;
use axum::extract::Path;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDateTime, SecondsFormat};
use serde_json::{Map, Value};

use super::athlete::{lthr, sport_type};
use super::auth::{self, Call};
use super::errors::IcuError;
use super::ids::{self, Sources};
use super::laps;
use super::query::{Obj, local_string, round, select};
use super::scopes::Area;
use crate::data::{Activity, Athlete, Dataset};

/// What the platform says instead of a Strava activity.
pub(crate) const STRAVA_NOTE: &str = "STRAVA activities are not available via the API";

/// The local start of an activity.
pub(crate) fn local_start(a: &Activity) -> NaiveDateTime {
    a.local_start()
}

/// The stream types of the contract under the platform's names.
pub(crate) fn icu_stream_type(velopeak: &str) -> &str {
    match velopeak {
        "velocity" => "velocity_smooth",
        other => other,
    }
}

fn stub(a: &Activity, sources: &Sources) -> Value {
    Obj::default()
        .set("id", sources.activity_id(&a.id))
        .set("icu_athlete_id", ids::athlete_id(&a.athlete_id))
        .set("start_date_local", local_string(local_start(a)))
        .set("source", "STRAVA")
        .set("_note", STRAVA_NOTE)
        .value()
}

fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// An activity as the platform lists it; a stub if it came from Strava.
pub(crate) fn activity_json(
    a: &Activity,
    athlete: &Athlete,
    data: &Dataset,
    sources: &Sources,
) -> Value {
    if sources.is_strava(&a.id) {
        return stub(a, sources);
    }
    let planned = a
        .planned_workout_id
        .as_deref()
        .and_then(|id| data.workout(id));
    let speed = a
        .distance_m
        .filter(|_| a.moving_time_s > 0)
        .map(|d| round(d / f64::from(a.moving_time_s), 3));
    let stream_types: Vec<&str> = a.stream_types.iter().map(|t| icu_stream_type(t)).collect();
    let source = if a.trainer { "ZWIFT" } else { "GARMIN_CONNECT" };
    Obj::default()
        .set("id", sources.activity_id(&a.id))
        .set("icu_athlete_id", ids::athlete_id(&a.athlete_id))
        .set("start_date_local", local_string(local_start(a)))
        .set(
            "start_date",
            a.start_time.to_rfc3339_opts(SecondsFormat::Secs, true),
        )
        .set("timezone", a.timezone.clone())
        .set("type", sport_type(a.sport, a.trainer))
        .set("name", a.name.clone())
        .set("description", a.description.clone())
        .set("moving_time", a.moving_time_s)
        .set("elapsed_time", a.elapsed_time_s)
        .set("distance", a.distance_m)
        .set("icu_distance", a.distance_m)
        .set("total_elevation_gain", a.elevation_gain_m)
        .set("average_speed", speed)
        .set("icu_average_watts", a.avg_power_w)
        .set("icu_weighted_avg_watts", a.normalized_power_w)
        .set("device_watts", a.avg_power_w.is_some())
        .set("has_heartrate", a.avg_hr.is_some())
        .set("average_heartrate", a.avg_hr)
        .set("max_heartrate", a.max_hr)
        .set("average_cadence", a.avg_cadence.map(f64::from))
        .set("calories", a.calories)
        .set("icu_training_load", a.load)
        .set(
            "icu_intensity",
            a.intensity_factor.map(|f| round(f * 100.0, 2)),
        )
        .set("icu_ftp", athlete.ftp_w)
        .set("lthr", lthr(athlete))
        .set("athlete_max_hr", athlete.hr_max)
        .set("icu_resting_hr", athlete.hr_rest)
        .set("icu_weight", athlete.weight_kg)
        .set("trainer", a.trainer)
        .set("commute", false)
        .set("race", planned.is_some_and(|w| w.race.is_some()))
        .set(
            "paired_event_id",
            a.planned_workout_id
                .as_deref()
                .map(|id| sources.events.get(id)),
        )
        .set("stream_types", stream_types)
        .set("source", source)
        .set(
            "device_name",
            if a.trainer {
                "Zwift"
            } else {
                "Garmin Edge 840"
            },
        )
        .set("created", stamp(a.created_at))
        .set("icu_sync_date", stamp(a.updated_at))
        .set("analyzed", stamp(a.updated_at))
        .value()
}

pub(crate) async fn list(
    Path(id): Path<String>,
    Call { app, caller, query }: Call,
) -> Result<Response, IcuError> {
    let catalog = app.catalog();
    let data = &catalog.data;
    let athlete = auth::athlete_in(data, &caller, &id, Area::Activity)?;
    query.require("oldest")?;
    let oldest = query.instant("oldest", false)?;
    let newest = query.instant("newest", true)?;
    let limit = query.limit()?.unwrap_or(usize::MAX);
    let fields = query.fields();
    let sources = Sources::of(data);
    let mut chosen: Vec<(NaiveDateTime, &Activity)> = data
        .activities
        .iter()
        .filter(|a| a.athlete_id == athlete.id)
        .map(|a| (local_start(a), a))
        .filter(|(t, _)| oldest.is_none_or(|o| *t >= o) && newest.is_none_or(|n| *t <= n))
        .collect();
    chosen.sort_by(|x, y| (y.0, &y.1.id).cmp(&(x.0, &x.1.id)));
    let list: Vec<Value> = chosen
        .into_iter()
        .take(limit)
        .map(|(_, a)| {
            let Value::Object(map) = activity_json(a, athlete, data, &sources) else {
                return Value::Object(Map::new());
            };
            Value::Object(select(map, fields.as_deref()))
        })
        .collect();
    Ok(Json(list).into_response())
}

/// The activity with Intervals id `id` if `caller` may read it: 404 if there is none, 403 if
/// it belongs to someone else or the caller may not read activities.
pub(crate) fn readable<'a>(
    data: &'a Dataset,
    sources: &Sources,
    caller: &auth::Caller,
    id: &str,
    uri: &Uri,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(&'a Activity, &'a Athlete), IcuError> {
    let activity = sources
        .find_activity(data, id)
        .ok_or_else(|| IcuError::not_found(uri.path(), now))?;
    if !data.may_read(&caller.athlete_id, &activity.athlete_id) {
        return Err(IcuError::AccessDenied);
    }
    let athlete = data
        .athlete(&activity.athlete_id)
        .ok_or_else(|| IcuError::not_found(uri.path(), now))?;
    caller.require(Area::Activity)?;
    Ok((activity, athlete))
}

pub(crate) async fn one(
    Path(id): Path<String>,
    uri: Uri,
    Call { app, caller, query }: Call,
) -> Result<Response, IcuError> {
    let catalog = app.catalog();
    let data = &catalog.data;
    let sources = Sources::of(data);
    let (activity, athlete) = readable(data, &sources, &caller, &id, &uri, app.clock.now())?;
    let mut json = activity_json(activity, athlete, data, &sources);
    if query.flag("intervals") && !sources.is_strava(&activity.id) {
        let planned = activity
            .planned_workout_id
            .as_deref()
            .and_then(|w| data.workout(w));
        let (intervals, groups) = laps::intervals(activity, athlete, planned);
        json["icu_lap_count"] = Value::from(intervals.len());
        json["icu_intervals"] = Value::from(intervals);
        json["icu_groups"] = Value::from(groups);
    }
    Ok(Json(json).into_response())
}
