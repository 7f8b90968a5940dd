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
            stub: false,
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
            stub: a.stub,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::PlanStatus;
    use offpeak_domain::samples::{activity, workout};

    #[test]
    fn the_view_carries_each_day_its_cards_and_flags() {
        let month: Month = "2026-11".parse().unwrap();
        let today = "2026-11-23".parse().unwrap();
        let workouts = [
            workout("w1", "2026-11-10", "Sweet spot"),
            workout("w3", "2026-11-25", "Long ride"),
        ];
        let stub = offpeak_domain::Activity {
            stub: true,
            ..activity("a2", "2026-11-12", None)
        };
        let activities = [activity("a1", "2026-11-10", Some("w1")), stub];
        let view = month_view(month, today, &workouts, &activities);

        assert_eq!(
            (
                view.month.as_str(),
                view.previous.as_str(),
                view.next.as_str()
            ),
            ("2026-11", "2026-10", "2026-12")
        );
        assert_eq!(view.days.len(), 42);
        assert!(view.has_data);
        let day = |d: &str| view.days.iter().find(|x| x.date == d).unwrap();
        let tenth = &day("2026-11-10").items;
        assert_eq!(
            (tenth[0].kind, tenth[0].status, tenth[0].name.as_str()),
            (ItemKind::Planned, Some(PlanStatus::Done), "Sweet spot")
        );
        assert_eq!(
            (tenth[1].kind, tenth[1].status),
            (ItemKind::Completed, None)
        );
        assert_eq!(
            (tenth[1].duration_s, tenth[1].distance_m),
            (3600, Some(10_200.0))
        );
        assert_eq!(tenth[1].planned_workout_id.as_deref(), Some("w1"));
        assert!(!tenth[0].stub && !tenth[1].stub);
        assert!(
            day("2026-11-12").items[0].stub,
            "a Strava stub shows as one"
        );
        assert_eq!(
            day("2026-11-25").items[0].status,
            Some(PlanStatus::Upcoming)
        );
        assert!(day("2026-11-23").is_today && !day("2026-11-22").is_today);
        assert!(!day("2026-10-26").in_month && day("2026-11-01").in_month);
    }

    #[test]
    fn items_only_outside_the_month_do_not_count_as_data() {
        let month: Month = "2026-06".parse().unwrap();
        let outside = [activity("a", "2026-07-02", None)];
        let view = month_view(month, "2026-11-23".parse().unwrap(), &[], &outside);
        assert!(!view.has_data);
        assert_eq!(view.days.iter().filter(|d| !d.items.is_empty()).count(), 1);
    }
}
