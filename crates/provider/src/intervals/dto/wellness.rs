//! A wellness day (`id` is its local date): the morning's measurements. The platform rates
//! sleep from 1 (great) to 4 (poor); Offpeak the other way round.

use super::NO_STAMP;
use crate::ProviderError;
use crate::convert::{instant, whole};
use chrono::NaiveDate;
use offpeak_domain::Wellness;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(in crate::intervals) struct WellnessDto {
    id: String,
    #[serde(default)]
    updated: Option<String>,
    #[serde(default)]
    weight: Option<f64>,
    #[serde(default, rename = "restingHR")]
    resting_hr: Option<f64>,
    #[serde(default)]
    hrv: Option<f64>,
    #[serde(default)]
    sleep_secs: Option<f64>,
    #[serde(default)]
    sleep_quality: Option<u8>,
}

impl WellnessDto {
    pub(in crate::intervals) fn into_wellness(
        self,
        athlete: &str,
    ) -> Result<Wellness, ProviderError> {
        let date: NaiveDate = self
            .id
            .get(..10)
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| {
                ProviderError::BadResponse(format!("a wellness day has the date “{}”", self.id))
            })?;
        Ok(Wellness {
            athlete_id: athlete.to_owned(),
            date,
            resting_hr: self.resting_hr.map(whole),
            hrv: self.hrv,
            weight_kg: self.weight,
            sleep_s: self.sleep_secs.map(whole),
            sleep_quality: self
                .sleep_quality
                .filter(|q| (1..=4).contains(q))
                .map(|q| 5 - q),
            updated_at: match &self.updated {
                Some(t) => instant(t, &self.id)?,
                None => NO_STAMP,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_maps_its_measurements_and_turns_sleep_quality_around() {
        let dto: WellnessDto = serde_json::from_str(
            r#"{"id":"2025-04-10","ctl":52.1,"atl":60.3,"updated":"2025-04-10T07:00:00.000Z",
                "weight":58.4,"restingHR":46,"hrv":71.5,"sleepSecs":27000,"sleepQuality":1}"#,
        )
        .unwrap();
        let w = dto.into_wellness("i1042").unwrap();
        assert_eq!(
            (w.athlete_id.as_str(), w.date.to_string()),
            ("i1042", "2025-04-10".into())
        );
        assert_eq!(
            (w.resting_hr, w.sleep_s, w.sleep_quality),
            (Some(46), Some(27000), Some(4))
        );
        assert_eq!((w.hrv, w.weight_kg), (Some(71.5), Some(58.4)));
        let empty: WellnessDto = serde_json::from_str(r#"{"id":"2025-04-11","ctl":50}"#).unwrap();
        let e = empty.into_wellness("i1042").unwrap();
        assert!(e.resting_hr.is_none() && e.sleep_quality.is_none());
        assert_eq!(e.updated_at, NO_STAMP);
    }
}
