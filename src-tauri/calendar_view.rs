//! Lays one athlete's cached workouts, activities and notes out as the calendar shows a month or
//! a week: whole weeks, Monday first, plans paired with what fulfilled them and coloured by
//! compliance, each week's totals per sport.

use crate::calendar_views::{
    AthleteRef, CalendarDay, CalendarItem, CalendarSpan, CalendarView, CalendarWeek,
    ComplianceColor, ComplianceView, ItemKind, NoteKindView, NoteView, PairedItem, SportTotalsView,
};
use chrono::{Days, NaiveDate};
use offpeak_domain::analysis::{self, Compliance, ComplianceBasis, Pair, SportTotals, Verdict};
use offpeak_domain::{Activity, CalendarNote, Month, NoteKind, Week, Workout};
use std::collections::HashMap;

/// The month or week asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Month(Month),
    Week(Week),
}

impl Span {
    /// The first and last day of the whole weeks that show the span.
    pub fn grid(self) -> (NaiveDate, NaiveDate) {
        match self {
            Span::Month(month) => {
                let grid = month.grid();
                (grid.start, grid.end)
            }
            Span::Week(week) => (week.first_day(), week.last_day()),
        }
    }

    fn own_days(self) -> (NaiveDate, NaiveDate) {
        match self {
            Span::Month(month) => (month.first_day(), month.last_day()),
            Span::Week(week) => (week.first_day(), week.last_day()),
        }
    }
}

/// What the cache holds for the span's grid, for one athlete.
pub struct SpanData<'a> {
    pub athlete: AthleteRef,
    pub athlete_name: String,
    pub workouts: &'a [Workout],
    pub activities: &'a [Activity],
    pub notes: &'a [CalendarNote],
    /// Loads computed from the streams, by activity id; they take precedence over the
    /// platform's.
    pub computed_loads: &'a HashMap<String, f64>,
    /// The athlete's earliest and latest cached day.
    pub cached: Option<(NaiveDate, NaiveDate)>,
}

impl SpanData<'_> {
    fn load_of(&self, activity: &Activity) -> Option<f64> {
        self.computed_loads
            .get(&activity.id)
            .copied()
            .or(activity.load)
    }
}

/// Builds the calendar of `span` as seen on `today`.
pub fn calendar_view(span: Span, today: NaiveDate, data: &SpanData<'_>) -> CalendarView {
    let (grid_start, grid_end) = span.grid();
    let (own_first, own_last) = span.own_days();
    let mut cards = cards_by_day(today, data);
    let mut weeks = Vec::new();
    let mut monday = grid_start;
    while monday <= grid_end {
        let sunday = monday + Days::new(6);
        let week_workouts: Vec<Workout> = in_days(data.workouts, monday, sunday, |w| w.date);
        let week_activities: Vec<Activity> =
            in_days(data.activities, monday, sunday, |a| a.local_date);
        let (done, planned) =
            analysis::totals(&week_workouts, &week_activities, |a| data.load_of(a));
        let week_has_plan = !week_workouts.is_empty();
        let days = monday
            .iter_days()
            .take(7)
            .map(|date| {
                let items = cards.remove(&date).unwrap_or_default();
                let notes = notes_on(data.notes, date);
                CalendarDay {
                    date: date.to_string(),
                    in_span: (own_first..=own_last).contains(&date),
                    is_today: date == today,
                    rest_day: week_has_plan && items.is_empty(),
                    items,
                    notes,
                }
            })
            .collect();
        weeks.push(CalendarWeek {
            start: monday.to_string(),
            days,
            done: done.into_iter().map(totals_view).collect(),
            planned: planned.into_iter().map(totals_view).collect(),
        });
        monday = sunday + Days::new(1);
    }
    let has_data = weeks
        .iter()
        .flat_map(|w| &w.days)
        .any(|d| d.in_span && (!d.items.is_empty() || !d.notes.is_empty()));
    let (kind, key, previous, next) = match span {
        Span::Month(m) => (
            CalendarSpan::Month,
            m.to_string(),
            m.previous().to_string(),
            m.next().to_string(),
        ),
        Span::Week(w) => (
            CalendarSpan::Week,
            w.to_string(),
            w.previous().to_string(),
            w.next().to_string(),
        ),
    };
    CalendarView {
        athlete: data.athlete.clone(),
        athlete_name: data.athlete_name.clone(),
        span: kind,
        key,
        previous,
        next,
        first_day: own_first.to_string(),
        last_day: own_last.to_string(),
        today: today.to_string(),
        weeks,
        has_data,
        cached_from: data.cached.map(|(from, _)| from.to_string()),
        cached_to: data.cached.map(|(_, to)| to.to_string()),
    }
}

fn in_days<T: Clone>(
    items: &[T],
    from: NaiveDate,
    to: NaiveDate,
    date: impl Fn(&T) -> NaiveDate,
) -> Vec<T> {
    items
        .iter()
        .filter(|item| (from..=to).contains(&date(item)))
        .cloned()
        .collect()
}

