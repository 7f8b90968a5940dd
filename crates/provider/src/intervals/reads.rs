//! The Intervals.icu reads a sync is made of, by date window: the calendar (workouts, races and
//! notes), activities with their Strava stubs, streams, laps, wellness and the athlete's
//! profile.

use super::dto::{
    ActivityDto, ActivityIntervalsDto, AthleteDto, EventDto, Filed, StreamDto, WellnessDto,
};
use super::request::Get;
use super::{FetchedStreams, IntervalsClient, path_id, window};
use crate::ProviderError;
use chrono::NaiveDate;
use offpeak_domain::{Activity, Athlete, CalendarNote, Lap, StreamKind, Wellness, Workout};

/// The event categories Offpeak files on its calendar.
const CALENDAR_CATEGORIES: &str = "WORKOUT,RACE_A,RACE_B,RACE_C,NOTE,HOLIDAY,SICK,INJURED";

/// The calendar of a date window: planned workouts and races (`race` set), and notes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CalendarEvents {
    pub workouts: Vec<Workout>,
    pub notes: Vec<CalendarNote>,
}

impl IntervalsClient {
    /// The calendar of `athlete` between `oldest` and `newest` (local dates, inclusive):
    /// `WORKOUT` and `RACE_A|B|C` events as workouts, `NOTE`, `HOLIDAY`, `SICK` and `INJURED`
    /// as notes; other categories are left out.
    pub async fn calendar(
        &self,
        athlete: &str,
        oldest: NaiveDate,
        newest: NaiveDate,
    ) -> Result<CalendarEvents, ProviderError> {
        let id = path_id(athlete)?;
        let events: Vec<EventDto> = self
            .get(&Get {
                segments: &["athlete", id, "events"],
                query: window(oldest, newest, Some(CALENDAR_CATEGORIES)),
                athlete: Some(id),
                scope: Some("CALENDAR:READ"),
            })
            .await?;
        let mut calendar = CalendarEvents::default();
        for event in events {
            match event.into_filed(id)? {
                Filed::Workout(w) => calendar.workouts.push(w),
                Filed::Note(n) => calendar.notes.push(n),
                Filed::Skipped => {}
            }
        }
        Ok(calendar)
    }

    /// The activities of `athlete` that started between `oldest` and `newest` (local dates,
    /// inclusive), newest first. An activity imported from Strava, which the platform may not
    /// pass on, comes as an [`Activity`] with `stub` set: named so, sport `Other`, no figures,
    /// no streams — never as an error.
    pub async fn activities_in(
        &self,
        athlete: &str,
        oldest: NaiveDate,
        newest: NaiveDate,
    ) -> Result<Vec<Activity>, ProviderError> {
        let id = path_id(athlete)?;
        let listed: Vec<ActivityDto> = self
            .get(&Get {
                segments: &["athlete", id, "activities"],
                query: window(oldest, newest, None),
                athlete: Some(id),
                scope: Some("ACTIVITY:READ"),
            })
            .await?;
        listed.into_iter().map(|a| a.into_activity(id)).collect()
    }

    /// Every stream of an activity (all types asked for by name), and the size of their JSON.
    pub async fn streams(&self, activity_id: &str) -> Result<FetchedStreams, ProviderError> {
        let types: Vec<&str> = StreamKind::ALL
            .iter()
            .map(|k| match k {
                StreamKind::Velocity => "velocity_smooth",
                other => other.as_str(),
            })
            .collect();
        let get = Get {
            segments: &["activity", activity_id, "streams"],
            query: vec![("types", types.join(","))],
            athlete: None,
            scope: Some("ACTIVITY:READ"),
        };
        match self.fetch::<Vec<StreamDto>>(&get).await? {
            Ok(got) => Ok(FetchedStreams {
                streams: StreamDto::into_streams(got.value, activity_id)?,
                json_bytes: got.bytes,
            }),
            Err(refused) if refused.status == 404 => {
                Err(ProviderError::NotFound(format!("activity {activity_id}")))
            }
            // What the platform answers for an activity imported from Strava.
            Err(refused) if refused.status == 422 => Err(ProviderError::NotFound(format!(
                "streams of activity {activity_id}: the platform may not pass on activities imported from Strava"
            ))),
            Err(refused) => Err(refused.error),
        }
    }

    /// The laps of an activity, in order: the platform's intervals (`icu_intervals`) — the
    /// steps of the structured workout it fulfilled, or its laps. An activity with none (or
    /// one the platform does not pass on, answered with a bare stub) has an empty list; one
    /// the platform does not know is [`ProviderError::NotFound`].
    pub async fn laps(&self, activity_id: &str) -> Result<Vec<Lap>, ProviderError> {
        let get = Get {
            segments: &["activity", activity_id],
            query: vec![("intervals", "true".to_owned())],
            athlete: None,
            scope: Some("ACTIVITY:READ"),
        };
        match self.fetch::<ActivityIntervalsDto>(&get).await? {
            Ok(got) => got.value.into_laps(activity_id),
            Err(refused) if refused.status == 404 => {
                Err(ProviderError::NotFound(format!("activity {activity_id}")))
            }
            Err(refused) => Err(refused.error),
        }
    }

    /// The wellness days of `athlete` between `oldest` and `newest` (local dates, inclusive).
    /// The platform's days do not name their athlete: each carries `athlete` as given, so ask
    /// with the athlete's own id (`i1042`) rather than `0`.
    pub async fn wellness(
        &self,
        athlete: &str,
        oldest: NaiveDate,
        newest: NaiveDate,
    ) -> Result<Vec<Wellness>, ProviderError> {
        let id = path_id(athlete)?;
        let days: Vec<WellnessDto> = self
            .get(&Get {
                segments: &["athlete", id, "wellness"],
                query: window(oldest, newest, None),
                athlete: Some(id),
                scope: Some("WELLNESS:READ"),
            })
            .await?;
        days.into_iter().map(|d| d.into_wellness(id)).collect()
    }

    /// The profile of `athlete` (`""` or `"0"`: the owner of the key or token): FTP and power
    /// zones from the ride settings, heart-rate maximum and zones, threshold run pace, weight,
    /// resting heart rate.
    pub async fn profile(&self, athlete: &str) -> Result<Athlete, ProviderError> {
        let id = path_id(athlete)?;
        let dto: AthleteDto = self
            .get(&Get {
                segments: &["athlete", id],
                query: Vec::new(),
                athlete: Some(id),
                scope: None,
            })
            .await?;
        Ok(dto.into())
    }
}
