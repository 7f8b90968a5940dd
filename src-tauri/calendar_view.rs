//! Lays a month's cached workouts and activities out as the calendar screen shows it.

use crate::views::{CalendarDay, CalendarItem, CalendarMonth, ItemKind};
use chrono::NaiveDate;
use offpeak_domain::{Activity, CalendarEntry, Month, Workout, entries_by_day};

/// Builds the month view. `workouts` and `activities` are those of the month's grid.
pub fn month_view(
    month: Month,
    today: NaiveDate,
    workouts: &[Workout],
    activities: &[Activity],
) -> CalendarMonth {
    let days: Vec<CalendarDay> = entries_by_day(month.grid(), today, workouts, activities)
        .into_iter()
        .map(|(date, entries)| CalendarDay {
            date: date.to_string(),
            in_month: month.contains(date),
            is_today: date == today,
            items: entries.into_iter().map(item).collect(),
        })
        .collect();
    CalendarMonth {
        month: month.to_string(),
        previous: month.previous().to_string(),
        next: month.next().to_string(),
        today: today.to_string(),
        has_data: days.iter().any(|d| d.in_month && !d.items.is_empty()),
        days,
    }
}

fn item(entry: CalendarEntry<'_>) -> CalendarItem {
    match entry {
        CalendarEntry::Planned(w, status) => CalendarItem {
            id: w.id.clone(),
            kind: ItemKind::Planned,
            sport: w.sport.into(),
            name: w.name.clone(),
            duration_s: w.planned_duration_s,
            distance_m: w.planned_distance_m,
            load: w.planned_load,
            status: Some(status.into()),
            planned_workout_id: None,
            start_time: w.start_time.clone(),
        },
        CalendarEntry::Completed(a) => CalendarItem {
            id: a.id.clone(),
            kind: ItemKind::Completed,
            sport: a.sport.into(),
            name: a.name.clone(),
            duration_s: a.moving_time_s,
            distance_m: a.distance_m,
            load: a.load,
            status: None,
            planned_workout_id: a.planned_workout_id.clone(),
            // The cache keeps the UTC start; a wall-clock time needs the time-zone rules.
            start_time: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::PlanStatus;
    use offpeak_domain::Sport;

    fn workout(id: &str, date: &str) -> Workout {
        Workout {
            id: id.into(),
            athlete_id: "a".into(),
            date: date.parse().unwrap(),
            start_time: None,
            sport: Sport::Ride,
            name: format!("plan {id}"),
            description: None,
            planned_duration_s: 3600,
            planned_distance_m: None,
            planned_load: None,
            structure: None,
            updated_at: "2026-11-01T00:00:00Z".parse().unwrap(),
        }
    }

    fn activity(id: &str, date: &str, plan: Option<&str>) -> Activity {
        Activity {
            id: id.into(),
            athlete_id: "a".into(),
            start_time: format!("{date}T08:00:00Z").parse().unwrap(),
            timezone: None,
            local_date: date.parse().unwrap(),
            sport: Sport::Run,
            name: format!("done {id}"),
            elapsed_time_s: 3000,
            moving_time_s: 2900,
            distance_m: Some(9000.0),
            elevation_gain_m: None,
            avg_power_w: None,
            avg_hr: None,
            load: Some(50.0),
            trainer: false,
            planned_workout_id: plan.map(str::to_owned),
            updated_at: "2026-11-01T00:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn items_land_on_their_days_with_plan_status() {
        let month: Month = "2026-11".parse().unwrap();
        let today = "2026-11-23".parse().unwrap();
        let workouts = [
            workout("w1", "2026-11-10"),
            workout("w2", "2026-11-12"),
            workout("w3", "2026-11-25"),
        ];
        let activities = [
            activity("a1", "2026-11-10", Some("w1")),
            activity("a2", "2026-11-14", None),
        ];
        let view = month_view(month, today, &workouts, &activities);

        assert_eq!(view.days.len(), 42);
        assert_eq!(
            (view.previous.as_str(), view.next.as_str()),
            ("2026-10", "2026-12")
        );
        assert!(view.has_data);
        let day = |d: &str| view.days.iter().find(|x| x.date == d).unwrap();
        let tenth = day("2026-11-10");
        assert_eq!(tenth.items.len(), 2);
        assert_eq!(tenth.items[0].status, Some(PlanStatus::Done));
        assert_eq!(tenth.items[1].kind, ItemKind::Completed);
        assert_eq!(tenth.items[1].planned_workout_id.as_deref(), Some("w1"));
        assert_eq!(day("2026-11-12").items[0].status, Some(PlanStatus::Missed));
        assert_eq!(
            day("2026-11-25").items[0].status,
            Some(PlanStatus::Upcoming)
        );
        assert!(day("2026-11-23").is_today);
        assert!(!day("2026-10-26").in_month);
    }

    #[test]
    fn an_empty_month_says_so() {
        let month: Month = "2026-06".parse().unwrap();
        let outside = [activity("a", "2026-05-31", None)];
        let view = month_view(month, "2026-11-23".parse().unwrap(), &[], &outside);
        assert!(
            !view.has_data,
            "items only on days outside the month do not count"
        );
        assert!(view.days.iter().all(|d| d.items.is_empty() || !d.in_month));
    }
}
