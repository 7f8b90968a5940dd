//! The analysis screens — an activity's page and a planned workout's page — read from the cache
//! and drawn by `charts`. No network on this path.

use crate::analysis_views::{
    ActivityPage, ActivitySummaryView, ChartRequest, StreamsState, WorkoutPage, XAxisView,
};
use crate::app::App;
use crate::calendar_view::{judge, paired_activity, paired_workout};
use crate::calendar_views::AthleteRef;
use crate::chart_views::{chart_view, drawn, hover_chart_view, lap_views, plan_step_view};
use crate::error::ApiError;
use crate::export_views::UnitSystem;
use chrono::{Days, Local, NaiveDate};
use offpeak_charts::{ChartOptions, Theme, Units, XAxis, ZoneKind};
use offpeak_domain::analysis::{self, PlanStep};
use offpeak_domain::{Activity, Athlete, ConnectionId, StreamKind, Workout};

/// How far back the power curve's comparison looks.
const BEST_CURVE_DAYS: u64 = 90;
/// How far from its plan's day an activity linked to it may lie.
const PAIRING_REACH_DAYS: u64 = 7;
/// The widest chart drawn, whatever the screen asks.
const MAX_WIDTH_PX: u32 = 4000;

impl App {
    /// Everything an activity's page shows.
    pub async fn activity_page(
        &self,
        connection_id: String,
        activity_id: String,
        chart: ChartRequest,
    ) -> Result<ActivityPage, ApiError> {
        let connection = ConnectionId(connection_id);
        let activity = self
            .store
            .activity(&connection, &activity_id)
            .await?
            .ok_or_else(|| not_found("That activity is no longer in Offpeak's cache."))?;
        let record = self.store.connection(&connection).await?;
        let athlete = self
            .store
            .athlete_profile(&connection, &activity.athlete_id)
            .await?;
        let figures = self.store.figures(&connection, &activity.id).await?;
        let load = figures.as_ref().and_then(|f| f.load).or(activity.load);
        let plan = self.plan_of(&connection, &activity).await?;
        let streams = self.store.streams(&connection, &activity.id).await?;
        let state = match &streams {
            Some(s) if !s.is_empty() => StreamsState::Cached,
            Some(_) => StreamsState::NoneRecorded,
            None if activity.stub || activity.stream_types.is_empty() => StreamsState::NoneRecorded,
            None => StreamsState::NotFetched,
        };
        let streams = streams.unwrap_or_default();
        let opts = self.chart_options(&chart).await?;
        // The power curve, zones and route sit two to a row.
        let half = ChartOptions {
            width_px: chart_width(chart.width_px / 2),
            ..opts
        };
        let has_distance = streams.scalar(StreamKind::Distance).is_some();
        let x_axis = match chart.x_axis {
            XAxisView::Distance if has_distance => XAxis::Distance,
            _ => XAxis::Time,
        };
        let steps = plan
            .as_ref()
            .and_then(|w| steps_of(w, athlete.as_ref()).ok())
            .filter(|steps| !steps.is_empty());
        let series = (state == StreamsState::Cached)
            .then(|| {
                drawn(
                    "activity",
                    offpeak_charts::activity_chart(&streams, x_axis, steps.as_deref(), &opts),
                )
            })
            .flatten()
            .map(hover_chart_view);
        let best = self
            .best_curve_before(&connection, &activity.athlete_id, activity.local_date)
            .await?;
        let power_curve = figures
            .as_ref()
            .filter(|f| !f.power_curve.is_empty())
            .and_then(|f| {
                let label = "Best of the last 90 days";
                drawn(
                    "power curve",
                    offpeak_charts::power_curve_chart(&f.power_curve, &best, label, &half),
                )
            })
            .map(chart_view);
        let zones = |seconds: &[u32], bounds: &[u32], kind: ZoneKind| {
            (!seconds.is_empty() && !bounds.is_empty())
                .then(|| {
                    drawn(
                        "zones",
                        offpeak_charts::zones_chart(seconds, bounds, kind, &half),
                    )
                })
                .flatten()
                .map(chart_view)
        };
        let (power_zones, hr_zones) = match (&figures, &athlete) {
            (Some(f), Some(a)) => (
                zones(&f.power_zone_s, &a.power_zones_w, ZoneKind::Power),
                zones(&f.hr_zone_s, &a.hr_zones_bpm, ZoneKind::HeartRate),
            ),
            _ => (None, None),
        };
        let route = match streams.get(StreamKind::Latlng) {
            Some(offpeak_domain::StreamData::LatLng(points)) => {
                drawn("route", offpeak_charts::route_chart(points, &half)).map(chart_view)
            }
            _ => None,
        };
        let laps = self
            .store
            .laps(&connection, &activity.id)
            .await?
            .filter(|laps| !laps.is_empty())
            .map(|laps| lap_views(&laps));
        let today = Local::now().date_naive();
        Ok(ActivityPage {
            athlete: AthleteRef {
                connection_id: connection.0.clone(),
                athlete_id: activity.athlete_id.clone(),
            },
            compliance: judge(plan.as_ref(), Some((&activity, load)), today),
            plan: plan.as_ref().map(paired_workout),
            summary: summary(&activity, &figures, load, athlete.as_ref()),
            id: activity.id,
            name: activity.name,
            sport: activity.sport.into(),
            date: activity.local_date.to_string(),
            start_time: activity
                .start_time
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            timezone: activity.timezone,
            description: activity.description,
            trainer: activity.trainer,
            stub: activity.stub,
            provider_name: provider_name(record.as_ref()),
            streams: state,
            has_distance,
            series,
            power_curve,
            power_zones,
            hr_zones,
            route,
            laps,
        })
    }

