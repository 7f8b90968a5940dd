use super::*;
use crate::calendar_views::{ComplianceColor, ItemKind};
use offpeak_domain::samples::{activity, workout};
use offpeak_domain::{RacePriority, Sport};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn athlete() -> AthleteRef {
    AthleteRef {
        connection_id: "c1".into(),
        athlete_id: "a_1".into(),
    }
}

fn ride(id: &str, day: &str, planned: Option<&str>, moving_s: u32, load: f64) -> Activity {
    Activity {
        sport: Sport::Ride,
        moving_time_s: moving_s,
        load: Some(load),
        ..activity(id, day, planned)
    }
}

fn note(id: &str, from: &str, to: &str, kind: NoteKind) -> CalendarNote {
    CalendarNote {
        id: id.into(),
        athlete_id: "a_1".into(),
        kind,
        start_date: date(from),
        end_date: date(to),
        name: "Ski trip".into(),
        description: None,
        updated_at: "2026-11-01T00:00:00Z".parse().unwrap(),
    }
}

fn view(
    span: Span,
    workouts: &[Workout],
    activities: &[Activity],
    notes: &[CalendarNote],
) -> CalendarView {
    let loads = HashMap::from([("a_computed".to_owned(), 95.0)]);
    let data = SpanData {
        athlete: athlete(),
        athlete_name: "Ana".into(),
        workouts,
        activities,
        notes,
        computed_loads: &loads,
        cached: Some((date("2025-03-02"), date("2026-12-20"))),
    };
    calendar_view(span, date("2026-11-23"), &data)
}

fn day<'a>(view: &'a CalendarView, text: &str) -> &'a CalendarDay {
    view.weeks
        .iter()
        .flat_map(|w| &w.days)
        .find(|d| d.date == text)
        .unwrap()
}

#[test]
fn a_plan_done_on_its_day_is_one_card_coloured_by_load() {
    // Planned 60 load; the activity's streams gave 95 (158%: red) while the platform said 55.
    let workouts = [workout("w1", "2026-11-10", "Sweet spot")];
    let activities = [ride("a_computed", "2026-11-10", None, 3600, 55.0)];
    let month = view(
        Span::Month("2026-11".parse().unwrap()),
        &workouts,
        &activities,
        &[],
    );
    let cards = &day(&month, "2026-11-10").items;
    assert_eq!(cards.len(), 1, "the plan folds into its activity's card");
    let card = &cards[0];
    assert_eq!(card.kind, ItemKind::Completed);
    assert_eq!(card.pair.as_ref().unwrap().name, "Sweet spot");
    assert_eq!(card.load, Some(95.0));
    assert_eq!(card.compliance.color, ComplianceColor::Red);
    assert_eq!(card.compliance.percent, Some(158));
    assert_eq!(card.compliance.basis.as_deref(), Some("load"));
    assert!(
        card.compliance.rule.contains("95"),
        "{}",
        card.compliance.rule
    );
}

#[test]
fn a_plan_done_a_day_late_shows_on_both_days_and_open_plans_are_missed_or_upcoming() {
    let workouts = [
        workout("w1", "2026-11-10", "Long ride"),
        workout("w2", "2026-11-12", "Intervals"),
        workout("w3", "2026-11-25", "Recovery"),
    ];
    let activities = [ride("a1", "2026-11-11", Some("w1"), 3500, 58.0)];
    let month = view(
        Span::Month("2026-11".parse().unwrap()),
        &workouts,
        &activities,
        &[],
    );
    let planned = &day(&month, "2026-11-10").items[0];
    let done = &day(&month, "2026-11-11").items[0];
    assert_eq!(planned.kind, ItemKind::Planned);
    assert_eq!(planned.pair.as_ref().unwrap().id, "a1");
    assert_eq!(done.pair.as_ref().unwrap().id, "w1");
    assert_eq!(planned.compliance.color, ComplianceColor::Green);
    assert_eq!(done.compliance.color, ComplianceColor::Green);
    assert_eq!(
        day(&month, "2026-11-12").items[0].compliance.color,
        ComplianceColor::Missed
    );
    assert_eq!(
        day(&month, "2026-11-25").items[0].compliance.color,
        ComplianceColor::Upcoming
    );
}

