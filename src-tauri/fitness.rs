//! The fitness screen: the performance-management chart of one athlete, from the cached loads.

use crate::analysis::optional_date;
use crate::analysis_views::{FitnessDayView, FitnessRequest, FitnessView};
use crate::app::App;
use crate::chart_views::{drawn, hover_chart_view};
use crate::error::ApiError;
use chrono::{Days, Local, NaiveDate};
use offpeak_domain::ConnectionId;
use offpeak_domain::analysis;

/// The fitness chart's default range.
const DEFAULT_FITNESS_DAYS: u64 = 180;

impl App {
    /// The fitness chart of one athlete over a range (the last 180 days by default); the whole
    /// history before it builds the starting fitness.
    pub async fn fitness(&self, request: FitnessRequest) -> Result<FitnessView, ApiError> {
        let today = Local::now().date_naive();
        let to = optional_date(request.to.as_deref())?.unwrap_or(today);
        let from =
            optional_date(request.from.as_deref())?.unwrap_or(to - Days::new(DEFAULT_FITNESS_DAYS));
        if from > to {
            return Err(ApiError::invalid_input(
                "The range's first day comes after its last day.",
            ));
        }
        let (athlete, athlete_name) = self.athlete_or_first(Some(request.athlete)).await?;
        let connection = ConnectionId(athlete.connection_id.clone());
        let loads = self
            .store
            .daily_loads(&connection, &athlete.athlete_id, NaiveDate::MIN, to)
            .await?;
        let first_load = loads.iter().map(|(day, _)| *day).min();
        let days = analysis::fitness(&loads, from, to);
        let opts = self.chart_options(&request.chart).await?;
        let chart = first_load
            .is_some()
            .then(|| drawn("fitness", offpeak_charts::fitness_chart(&days, &opts)))
            .flatten()
            .map(hover_chart_view);
        Ok(FitnessView {
            athlete,
            athlete_name,
            from: from.to_string(),
            to: to.to_string(),
            chart,
            latest: days.last().map(|d| FitnessDayView {
                date: d.date.to_string(),
                load: d.load,
                fitness: d.fitness,
                fatigue: d.fatigue,
                form: d.form,
            }),
            first_load: first_load.map(|d| d.to_string()),
        })
    }
}

#[cfg(test)]
#[path = "fitness_tests.rs"]
mod tests;
