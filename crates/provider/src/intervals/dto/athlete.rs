//! The athlete with `sportSettings[]`: FTP and power zones from the ride settings (zones kept
//! by the platform in percent of FTP, turned into watts), heart-rate maximum and zones, the
//! threshold run pace (kept in metres per second, turned into seconds per km), weight and
//! resting heart rate.

use super::text;
use crate::convert::whole;
use offpeak_domain::Athlete;
use serde::Deserialize;

#[derive(Deserialize)]
pub(in crate::intervals) struct AthleteDto {
    #[serde(deserialize_with = "text")]
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    weight: Option<f64>,
    #[serde(default)]
    icu_weight: Option<f64>,
    #[serde(default)]
    icu_resting_hr: Option<f64>,
    #[serde(default, rename = "sportSettings")]
    sport_settings: Vec<SportSettingsDto>,
}

#[derive(Deserialize)]
struct SportSettingsDto {
    #[serde(default)]
    types: Vec<String>,
    #[serde(default)]
    ftp: Option<f64>,
    /// Upper bounds in percent of FTP.
    #[serde(default)]
    power_zones: Option<Vec<f64>>,
    #[serde(default)]
    max_hr: Option<f64>,
    /// Upper bounds in bpm.
    #[serde(default)]
    hr_zones: Option<Vec<f64>>,
    /// Metres per second.
    #[serde(default)]
    threshold_pace: Option<f64>,
}

impl SportSettingsDto {
    fn is_for(&self, sport: &str) -> bool {
        self.types.iter().any(|t| t == sport)
    }
}

impl From<AthleteDto> for Athlete {
    fn from(dto: AthleteDto) -> Athlete {
        let settings = &dto.sport_settings;
        let ride = settings.iter().find(|s| s.is_for("Ride"));
        let run = settings.iter().find(|s| s.is_for("Run"));
        // What the ride settings lack, the first settings that have it give.
        let pick = |field: fn(&SportSettingsDto) -> Option<f64>| {
            ride.and_then(field)
                .or_else(|| settings.iter().find_map(field))
        };
        let ftp_w = ride.and_then(|s| s.ftp).filter(|w| *w > 0.0);
        let power_zones_w = match (ftp_w, ride.and_then(|s| s.power_zones.as_ref())) {
            (Some(ftp), Some(percents)) => {
                percents.iter().map(|p| whole(p * ftp / 100.0)).collect()
            }
            _ => Vec::new(),
        };
        let hr_zones_bpm = ride
            .and_then(|s| s.hr_zones.as_ref())
            .or_else(|| settings.iter().find_map(|s| s.hr_zones.as_ref()))
            .map(|zones| zones.iter().copied().map(whole).collect())
            .unwrap_or_default();
        let threshold_pace_s_per_km = run
            .and_then(|s| s.threshold_pace)
            .filter(|v| *v > 0.0)
            .map(|metres_per_second| whole(1000.0 / metres_per_second));
        Athlete {
            name: dto.name.unwrap_or_else(|| dto.id.clone()),
            id: dto.id,
            timezone: dto.timezone,
            ftp_w: ftp_w.map(whole),
            weight_kg: dto.icu_weight.or(dto.weight),
            hr_max: pick(|s| s.max_hr).map(whole),
            hr_rest: dto.icu_resting_hr.map(whole),
            threshold_pace_s_per_km,
            power_zones_w,
            hr_zones_bpm,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_ids_stay_text_and_thresholds_come_from_their_sports() {
        let dto: AthleteDto = serde_json::from_str(
            r#"{"id":1042,"name":"Ana","timezone":"Europe/Madrid","weight":58.0,"icu_weight":58.4,
                "icu_resting_hr":46,"sportSettings":[
                {"types":["Run","TrailRun"],"ftp":null,"max_hr":190,"hr_zones":[114,133,152,171,190],
                 "threshold_pace":3.7313},
                {"types":["Ride","VirtualRide"],"ftp":250,"power_zones":[55,75,90,105,120,150,999],
                 "max_hr":188,"hr_zones":[113,132,150,169,188]}]}"#,
        )
        .unwrap();
        let a = Athlete::from(dto);
        assert_eq!((a.id.as_str(), a.ftp_w), ("1042", Some(250)));
        assert_eq!(a.power_zones_w, [138, 188, 225, 263, 300, 375, 2498]);
        assert_eq!((a.hr_max, a.hr_rest), (Some(188), Some(46)));
        assert_eq!(a.hr_zones_bpm, [113, 132, 150, 169, 188]);
        assert_eq!(a.threshold_pace_s_per_km, Some(268));
        assert_eq!(a.weight_kg, Some(58.4));
    }

    #[test]
    fn an_athlete_without_settings_has_no_thresholds() {
        let dto: AthleteDto = serde_json::from_str(r#"{"id":"i7"}"#).unwrap();
        let a = Athlete::from(dto);
        assert_eq!(a.name, "i7");
        assert!(a.ftp_w.is_none() && a.power_zones_w.is_empty() && a.hr_max.is_none());
    }
}
