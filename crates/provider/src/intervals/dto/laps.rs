//! An activity's intervals as the platform lists them with `intervals=true`: `icu_intervals`,
//! each with its start and end in seconds from the activity's start and what was measured over
//! it. The rest of the activity is not read here.

use crate::ProviderError;
use offpeak_domain::Lap;
use serde::Deserialize;

/// The part of an activity that holds its intervals; none when the platform sent none (as for
/// an activity it does not pass on).
#[derive(Deserialize)]
pub(in crate::intervals) struct ActivityIntervalsDto {
    #[serde(default)]
    icu_intervals: Option<Vec<IntervalDto>>,
}

#[derive(Deserialize)]
struct IntervalDto {
    #[serde(default)]
    start_time: Option<f64>,
    #[serde(default)]
    end_time: Option<f64>,
    #[serde(default)]
    elapsed_time: Option<f64>,
    #[serde(default)]
    moving_time: Option<f64>,
    #[serde(default)]
    distance: Option<f64>,
    #[serde(default)]
    average_watts: Option<f64>,
    #[serde(default)]
    weighted_average_watts: Option<f64>,
    #[serde(default)]
    average_heartrate: Option<f64>,
    #[serde(default)]
    max_heartrate: Option<f64>,
    #[serde(default)]
    average_cadence: Option<f64>,
    #[serde(default)]
    average_speed: Option<f64>,
    #[serde(default)]
    total_elevation_gain: Option<f64>,
    #[serde(default)]
    label: Option<String>,
    /// `WORK` or `RECOVERY`.
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

impl ActivityIntervalsDto {
    /// The laps, in the platform's order. An interval that cannot be placed (no start, or no
    /// end and no length) refuses the answer.
    pub(in crate::intervals) fn into_laps(
        self,
        activity_id: &str,
    ) -> Result<Vec<Lap>, ProviderError> {
        self.icu_intervals
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(n, interval)| interval.into_lap(activity_id, n + 1))
            .collect()
    }
}

impl IntervalDto {
    fn into_lap(self, activity_id: &str, number: usize) -> Result<Lap, ProviderError> {
        let unplaced = || {
            ProviderError::BadResponse(format!(
                "interval {number} of activity {activity_id} has no start or no end"
            ))
        };
        let start_s = self.start_time.ok_or_else(unplaced)?;
        let duration_s = self
            .elapsed_time
            .or_else(|| self.end_time.map(|end| end - start_s))
            .filter(|d| *d >= 0.0)
            .ok_or_else(unplaced)?;
        let label = self.label.filter(|l| !l.trim().is_empty()).or_else(|| {
            self.kind.as_deref().map(|kind| match kind {
                "WORK" => "Work".to_owned(),
                "RECOVERY" => "Recovery".to_owned(),
                other => other.to_owned(),
            })
        });
        Ok(Lap {
            start_s,
            duration_s,
            moving_s: self.moving_time,
            distance_m: self.distance,
            avg_power_w: self.average_watts,
            normalized_power_w: self.weighted_average_watts,
            avg_hr: self.average_heartrate,
            max_hr: self.max_heartrate,
            avg_cadence: self.average_cadence,
            avg_speed_mps: self.average_speed,
            elevation_gain_m: self.total_elevation_gain,
            label,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Vec<Lap>, ProviderError> {
        let dto: ActivityIntervalsDto = serde_json::from_str(json).unwrap();
        dto.into_laps("i56")
    }

    #[test]
    fn intervals_become_laps_named_by_label_or_kind() {
        let laps = read(
            r#"{"id":"i56","name":"Ride","icu_intervals":[
                {"id":1,"type":"RECOVERY","label":"Warmup","start_time":0,"end_time":600,
                 "elapsed_time":610,"moving_time":600,"distance":5000.5,"average_watts":150,
                 "weighted_average_watts":155,"average_heartrate":120,"max_heartrate":131,
                 "average_cadence":88.5,"average_speed":8.3,"total_elevation_gain":12.0},
                {"id":2,"type":"WORK","start_time":600,"end_time":900}]}"#,
        )
        .unwrap();
        assert_eq!(
            laps[0],
            Lap {
                start_s: 0.0,
                duration_s: 610.0,
                moving_s: Some(600.0),
                distance_m: Some(5000.5),
                avg_power_w: Some(150.0),
                normalized_power_w: Some(155.0),
                avg_hr: Some(120.0),
                max_hr: Some(131.0),
                avg_cadence: Some(88.5),
                avg_speed_mps: Some(8.3),
                elevation_gain_m: Some(12.0),
                label: Some("Warmup".into()),
            }
        );
        assert_eq!((laps[1].start_s, laps[1].duration_s), (600.0, 300.0));
        assert_eq!(laps[1].label.as_deref(), Some("Work"));
        assert_eq!(laps[1].avg_power_w, None);
    }

    #[test]
    fn no_intervals_are_no_laps_and_unplaceable_ones_are_refused() {
        assert_eq!(read(r#"{"id":"i56"}"#).unwrap(), []);
        assert_eq!(read(r#"{"icu_intervals":null}"#).unwrap(), []);
        let message = read(r#"{"icu_intervals":[{"start_time":0,"end_time":5},{"end_time":9}]}"#)
            .unwrap_err()
            .to_string();
        assert!(message.contains("interval 2 of activity i56"), "{message}");
        assert!(read(r#"{"icu_intervals":[{"start_time":9}]}"#).is_err());
    }
}
