//! The coach overview: every athlete of a connection for one week, from the cache.

use crate::app::App;
use crate::browsing::computed_loads;
use crate::calendar_views::AthleteRef;
use crate::coach_views::{CoachOverview, CoachRow, LastActivityView};
use crate::error::ApiError;
use chrono::{Local, NaiveDate};
use offpeak_domain::{Activity, ConnectionId, Week, Workout, analysis};
use std::collections::{HashMap, HashSet};

impl App {
    /// One row per athlete of the connection (its own athlete first) for the week containing
    /// `week` (`YYYY-MM-DD`), or this week.
    pub async fn coach_overview(
        &self,
        connection_id: String,
        week: Option<String>,
    ) -> Result<CoachOverview, ApiError> {
        let today = Local::now().date_naive();
        let week = match week.as_deref() {
            None => Week::containing(today),
            Some(text) => text
                .parse::<Week>()
                .map_err(|e| ApiError::invalid_input(e.to_string()))?,
        };
        let connection = ConnectionId(connection_id);
        let record = self
            .store
            .connection(&connection)
            .await?
            .ok_or_else(|| ApiError {
                code: "not_found".into(),
                message: "That account is no longer connected; choose another one.".into(),
            })?;
        let mut athletes: Vec<(String, String)> = self
            .store
            .athletes(&connection)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
        if athletes.is_empty() {
            athletes.push((record.athlete_id.clone(), record.athlete_name.clone()));
        }
        let (from, to) = (week.first_day(), week.last_day());
        let mut rows = Vec::with_capacity(athletes.len());
        for (athlete_id, name) in athletes {
            let workouts = self
                .store
                .workouts_of(&connection, &athlete_id, from, to)
                .await?;
            let activities = self
                .store
                .activities_of(&connection, &athlete_id, from, to)
                .await?;
            let loads = computed_loads(
                self.store
                    .figures_of(&connection, &athlete_id, from, to)
                    .await?,
            );
            let last = self.store.last_activity(&connection, &athlete_id).await?;
            let athlete = AthleteRef {
                connection_id: connection.0.clone(),
                athlete_id,
            };
            let week_items = WeekItems {
                workouts: &workouts,
                activities: &activities,
                loads: &loads,
            };
            rows.push(coach_row(athlete, name, &week_items, last.as_ref(), today));
        }
        Ok(CoachOverview {
            connection_id: connection.0,
            coach_name: record.athlete_name,
            week: week.to_string(),
            previous: week.previous().to_string(),
            next: week.next().to_string(),
            today: today.to_string(),
            rows,
        })
    }
}

/// One athlete's week as the cache holds it.
pub(crate) struct WeekItems<'a> {
    pub workouts: &'a [Workout],
    pub activities: &'a [Activity],
    /// Loads the streams gave, by activity id.
    pub loads: &'a HashMap<String, f64>,
}

/// Sums one athlete's week. A planned session is due once its day has passed or it was done;
/// compliance is the share of due sessions that were done.
pub(crate) fn coach_row(
    athlete: AthleteRef,
    name: String,
    week: &WeekItems<'_>,
    last: Option<&Activity>,
    today: NaiveDate,
) -> CoachRow {
    let pairs = analysis::pair(week.workouts, week.activities);
    let done: HashSet<usize> = pairs.iter().map(|p| p.workout).collect();
    let due = (0..week.workouts.len())
        .filter(|i| done.contains(i) || week.workouts[*i].date < today)
        .count();
    let missed = (0..week.workouts.len())
        .filter(|i| !done.contains(i) && week.workouts[*i].date < today)
        .count();
    let load_of = |a: &Activity| week.loads.get(&a.id).copied().or(a.load).unwrap_or(0.0);
    let seconds = |s: u64| u32::try_from(s).unwrap_or(u32::MAX);
    CoachRow {
        athlete,
        name,
        planned_s: seconds(
            week.workouts
                .iter()
                .map(|w| u64::from(w.planned_duration_s))
                .sum(),
        ),
        done_s: seconds(
            week.activities
                .iter()
                .map(|a| u64::from(a.moving_time_s))
                .sum(),
        ),
        planned_load: week.workouts.iter().filter_map(|w| w.planned_load).sum(),
        done_load: week.activities.iter().map(load_of).sum(),
        planned_sessions: count(week.workouts.len()),
        done_sessions: count(week.activities.len()),
        compliance_pct: (due > 0).then(|| {
            let share = done.len() as f64 * 100.0 / due as f64;
            share.round() as u32
        }),
        missed: count(missed),
        last_activity: last.map(|a| LastActivityView {
            id: a.id.clone(),
            name: a.name.clone(),
            sport: a.sport.into(),
            date: a.local_date.to_string(),
        }),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
#[path = "coach_tests.rs"]
mod tests;