#[test]
fn unplanned_activities_are_grey_and_stubs_are_not_measured() {
    let workouts = [workout("w1", "2026-11-03", "Tempo")];
    let stub = Activity {
        stub: true,
        moving_time_s: 0,
        load: None,
        ..ride("s1", "2026-11-03", None, 0, 0.0)
    };
    let activities = [stub, ride("a2", "2026-11-05", None, 3600, 40.0)];
    let month = view(
        Span::Month("2026-11".parse().unwrap()),
        &workouts,
        &activities,
        &[],
    );
    let stub_card = &day(&month, "2026-11-03").items[0];
    assert!(stub_card.stub);
    assert_eq!(stub_card.compliance.color, ComplianceColor::Unplanned);
    assert!(stub_card.compliance.rule.contains("Strava"));
    assert_eq!(stub_card.pair.as_ref().unwrap().id, "w1");
    let free = &day(&month, "2026-11-05").items[0];
    assert_eq!(free.compliance.color, ComplianceColor::Unplanned);
    assert!(free.pair.is_none());
}

#[test]
fn weeks_carry_totals_notes_races_and_rest_days() {
    let race = Workout {
        race: Some(RacePriority::A),
        ..workout("w9", "2026-11-29", "Gran Fondo")
    };
    let workouts = [workout("w1", "2026-11-24", "Tempo"), race];
    let activities = [
        ride("a1", "2026-11-24", Some("w1"), 3600, 62.0),
        ride("a2", "2026-11-26", None, 1800, 20.0),
    ];
    let notes = [note("n1", "2026-11-20", "2026-11-26", NoteKind::Holiday)];
    let week = view(
        Span::Week(offpeak_domain::Week::containing(date("2026-11-26"))),
        &workouts,
        &activities,
        &notes,
    );
    assert_eq!(
        (week.first_day.as_str(), week.last_day.as_str()),
        ("2026-11-23", "2026-11-29")
    );
    assert_eq!(
        (week.previous.as_str(), week.next.as_str()),
        ("2026-11-16", "2026-11-30")
    );
    assert_eq!(week.weeks.len(), 1);
    let row = &week.weeks[0];
    assert_eq!(row.days.len(), 7);
    let done = &row.done[0];
    assert_eq!((done.sessions, done.time_s, done.load), (2, 5400, 82.0));
    assert_eq!(row.planned[0].sessions, 2);
    assert_eq!(day(&week, "2026-11-29").items[0].race.as_deref(), Some("A"));
    assert_eq!(day(&week, "2026-11-23").notes[0].name, "Ski trip");
    assert!(day(&week, "2026-11-27").notes.is_empty());
    assert!(day(&week, "2026-11-25").rest_day && !day(&week, "2026-11-24").rest_day);
    assert!(week.has_data);
    assert_eq!(week.cached_from.as_deref(), Some("2025-03-02"));
}

#[test]
fn a_month_spans_whole_weeks_and_marks_its_own_days() {
    let month = view(Span::Month("2026-11".parse().unwrap()), &[], &[], &[]);
    assert_eq!(month.weeks.len(), 6);
    assert_eq!(month.weeks[0].start, "2026-10-26");
    assert!(!day(&month, "2026-10-31").in_span && day(&month, "2026-11-01").in_span);
    assert!(day(&month, "2026-11-23").is_today);
    assert!(!month.has_data);
    assert!(
        !day(&month, "2026-11-04").rest_day,
        "no plan that week: no rest days shown"
    );
    assert_eq!(
        (month.first_day.as_str(), month.last_day.as_str()),
        ("2026-11-01", "2026-11-30")
    );
}
