//! `GET /api/v1/activity/{id}/streams`: the activity's streams as the platform's list
//! `[{type, name, data, data2?, …}]`, converted from the contract's shape that
//! [`crate::server::StreamJob::to_json`] produces (`{"streams": {"time": […], …}}`).
//!
//! `types` (comma list) chooses and orders the streams; unknown or absent types are left out.
//! `latlng` puts latitudes in `data` and longitudes in `data2`. Without `types` every stream
//! of the activity comes back and `watts` is named `raw_watts`; asking for `fixed_watts` gives
//! `watts`.

use axum::Json;
use axum::extract::Path;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::activities::{STRAVA_NOTE, icu_stream_type, readable};
use super::auth::Call;
use super::errors::IcuError;
use super::ids::Sources;

/// The contract's stream name behind a platform stream name.
fn velopeak_type(icu: &str) -> Option<&'static str> {
    Some(match icu {
        "time" => "time",
        "distance" => "distance",
        "altitude" => "altitude",
        "velocity_smooth" => "velocity",
        "heartrate" => "heartrate",
        "cadence" => "cadence",
        "watts" | "raw_watts" | "fixed_watts" => "watts",
        "temp" => "temp",
        "latlng" => "latlng",
        _ => return None,
    })
}

/// (name in the answer, name in the contract) of each stream to send.
pub(crate) fn plan(types: Option<&[String]>, available: &[String]) -> Vec<(String, &'static str)> {
    match types {
        Some(types) => {
            let mut out: Vec<(String, &'static str)> = Vec::new();
            for t in types {
                let Some(source) = velopeak_type(t) else {
                    continue;
                };
                let name = if t == "fixed_watts" {
                    "watts"
                } else {
                    t.as_str()
                };
                if !out.iter().any(|(n, _)| n == name) {
                    out.push((name.to_string(), source));
                }
            }
            out
        }
        None => available
            .iter()
            .filter_map(|t| {
                let icu = icu_stream_type(t);
                let source = velopeak_type(icu)?;
                let name = if icu == "watts" { "raw_watts" } else { icu };
                Some((name.to_string(), source))
            })
            .collect(),
    }
}

fn entry(name: &str, data: Value, data2: Option<Value>) -> Value {
    let all_null = data
        .as_array()
        .is_some_and(|d| d.iter().all(Value::is_null));
    let mut e = json!({
        "type": name,
        "name": null,
        "data": data,
        "valueTypeIsArray": false,
        "custom": false,
        "allNull": all_null,
    });
    if let Some(data2) = data2 {
        e["data2"] = data2;
    }
    e
}

/// The list the platform answers, from the contract's `streams` object.
pub(crate) fn convert(streams: &Map<String, Value>, plan: &[(String, &'static str)]) -> Vec<Value> {
    let mut out = Vec::new();
    for (name, source) in plan {
        let Some(values) = streams.get(*source) else {
            continue;
        };
        if *source == "latlng" {
            let points = values.as_array().map(Vec::as_slice).unwrap_or_default();
            let coordinate = |i: usize| -> Vec<Value> {
                points
                    .iter()
                    .map(|p| match p.as_array() {
                        Some(pair) if pair.len() == 2 => pair[i].clone(),
                        _ => Value::Null,
                    })
                    .collect()
            };
            out.push(entry(
                name,
                Value::from(coordinate(0)),
                Some(Value::from(coordinate(1))),
            ));
        } else {
            out.push(entry(name, values.clone(), None));
        }
    }
    out
}

pub(crate) async fn list(
    Path(id): Path<String>,
    uri: Uri,
    Call { app, caller, query }: Call,
) -> Result<Response, IcuError> {
    let body = {
        let catalog = app.catalog();
        let sources = Sources::of(&catalog.data);
        let (activity, _) = readable(&catalog.data, &sources, &caller, &id, &uri, app.clock.now())?;
        if sources.is_strava(&activity.id) {
            return Err(IcuError::unprocessable(STRAVA_NOTE));
        }
        let plan = plan(query.list("types").as_deref(), &activity.stream_types);
        let sources: Vec<&str> = plan.iter().map(|(_, s)| *s).collect();
        (app.stream_job(&catalog.data, activity), sources, plan)
    };
    let (job, sources, plan) = body;
    let json = job.to_json(&sources);
    let parsed: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
    let streams = parsed["streams"].as_object().cloned().unwrap_or_default();
    Ok(Json(convert(&streams, &plan)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn plans_follow_the_platforms_names() {
        let available = strings(&["time", "watts", "velocity", "latlng"]);
        let all = plan(None, &available);
        let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["time", "raw_watts", "velocity_smooth", "latlng"]);
        let chosen = plan(
            Some(&strings(&["latlng", "fixed_watts", "bogus", "time"])),
            &available,
        );
        assert_eq!(
            chosen,
            vec![
                ("latlng".to_string(), "latlng"),
                ("watts".to_string(), "watts"),
                ("time".to_string(), "time")
            ]
        );
        assert_eq!(
            plan(Some(&strings(&["raw_watts"])), &available)[0].0,
            "raw_watts"
        );
    }

    #[test]
    fn latlng_splits_into_data_and_data2() {
        let streams = json!({
            "time": [0, 1, 2],
            "latlng": [[40.4, -3.7], [40.5, -3.6], null],
            "watts": [100, 110, 120],
        });
        let plan = vec![
            ("time".to_string(), "time"),
            ("latlng".to_string(), "latlng"),
            ("raw_watts".to_string(), "watts"),
            ("heartrate".to_string(), "heartrate"),
        ];
        let list = convert(streams.as_object().unwrap(), &plan);
        assert_eq!(list.len(), 3, "absent streams are left out");
        assert_eq!(list[0]["type"], "time");
        assert_eq!(list[0]["data"], json!([0, 1, 2]));
        assert!(list[0].get("data2").is_none());
        assert_eq!(list[1]["type"], "latlng");
        assert_eq!(list[1]["data"], json!([40.4, 40.5, null]));
        assert_eq!(list[1]["data2"], json!([-3.7, -3.6, null]));
        assert_eq!(list[2]["type"], "raw_watts");
        assert_eq!(list[2]["data"], json!([100, 110, 120]));
        assert_eq!(list[2]["allNull"], false);
    }
}
