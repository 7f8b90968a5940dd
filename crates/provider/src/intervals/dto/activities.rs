//! Activities, and the stubs the platform lists in place of activities imported from Strava,
//! which it may not pass on.

use super::{NO_STAMP, latest_stamp, local_date_time, optional_text, text};
use crate::ProviderError;
use crate::convert::{instant, seconds};
use offpeak_domain::{Activity, Sport, StreamKind};
use serde::Deserialize;

/// What a stub is called: all a person can know of it.
pub(in crate::intervals) const STUB_NAME: &str = "Strava activity (not shared by Strava)";

/// An activity, or the stub the platform sends for one imported from Strava.
#[derive(Deserialize)]
pub(in crate::intervals) struct ActivityDto {
    #[serde(deserialize_with = "text")]
    id: String,
    #[serde(default, deserialize_with = "optional_text")]
    icu_athlete_id: Option<String>,
    start_date_local: String,
    #[serde(default)]
    start_date: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default, rename = "type")]
    sport: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    moving_time: Option<f64>,
    #[serde(default)]
    elapsed_time: Option<f64>,
    #[serde(default)]
    distance: Option<f64>,
    #[serde(default)]
    total_elevation_gain: Option<f64>,
    #[serde(default)]
    icu_average_watts: Option<f64>,
    #[serde(default)]
    icu_weighted_avg_watts: Option<f64>,
    #[serde(default)]
    average_heartrate: Option<f64>,
    #[serde(default)]
    max_heartrate: Option<f64>,
    #[serde(default)]
    average_cadence: Option<f64>,
    #[serde(default)]
    calories: Option<f64>,
    #[serde(default)]
    icu_training_load: Option<f64>,
    /// Intensity factor in percent.
    #[serde(default)]
    icu_intensity: Option<f64>,
    #[serde(default)]
    trainer: Option<bool>,
    #[serde(default, deserialize_with = "optional_text")]
    paired_event_id: Option<String>,
    #[serde(default)]
    stream_types: Option<Vec<String>>,
    #[serde(default)]
    icu_sync_date: Option<String>,
    #[serde(default)]
    analyzed: Option<String>,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

impl ActivityDto {
    fn is_stub(&self) -> bool {
        self.start_date.is_none() && self.source.as_deref() == Some("STRAVA")
    }