    /// Everything a planned workout's page shows.
    pub async fn workout_page(
        &self,
        connection_id: String,
        workout_id: String,
        chart: ChartRequest,
    ) -> Result<WorkoutPage, ApiError> {
        let connection = ConnectionId(connection_id);
        let workout = self
            .store
            .workout(&connection, &workout_id)
            .await?
            .ok_or_else(|| not_found("That planned workout is no longer in Offpeak's cache."))?;
        let record = self.store.connection(&connection).await?;
        let athlete = self
            .store
            .athlete_profile(&connection, &workout.athlete_id)
            .await?;
        let (steps, structure_error) = match steps_of(&workout, athlete.as_ref()) {
            Ok(steps) => (steps, None),
            Err(e) => (Vec::new(), Some(e)),
        };
        let opts = self.chart_options(&chart).await?;
        let chart = (!steps.is_empty())
            .then(|| drawn("workout", offpeak_charts::plan_chart(&steps, &opts)))
            .flatten()
            .map(chart_view);
        let done = self.activity_for(&connection, &workout).await?;
        let today = Local::now().date_naive();
        Ok(WorkoutPage {
            athlete: AthleteRef {
                connection_id: connection.0.clone(),
                athlete_id: workout.athlete_id.clone(),
            },
            compliance: judge(
                Some(&workout),
                done.as_ref().map(|(a, load)| (a, *load)),
                today,
            ),
            done_by: done.as_ref().map(|(a, load)| paired_activity(a, *load)),
            steps: steps.iter().map(plan_step_view).collect(),
            chart,
            structure_error,
            provider_name: provider_name(record.as_ref()),
            id: workout.id,
            name: workout.name,
            sport: workout.sport.into(),
            date: workout.date.to_string(),
            start_time: workout.start_time,
            description: workout.description,
            planned_duration_s: workout.planned_duration_s,
            planned_distance_m: workout.planned_distance_m,
            planned_load: workout.planned_load,
            race: workout.race.map(|r| r.as_str().to_owned()),
        })
    }

    /// How charts are drawn: the screen's width, its theme, and the person's units.
    pub(crate) async fn chart_options(
        &self,
        request: &ChartRequest,
    ) -> Result<ChartOptions, ApiError> {
        let units = match self.display_settings().await?.units {
            UnitSystem::Metric => Units::Metric,
            UnitSystem::Imperial => Units::Imperial,
        };
        Ok(ChartOptions {
            width_px: chart_width(request.width_px),
            theme: if request.dark {
                Theme::Dark
            } else {
                Theme::Light
            },
            units,
        })
    }

    /// The plan an activity fulfils: the one the platform links, else the one the calendar
    /// pairs it with.
    async fn plan_of(
        &self,
        connection: &ConnectionId,
        activity: &Activity,
    ) -> Result<Option<Workout>, ApiError> {
        let (workouts, activities) = self
            .around(connection, &activity.athlete_id, activity.local_date)
            .await?;
        let pairs = analysis::pair(&workouts, &activities);
        Ok(pairs
            .iter()
            .find(|p| activities[p.activity].id == activity.id)
            .map(|p| workouts[p.workout].clone()))
    }

