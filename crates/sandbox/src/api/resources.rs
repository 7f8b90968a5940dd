//! The read-only resources: the athlete, the athletes a coach may read, planned workouts,
//! activities and their streams.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::list::{ItemKeys, ListQuery, page, readable_athlete};
use super::{ApiError, authorize};
use crate::catalog::Resource;
use crate::data::streams::TYPES;
use crate::data::{Activity, Athlete, Workout};
use crate::oauth::Params;
use crate::scope::Scope;
use crate::server::Shared;

const WORKOUT_KEYS: ItemKeys<Workout> = ItemKeys {
    kind: "w",
    sort_key: Workout::sort_key,
    date: |w| w.date,
    athlete: |w| &w.athlete_id,
    id: |w| &w.id,
    updated_at: |w| w.updated_at,
};

const ACTIVITY_KEYS: ItemKeys<Activity> = ItemKeys {
    kind: "a",
    sort_key: Activity::sort_key,
    date: |a| a.local_date,
    athlete: |a| &a.athlete_id,
    id: |a| &a.id,
    updated_at: |a| a.updated_at,
};

/// The caller's profile, or with `athlete_id` (the common rule of every resource) that of an
/// athlete who shares with the caller as coach.
pub(crate) async fn athlete(
    State(app): State<Shared>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let caller = authorize(&app, &headers, Scope::AthleteRead)?;
    let catalog = app.catalog();
    let params = Params::parse(raw.unwrap_or_default().as_bytes());
    let id = readable_athlete(params.get("athlete_id"), &caller, &catalog.data)?;
    let athlete = catalog
        .data
        .athlete(&id)
        .ok_or_else(|| ApiError::not_found("your athlete profile is gone"))?;
    Ok(Json(athlete).into_response())
}

#[derive(Serialize)]
struct AthleteSummary<'a> {
    id: &'a str,
    name: &'a str,
    role: &'a str,
    timezone: &'a str,
}

impl<'a> From<&'a Athlete> for AthleteSummary<'a> {
    fn from(a: &'a Athlete) -> Self {
        AthleteSummary {
            id: &a.id,
            name: &a.name,
            role: &a.role,
            timezone: &a.timezone,
        }
    }
}

#[derive(Serialize)]
struct AthleteList<'a> {
    data: Vec<AthleteSummary<'a>>,
}

pub(crate) async fn athletes(
    State(app): State<Shared>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let caller = authorize(&app, &headers, Scope::AthleteRead)?;
    let catalog = app.catalog();
    let data = catalog
        .data
        .readable_by(&caller.athlete_id)
        .into_iter()
        .map(AthleteSummary::from)
        .collect();
    Ok(Json(AthleteList { data }).into_response())
}

pub(crate) async fn workouts(
    State(app): State<Shared>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let caller = authorize(&app, &headers, Scope::WorkoutsRead)?;
    let catalog = app.catalog();
    let query = ListQuery::parse(raw.as_deref(), "w", &caller, &catalog.data)?;
    Ok(page(
        &catalog.data.workouts,
        catalog.tombstones(Resource::Workout),
        &query,
        &WORKOUT_KEYS,
    ))
}

pub(crate) async fn activities(
    State(app): State<Shared>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let caller = authorize(&app, &headers, Scope::ActivitiesRead)?;
    let catalog = app.catalog();
    let query = ListQuery::parse(raw.as_deref(), "a", &caller, &catalog.data)?;
    Ok(page(
        &catalog.data.activities,
        catalog.tombstones(Resource::Activity),
        &query,
        &ACTIVITY_KEYS,
    ))
}

pub(crate) async fn workout(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let caller = authorize(&app, &headers, Scope::WorkoutsRead)?;
    let catalog = app.catalog();
    let workout = catalog
        .data
        .workout(&id)
        .filter(|w| catalog.data.may_read(&caller.athlete_id, &w.athlete_id))
        .ok_or_else(|| ApiError::not_found(format!("no workout {id}")))?;
    Ok(Json(workout).into_response())
}

pub(crate) async fn activity(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let caller = authorize(&app, &headers, Scope::ActivitiesRead)?;
    let catalog = app.catalog();
    let activity = catalog
        .data
        .activity(&id)
        .filter(|a| catalog.data.may_read(&caller.athlete_id, &a.athlete_id))
        .ok_or_else(|| ApiError::not_found(format!("no activity {id}")))?;
    Ok(Json(activity).into_response())
}

pub(crate) async fn activity_streams(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let caller = authorize(&app, &headers, Scope::ActivitiesRead)?;
    let params = Params::parse(raw.unwrap_or_default().as_bytes());
    let requested: Vec<&str> = match params.get("types") {
        None => TYPES.to_vec(),
        Some(list) => {
            let mut types = Vec::new();
            for name in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                let known = TYPES
                    .iter()
                    .find(|t| **t == name)
                    .ok_or_else(|| ApiError::bad_request(format!("unknown stream type {name}")))?;
                types.push(*known);
            }
            types
        }
    };
    let job = {
        let catalog = app.catalog();
        let data = &catalog.data;
        let activity = data
            .activity(&id)
            .filter(|a| data.may_read(&caller.athlete_id, &a.athlete_id))
            .ok_or_else(|| ApiError::not_found(format!("no activity {id}")))?;
        app.stream_job(data, activity)
    };
    let body = job.to_json(&requested);
    Ok((
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response())
}
