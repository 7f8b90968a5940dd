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
        let workouts: Vec<_> = self
            .store
            .workouts_between(from, to)
            .await?
            .into_iter()
            .filter(|w| w.athlete_id == athlete.athlete_id)
            .collect();
        let activities: Vec<_> = self
            .store
            .activities_between(from, to)
            .await?
            .into_iter()
            .filter(|a| a.athlete_id == athlete.athlete_id)
            .collect();
        let notes = self.store.all_notes(&connection).await?;
        let data = SpanData {
            athlete,
            athlete_name,
            workouts: &workouts,
            activities: &activities,
            notes: &notes,
            computed_loads: &HashMap::new(),
            cached: None,
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