    /// The activity that fulfils a plan, with its load, as the calendar pairs them.
    async fn activity_for(
        &self,
        connection: &ConnectionId,
        workout: &Workout,
    ) -> Result<Option<(Activity, Option<f64>)>, ApiError> {
        let (workouts, activities) = self
            .around(connection, &workout.athlete_id, workout.date)
            .await?;
        let pairs = analysis::pair(&workouts, &activities);
        let Some(pair) = pairs.iter().find(|p| workouts[p.workout].id == workout.id) else {
            return Ok(None);
        };
        let activity = activities[pair.activity].clone();
        let load = self
            .store
            .figures(connection, &activity.id)
            .await?
            .and_then(|f| f.load)
            .or(activity.load);
        Ok(Some((activity, load)))
    }

    async fn around(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        day: NaiveDate,
    ) -> Result<(Vec<Workout>, Vec<Activity>), ApiError> {
        let from = day - Days::new(PAIRING_REACH_DAYS);
        let to = day + Days::new(PAIRING_REACH_DAYS);
        let workouts = self
            .store
            .workouts_of(connection, athlete_id, from, to)
            .await?;
        let activities = self
            .store
            .activities_of(connection, athlete_id, from, to)
            .await?;
        Ok((workouts, activities))
    }

    /// The best power curve of the athlete's activities in the 90 days up to `day`.
    async fn best_curve_before(
        &self,
        connection: &ConnectionId,
        athlete_id: &str,
        day: NaiveDate,
    ) -> Result<Vec<(u32, f64)>, ApiError> {
        let from = day - Days::new(BEST_CURVE_DAYS);
        let figures = self
            .store
            .figures_of(connection, athlete_id, from, day)
            .await?;
        Ok(analysis::best_curve(
            figures.values().map(|f| f.power_curve.as_slice()),
        ))
    }
}

/// A width the charts can be drawn at.
fn chart_width(width_px: u32) -> u32 {
    width_px.clamp(offpeak_charts::MIN_WIDTH_PX, MAX_WIDTH_PX)
}

fn steps_of(workout: &Workout, athlete: Option<&Athlete>) -> Result<Vec<PlanStep>, String> {
    match &workout.structure {
        None => Ok(Vec::new()),
        Some(structure) => analysis::plan_steps(structure, workout.sport, athlete)
            .map_err(|e| format!("{e}. The plan's details are still shown above.")),
    }
}

fn summary(
    activity: &Activity,
    figures: &Option<offpeak_domain::ActivityFigures>,
    load: Option<f64>,
    athlete: Option<&Athlete>,
) -> ActivitySummaryView {
    let avg_speed_mps = activity
        .distance_m
        .filter(|_| activity.moving_time_s > 0)
        .map(|d| d / f64::from(activity.moving_time_s));
    ActivitySummaryView {
        moving_time_s: activity.moving_time_s,
        elapsed_time_s: activity.elapsed_time_s,
        distance_m: activity.distance_m,
        elevation_gain_m: activity.elevation_gain_m,
        avg_speed_mps,
        avg_power_w: activity.avg_power_w,
        normalized_power_w: figures
            .as_ref()
            .and_then(|f| f.normalized_power_w)
            .or(activity.normalized_power_w),
        intensity_factor: figures
            .as_ref()
            .and_then(|f| f.intensity_factor)
            .or(activity.intensity_factor),
        load,
        avg_hr: activity.avg_hr,
        max_hr: activity.max_hr,
        avg_cadence: activity.avg_cadence,
        calories: activity.calories,
        ftp_w: athlete.and_then(|a| a.ftp_w),
    }
}

fn provider_name(record: Option<&offpeak_store::ConnectionRecord>) -> String {
    record
        .map(|r| r.provider.display_name().to_owned())
        .unwrap_or_default()
}

pub(crate) fn optional_date(text: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    text.map(|t| {
        t.trim().parse::<NaiveDate>().map_err(|_| {
            ApiError::invalid_input(format!(
                "“{t}” is not a date; write it as YYYY-MM-DD, for example 2026-11-23"
            ))
        })
    })
    .transpose()
}

fn not_found(message: &str) -> ApiError {
    ApiError {
        code: "not_found".into(),
        message: message.into(),
    }
}

#[cfg(test)]
#[path = "analysis_tests.rs"]
mod tests;
