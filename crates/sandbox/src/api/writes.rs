//! The write calls of the Velocity profile, for read-write API keys and apps granted
//! `workouts:write`: create and delete planned workouts.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use rand::Rng;
use serde::Deserialize;

use super::list::readable_athlete;
use super::{ApiError, authorize};
use crate::catalog::Resource;
use crate::data::{Sport, Workout};
use crate::scope::Scope;
use crate::server::Shared;

/// The body of `POST /workouts`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewWorkout {
    athlete_id: Option<String>,
    date: NaiveDate,
    start_time: Option<String>,
    sport: Sport,
    name: String,
    description: Option<String>,
    planned_duration_s: u32,
    planned_distance_m: Option<f64>,
    planned_load: Option<u32>,
}

pub(crate) async fn create_workout(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let caller = authorize(&app, &headers, Scope::WorkoutsWrite)?;
    let input: NewWorkout = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("the body is not a workout: {e}")))?;
    if input.name.trim().is_empty() || input.planned_duration_s == 0 {
        return Err(ApiError::bad_request(
            "a workout needs a name and a planned duration",
        ));
    }
    if let Some(t) = &input.start_time
        && chrono::NaiveTime::parse_from_str(t, "%H:%M").is_err()
    {
        return Err(ApiError::bad_request("start_time must be HH:MM"));
    }
    let now = app.clock.now();
    let workout = {
        let mut catalog = app.catalog_mut();
        let athlete_id = readable_athlete(input.athlete_id.as_deref(), &caller, &catalog.data)?;
        let workout = Workout {
            id: format!("w_{:010x}", rand::rng().random::<u64>() >> 24),
            athlete_id,
            date: input.date,
            start_time: input.start_time,
            sport: input.sport,
            name: input.name,
            description: input.description,
            planned_duration_s: input.planned_duration_s,
            planned_distance_m: input.planned_distance_m,
            planned_load: input.planned_load,
            intensity: None,
            structure: None,
            created_at: now,
            updated_at: now,
            race: None,
        };
        let change = catalog.put_workout(workout, now);
        app.publish(change.clone());
        catalog
            .data
            .workout(&change.id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("the workout vanished"))?
    };
    Ok((StatusCode::CREATED, Json(workout)).into_response())
}

pub(crate) async fn delete_workout(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let caller = authorize(&app, &headers, Scope::WorkoutsWrite)?;
    let now = app.clock.now();
    let mut catalog = app.catalog_mut();
    let owner = catalog
        .data
        .workout(&id)
        .filter(|w| catalog.data.may_read(&caller.athlete_id, &w.athlete_id))
        .map(|w| w.athlete_id.clone())
        .ok_or_else(|| ApiError::not_found(format!("no workout {id}")))?;
    let changes = catalog.delete(Resource::Workout, &id, now);
    if changes.is_empty() {
        return Err(ApiError::not_found(format!("no workout {id} of {owner}")));
    }
    for change in changes {
        app.publish(change);
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