    /// The activity; a stub becomes an [`Activity`] marked `stub`, named [`STUB_NAME`], whose
    /// local start (the platform gives no zone) stands in for its start time, with no figures
    /// and no streams.
    pub(in crate::intervals) fn into_activity(
        self,
        athlete: &str,
    ) -> Result<Activity, ProviderError> {
        let athlete_id = self
            .icu_athlete_id
            .clone()
            .unwrap_or_else(|| athlete.to_owned());
        let local = local_date_time(&self.start_date_local, &self.id)?;
        let stub = self.is_stub();
        let start_time = match self.start_date.as_deref() {
            Some(start) => instant(start, &self.id)?,
            None if stub => local.and_utc(),
            None => {
                return Err(ProviderError::BadResponse(format!(
                    "activity {} has no start time",
                    self.id
                )));
            }
        };
        let changed = latest_stamp(
            &[self.icu_sync_date.as_deref(), self.analyzed.as_deref()],
            &self.id,
        )?;
        let updated_at = match (changed, self.created.as_deref()) {
            (Some(at), _) => at,
            (None, Some(created)) => instant(created, &self.id)?,
            (None, None) => NO_STAMP,
        };
        let moving = self.moving_time.unwrap_or(0.0);
        let sport = match (stub, self.sport.as_deref()) {
            (false, Some(sport)) => Sport::parse(sport),
            _ => Sport::Other,
        };
        let name = match (stub, self.name) {
            (true, _) => STUB_NAME.to_owned(),
            (false, name) => name.unwrap_or_else(|| "Activity".into()),
        };
        Ok(Activity {
            start_time,
            local_date: local.date(),
            updated_at,
            sport,
            name,
            elapsed_time_s: seconds(self.elapsed_time.unwrap_or(moving)),
            moving_time_s: seconds(moving),
            athlete_id,
            timezone: self.timezone,
            distance_m: self.distance,
            elevation_gain_m: self.total_elevation_gain,
            avg_power_w: self.icu_average_watts,
            avg_hr: self.average_heartrate,
            load: self.icu_training_load,
            trainer: self.trainer.unwrap_or(false),
            planned_workout_id: self.paired_event_id,
            description: self.description.filter(|d| !d.is_empty()),
            normalized_power_w: self.icu_weighted_avg_watts,
            max_hr: self.max_heartrate,
            avg_cadence: self.average_cadence,
            calories: self.calories,
            intensity_factor: self.icu_intensity.map(|percent| percent / 100.0),
            stream_types: self
                .stream_types
                .unwrap_or_default()
                .into_iter()
                .map(|t| StreamKind::parse(&t).map_or(t, |k| k.as_str().to_owned()))
                .collect(),
            stub,
            id: self.id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STUB: &str = r#"{"id":"10400000055","icu_athlete_id":"i1042","start_date_local":"2025-04-09T06:00:00",
        "source":"STRAVA","_note":"STRAVA activities are not available via the API"}"#;

    const FULL: &str = r#"{"id":"i56","icu_athlete_id":"i1042","start_date_local":"2025-04-10T00:30:00",
        "start_date":"2025-04-09T22:30:00Z","type":"VirtualRide","name":"Zwift","description":"",
        "moving_time":3600,"elapsed_time":3700,"trainer":true,"paired_event_id":123,
        "icu_weighted_avg_watts":231,"max_heartrate":171,"average_cadence":88.5,"calories":812,
        "icu_intensity":84.5,"stream_types":["time","raw_watts","velocity_smooth","smo2"],
        "created":"2025-04-09T23:50:00Z","icu_sync_date":"2025-04-10T01:00:00.000Z",
        "analyzed":"2025-04-10T02:00:00.000Z","source":"ZWIFT"}"#;

    fn dto(json: &str) -> ActivityDto {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_strava_stub_becomes_an_activity_marked_as_such() {
        let a = dto(STUB).into_activity("0").unwrap();
        assert!(a.stub);
        assert_eq!((a.name.as_str(), a.sport), (STUB_NAME, Sport::Other));
        assert_eq!(a.start_time.to_rfc3339(), "2025-04-09T06:00:00+00:00");
        assert_eq!(a.local_date.to_string(), "2025-04-09");
        assert_eq!(a.athlete_id, "i1042");
        assert!(a.stream_types.is_empty() && a.moving_time_s == 0);
        assert_eq!(a.updated_at, NO_STAMP, "no stamp: a stable stand-in");
    }

    #[test]
    fn a_full_activity_maps_its_figures_and_its_latest_stamp() {
        let a = dto(FULL).into_activity("0").unwrap();
        assert!(!a.stub);
        assert_eq!(a.planned_workout_id.as_deref(), Some("123"));
        assert_eq!(
            (a.sport, a.trainer, a.elapsed_time_s),
            (Sport::Ride, true, 3700)
        );
        assert_eq!(a.normalized_power_w, Some(231.0));
        assert_eq!(
            (a.max_hr, a.avg_cadence, a.calories),
            (Some(171.0), Some(88.5), Some(812.0))
        );
        assert!((a.intensity_factor.unwrap() - 0.845).abs() < 1e-9);
        assert_eq!(a.stream_types, ["time", "watts", "velocity", "smo2"]);
        assert_eq!(a.updated_at.to_rfc3339(), "2025-04-10T02:00:00+00:00");
        assert!(a.description.is_none());
    }

    #[test]
    fn without_change_stamps_the_created_time_stands_in() {
        let json = FULL
            .replace(r#""icu_sync_date":"2025-04-10T01:00:00.000Z","#, "")
            .replace(r#""analyzed":"2025-04-10T02:00:00.000Z","#, "");
        let a = dto(&json).into_activity("0").unwrap();
        assert_eq!(a.updated_at.to_rfc3339(), "2025-04-09T23:50:00+00:00");
    }
}
