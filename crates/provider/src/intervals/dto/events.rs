//! Calendar events: planned workouts (`WORKOUT`) and races (`RACE_A|B|C`) become [`Workout`]s,
//! notes, holidays, illnesses and injuries (`NOTE`, `HOLIDAY`, `SICK`, `INJURED`) become
//! [`CalendarNote`]s; other categories are skipped.

use super::{NO_STAMP, local_date_time, local_start, optional_text, text};
use crate::ProviderError;
use crate::convert::{instant, seconds};
use chrono::{Days, NaiveTime};
use offpeak_domain::{CalendarNote, NoteKind, RacePriority, Sport, Workout};
use serde::Deserialize;

#[derive(Deserialize)]
pub(in crate::intervals) struct EventDto {
    #[serde(deserialize_with = "text")]
    id: String,
    #[serde(default, deserialize_with = "optional_text")]
    athlete_id: Option<String>,
    start_date_local: String,
    #[serde(default)]
    end_date_local: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default, rename = "type")]
    sport: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    moving_time: Option<f64>,
    #[serde(default)]
    time_target: Option<f64>,
    #[serde(default)]
    distance: Option<f64>,
    #[serde(default)]
    distance_target: Option<f64>,
    #[serde(default)]
    icu_training_load: Option<f64>,
    #[serde(default)]
    load_target: Option<f64>,
    #[serde(default)]
    workout_doc: Option<serde_json::Value>,
    #[serde(default)]
    updated: Option<String>,
}

/// Where an event goes on Offpeak's calendar.
pub(in crate::intervals) enum Filed {
    Workout(Workout),
    Note(CalendarNote),
    /// A category Offpeak does not show (targets, fitness days, …).
    Skipped,
}

impl EventDto {
    /// The event filed by its category, for the athlete whose calendar this is when the event
    /// does not say.
    pub(in crate::intervals) fn into_filed(self, athlete: &str) -> Result<Filed, ProviderError> {
        let category = self.category.clone().unwrap_or_default();
        let race = match category.as_str() {
            "WORKOUT" => None,
            "RACE_A" => Some(RacePriority::A),
            "RACE_B" => Some(RacePriority::B),
            "RACE_C" => Some(RacePriority::C),
            other => {
                return match NoteKind::parse(other) {
                    Some(kind) => self.into_note(kind, athlete).map(Filed::Note),
                    None => Ok(Filed::Skipped),
                };
            }
        };
        let mut workout = self.into_workout(athlete)?;
        workout.race = race;
        Ok(Filed::Workout(workout))
    }

    /// The planned workout (its `race` left unset).
    fn into_workout(self, athlete: &str) -> Result<Workout, ProviderError> {
        let (date, time) = local_start(&self.start_date_local, &self.id)?;
        Ok(Workout {
            date,
            start_time: time,
            updated_at: self.stamp()?,
            sport: Sport::parse(self.sport.as_deref().unwrap_or_default()),
            planned_duration_s: seconds(self.moving_time.or(self.time_target).unwrap_or(0.0)),
            athlete_id: self.athlete_id.unwrap_or_else(|| athlete.to_owned()),
            name: self.name.unwrap_or_else(|| "Workout".into()),
            description: self.description.filter(|d| !d.is_empty()),
            planned_distance_m: self.distance.or(self.distance_target),
            planned_load: self.icu_training_load.or(self.load_target),
            structure: self.workout_doc.filter(|d| !d.is_null()),
            race: None,
            id: self.id,
        })
    }

    /// A note from its first to its last day. The platform's end is the midnight after the
    /// last day (exclusive); a note without an end lasts its one day.
    fn into_note(self, kind: NoteKind, athlete: &str) -> Result<CalendarNote, ProviderError> {
        let start = local_date_time(&self.start_date_local, &self.id)?.date();
        let end = match self.end_date_local.as_deref() {
            None => start,
            Some(text) => {
                let end = local_date_time(text, &self.id)?;
                if end.time() == NaiveTime::MIN && end.date() > start {
                    end.date() - Days::new(1)
                } else {
                    end.date()
                }
            }
        };
        Ok(CalendarNote {
            updated_at: self.stamp()?,
            athlete_id: self.athlete_id.unwrap_or_else(|| athlete.to_owned()),
            kind,
            start_date: start,
            end_date: end.max(start),
            name: self.name.unwrap_or_else(|| kind.as_str().to_owned()),
            description: self.description.filter(|d| !d.is_empty()),
            id: self.id,
        })
    }

    fn stamp(&self) -> Result<chrono::DateTime<chrono::Utc>, ProviderError> {
        match &self.updated {
            Some(t) => instant(t, &self.id),
            None => Ok(NO_STAMP),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filed(json: &str) -> Filed {
        serde_json::from_str::<EventDto>(json)
            .unwrap()
            .into_filed("i1042")
            .unwrap()
    }

    #[test]
    fn a_workout_keeps_its_time_and_steps() {
        let Filed::Workout(w) = filed(
            r#"{"id":41234567,"athlete_id":"i1042","start_date_local":"2025-04-12T07:30:00",
                "category":"WORKOUT","type":"Ride","name":"Sweet spot","moving_time":5400,
                "icu_training_load":88,"workout_doc":{"steps":[]},"updated":"2025-04-01T10:00:00.000Z"}"#,
        ) else {
            panic!("a workout is filed as one");
        };
        assert_eq!(
            (w.id.as_str(), w.athlete_id.as_str()),
            ("41234567", "i1042")
        );
        assert_eq!(w.date.to_string(), "2025-04-12");
        assert_eq!(w.start_time.as_deref(), Some("07:30"));
        assert_eq!(
            (w.sport, w.planned_duration_s, w.race),
            (Sport::Ride, 5400, None)
        );
        assert!(w.structure.is_some());
    }

    #[test]
    fn a_race_is_a_workout_with_its_priority_and_no_stamp_is_stable() {
        let Filed::Workout(w) = filed(
            r#"{"id":7,"start_date_local":"2025-06-01T09:00:00","category":"RACE_A","type":"Run",
                "name":"Marathon","time_target":12600}"#,
        ) else {
            panic!("a race is filed as a workout");
        };
        assert_eq!(w.race, Some(RacePriority::A));
        assert_eq!(
            (w.planned_duration_s, w.athlete_id.as_str()),
            (12600, "i1042")
        );
        assert_eq!(w.updated_at, NO_STAMP);
    }

    #[test]
    fn notes_span_their_days_and_other_categories_are_skipped() {
        let Filed::Note(n) = filed(
            r#"{"id":9,"start_date_local":"2025-04-14T00:00:00","end_date_local":"2025-04-17T00:00:00",
                "category":"HOLIDAY","name":"Lisbon","description":"","updated":"2025-04-01T10:00:00Z"}"#,
        ) else {
            panic!("a holiday is filed as a note");
        };
        assert_eq!(n.kind, NoteKind::Holiday);
        assert_eq!(
            (n.start_date.to_string(), n.end_date.to_string()),
            ("2025-04-14".into(), "2025-04-16".into())
        );
        assert!(n.description.is_none());
        let Filed::Note(one_day) = filed(
            r#"{"id":10,"start_date_local":"2025-04-14T00:00:00","end_date_local":"2025-04-15T00:00:00","category":"SICK"}"#,
        ) else {
            panic!("a sick day is filed as a note");
        };
        assert_eq!(one_day.start_date, one_day.end_date);
        assert_eq!(one_day.name, "sick");
        assert!(matches!(
            filed(r#"{"id":11,"start_date_local":"2025-04-14T00:00:00","category":"TARGET"}"#),
            Filed::Skipped
        ));
    }
}
