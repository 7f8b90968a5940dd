//! The calendar and the athlete switcher, read from the cache only: no network on this path.

use crate::app::App;
use crate::calendar_view::{self, Span, SpanData};
use crate::calendar_views::{
    AthleteChoice, AthleteRef, CalendarRequest, CalendarSpan, CalendarView,
};
use crate::error::ApiError;
use chrono::{Local, NaiveDate};
use offpeak_domain::{ConnectionId, Month, Week};
use std::collections::HashMap;

impl App {
    /// Every athlete the cache holds, connection by connection (oldest first), each
    /// connection's own athlete first. Disconnected connections whose data was kept are listed.
    pub async fn list_athletes(&self) -> Result<Vec<AthleteChoice>, ApiError> {
        let mut choices = Vec::new();
        for connection in self.store.connections().await? {
            let athletes = self.store.athletes(&connection.id).await?;
            let coach = athletes.len() > 1;
            let provider_name = connection.provider.display_name().to_owned();
            let own = AthleteChoice {
                athlete: AthleteRef {
                    connection_id: connection.id.0.clone(),
                    athlete_id: connection.athlete_id.clone(),
                },
                name: connection.athlete_name.clone(),
                is_self: true,
                provider_name: provider_name.clone(),
                account_name: connection.athlete_name.clone(),
                coach,
            };
            if athletes.is_empty() {
                choices.push(own);
                continue;
            }
            choices.extend(athletes.into_iter().map(|a| AthleteChoice {
                athlete: AthleteRef {
                    connection_id: connection.id.0.clone(),
                    athlete_id: a.id,
                },
                name: a.name,
                is_self: a.is_self,
                provider_name: provider_name.clone(),
                account_name: connection.athlete_name.clone(),
                coach,
            }));
        }
        Ok(choices)
    }

    /// A month or a week of one athlete from the cache.
    pub async fn calendar(&self, request: CalendarRequest) -> Result<CalendarView, ApiError> {
        let today = Local::now().date_naive();
        let span = parse_span(request.span, request.key.as_deref(), today)?;
        let (athlete, athlete_name) = self.athlete_or_first(request.athlete).await?;
        let (from, to) = span.grid();
        let connection = ConnectionId(athlete.connection_id.clone());
        let who = athlete.athlete_id.as_str();
        let workouts = self.store.workouts_of(&connection, who, from, to).await?;
        let activities = self.store.activities_of(&connection, who, from, to).await?;
        let notes = self.store.notes_of(&connection, who, from, to).await?;
        let computed_loads =
            computed_loads(self.store.figures_of(&connection, who, from, to).await?);
        let cached = self.store.cached_days(&connection, who).await?;
        let data = SpanData {
            athlete,
            athlete_name,
            workouts: &workouts,
            activities: &activities,
            notes: &notes,
            computed_loads: &computed_loads,
            cached,
        };
        Ok(calendar_view::calendar_view(span, today, &data))
    }

    /// The athlete asked for (checked to exist), or the first connection's own athlete.
    pub(crate) async fn athlete_or_first(
        &self,
        athlete: Option<AthleteRef>,
    ) -> Result<(AthleteRef, String), ApiError> {
        let choices = self.list_athletes().await?;
        let found = match athlete {
            Some(wanted) => choices.into_iter().find(|c| c.athlete == wanted),
            None => choices.into_iter().next(),
        };
        match found {
            Some(choice) => Ok((choice.athlete, choice.name)),
            None => Err(ApiError {
                code: "not_found".into(),
                message: "That athlete is no longer in Offpeak's cache; choose another one.".into(),
            }),
        }
    }
}

/// The loads the streams gave, by activity id.
pub(crate) fn computed_loads(
    figures: HashMap<String, offpeak_domain::ActivityFigures>,
) -> HashMap<String, f64> {
    figures
        .into_iter()
        .filter_map(|(id, f)| f.load.map(|load| (id, load)))
        .collect()
}

/// The month (`YYYY-MM`) or week (any of its dates, `YYYY-MM-DD`) asked for, or the one
/// containing today.
fn parse_span(kind: CalendarSpan, key: Option<&str>, today: NaiveDate) -> Result<Span, ApiError> {
    let invalid = |e: String| ApiError::invalid_input(e);
    Ok(match (kind, key) {
        (CalendarSpan::Month, None) => Span::Month(Month::containing(today)),
        (CalendarSpan::Month, Some(text)) => {
            Span::Month(text.parse::<Month>().map_err(|e| invalid(e.to_string()))?)
        }
        (CalendarSpan::Week, None) => Span::Week(Week::containing(today)),
        (CalendarSpan::Week, Some(text)) => {
            let date = text.trim().parse::<NaiveDate>().map_err(|_| {
                invalid(format!(
                    "“{text}” is not a date; write it as YYYY-MM-DD, for example 2026-11-23"
                ))
            })?;
            Span::Week(Week::containing(date))
        }
    })
}

#[cfg(test)]
#[path = "browsing_tests.rs"]
mod tests;