/// Every card, by day: activities first (in the order they happened), then the plans still
/// open. A plan done on its own day is folded into its activity's card.
fn cards_by_day(today: NaiveDate, data: &SpanData<'_>) -> HashMap<NaiveDate, Vec<CalendarItem>> {
    let pairs = analysis::pair(data.workouts, data.activities);
    let plan_of: HashMap<usize, &Pair> = pairs.iter().map(|p| (p.activity, p)).collect();
    let done_by: HashMap<usize, &Pair> = pairs.iter().map(|p| (p.workout, p)).collect();
    let mut by_day: HashMap<NaiveDate, Vec<CalendarItem>> = HashMap::new();

    for (index, activity) in data.activities.iter().enumerate() {
        let load = data.load_of(activity);
        let plan = plan_of.get(&index).map(|p| &data.workouts[p.workout]);
        let verdict = judge(plan, Some((activity, load)), today);
        by_day
            .entry(activity.local_date)
            .or_default()
            .push(CalendarItem {
                id: activity.id.clone(),
                connection_id: data.athlete.connection_id.clone(),
                kind: ItemKind::Completed,
                sport: activity.sport.into(),
                name: activity.name.clone(),
                duration_s: activity.moving_time_s,
                distance_m: activity.distance_m,
                load,
                // The cache keeps the UTC start; a wall-clock time needs the time-zone rules.
                start_time: None,
                stub: activity.stub,
                race: plan.and_then(|w| w.race).map(|r| r.as_str().to_owned()),
                compliance: verdict,
                pair: plan.map(paired_workout),
            });
    }
    for (index, workout) in data.workouts.iter().enumerate() {
        let activity = done_by.get(&index).map(|p| &data.activities[p.activity]);
        if activity.is_some_and(|a| a.local_date == workout.date) {
            continue;
        }
        let done = activity.map(|a| (a, data.load_of(a)));
        by_day.entry(workout.date).or_default().push(CalendarItem {
            id: workout.id.clone(),
            connection_id: data.athlete.connection_id.clone(),
            kind: ItemKind::Planned,
            sport: workout.sport.into(),
            name: workout.name.clone(),
            duration_s: workout.planned_duration_s,
            distance_m: workout.planned_distance_m,
            load: workout.planned_load,
            start_time: workout.start_time.clone(),
            stub: false,
            race: workout.race.map(|r| r.as_str().to_owned()),
            compliance: judge(Some(workout), done, today),
            pair: done.map(|(a, load)| paired_activity(a, load)),
        });
    }
    by_day
}

/// The compliance of a plan and what was done for it, either of which may be missing. A Strava
/// stub is done, but its figures are not shared, so it cannot be measured against the plan.
pub fn judge(
    plan: Option<&Workout>,
    done: Option<(&Activity, Option<f64>)>,
    today: NaiveDate,
) -> ComplianceView {
    if done.is_some_and(|(a, _)| a.stub) {
        let rule = match plan {
            Some(w) => format!(
                "Done for “{}”, but imported from Strava, which does not share its figures: \
                 compliance cannot be measured.",
                w.name
            ),
            None => "Imported from Strava, which does not share its figures.".to_owned(),
        };
        return ComplianceView {
            color: ComplianceColor::Unplanned,
            percent: None,
            basis: None,
            rule,
        };
    }
    let verdict = analysis::judge(
        plan.map(|w| (w.date, w.planned_load, w.planned_duration_s)),
        done.map(|(a, load)| (load, a.moving_time_s)),
        today,
    );
    compliance_view(verdict)
}

fn compliance_view(verdict: Verdict) -> ComplianceView {
    ComplianceView {
        color: match verdict.compliance {
            Compliance::Green => ComplianceColor::Green,
            Compliance::Amber => ComplianceColor::Amber,
            Compliance::Red => ComplianceColor::Red,
            Compliance::Missed => ComplianceColor::Missed,
            Compliance::Upcoming => ComplianceColor::Upcoming,
            Compliance::Unplanned => ComplianceColor::Unplanned,
        },
        percent: verdict.percent,
        basis: verdict.basis.map(|b| {
            match b {
                ComplianceBasis::Load => "load",
                ComplianceBasis::Duration => "duration",
            }
            .to_owned()
        }),
        rule: verdict.rule,
    }
}

pub fn paired_workout(workout: &Workout) -> PairedItem {
    PairedItem {
        id: workout.id.clone(),
        name: workout.name.clone(),
        date: workout.date.to_string(),
        duration_s: workout.planned_duration_s,
        load: workout.planned_load,
    }
}

pub fn paired_activity(activity: &Activity, load: Option<f64>) -> PairedItem {
    PairedItem {
        id: activity.id.clone(),
        name: activity.name.clone(),
        date: activity.local_date.to_string(),
        duration_s: activity.moving_time_s,
        load,
    }
}

fn notes_on(notes: &[CalendarNote], date: NaiveDate) -> Vec<NoteView> {
    notes
        .iter()
        .filter(|n| (n.start_date..=n.end_date).contains(&date))
        .map(|n| NoteView {
            id: n.id.clone(),
            kind: match n.kind {
                NoteKind::Note => NoteKindView::Note,
                NoteKind::Holiday => NoteKindView::Holiday,
                NoteKind::Sick => NoteKindView::Sick,
                NoteKind::Injured => NoteKindView::Injured,
            },
            name: n.name.clone(),
            description: n.description.clone(),
            start_date: n.start_date.to_string(),
            end_date: n.end_date.to_string(),
        })
        .collect()
}

fn totals_view(t: SportTotals) -> SportTotalsView {
    SportTotalsView {
        sport: t.sport.into(),
        sessions: t.sessions,
        time_s: u32::try_from(t.time_s).unwrap_or(u32::MAX),
        distance_m: t.distance_m,
        load: t.load,
    }
}

#[cfg(test)]
#[path = "calendar_view_tests.rs"]
mod tests;
