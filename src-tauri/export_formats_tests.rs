use super::*;
use offpeak_domain::RacePriority;
use offpeak_domain::samples::{activity, workout};

fn now() -> DateTime<Utc> {
    "2026-11-24T08:00:00Z".parse().unwrap()
}

/// The unfolded content lines of an iCalendar text.
fn unfolded(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"));
    let joined = ics.replace("\r\n ", "");
    joined
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn workouts_become_events_with_stable_uids_all_day_or_timed() {
    let timed = Workout {
        start_time: Some("07:30".into()),
        planned_duration_s: 5400,
        ..workout("w1", "2026-11-24", "Sweet spot, 3×12")
    };
    let race = Workout {
        race: Some(RacePriority::A),
        description: Some("Start wave 2; bring gels\nand a spare tube".into()),
        ..workout("w2", "2026-11-29", "Gran Fondo")
    };
    let ics = plan_ics(&[timed, race], "Ana Ruiz", "c1", now());
    let lines = unfolded(&ics);
    assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 2);
    assert!(lines.contains(&"UID:w1@c1.offpeak".to_owned()));
    assert!(lines.contains(&"DTSTART:20261124T073000".to_owned()));
    assert!(lines.contains(&"DURATION:PT5400S".to_owned()));
    assert!(lines.contains(&"SUMMARY:Sweet spot\\, 3×12 (Ride\\, 1h30)".to_owned()));
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20261129".to_owned()));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20261130".to_owned()));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("SUMMARY:A race: Gran Fondo"))
    );
    let description = lines.iter().find(|l| l.contains("Start wave 2")).unwrap();
    assert!(
        description.contains("Start wave 2\\; bring gels\\nand a spare tube"),
        "{description}"
    );
    assert!(lines.contains(&"DTSTAMP:20261124T080000Z".to_owned()));
}

#[test]
fn long_lines_fold_at_75_octets_without_splitting_characters() {
    let long = Workout {
        name: "Ü".repeat(100),
        ..workout("w1", "2026-11-24", "x")
    };
    let ics = plan_ics(&[long], "Ana", "c1", now());
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let summary = unfolded(&ics)
        .into_iter()
        .find(|l| l.starts_with("SUMMARY:"))
        .unwrap();
    assert!(summary.contains(&"Ü".repeat(100)));
}

#[test]
fn activities_become_csv_rows_with_quoting_and_formula_guard() {
    let mut first = activity("a1", "2026-11-10", Some("w1"));
    first.name = "Hills, \"the big ones\"".into();
    let mut second = activity("a2", "2026-11-11", None);
    second.name = "=HYPERLINK(\"http://x\")".into();
    second.distance_m = None;
    let csv = activities_csv(&[first, second], |a| (a.id == "a1").then_some(61.25));
    let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].starts_with("date,start_utc,sport,name,"));
    assert_eq!(rows[0].split(',').count(), 19);
    assert!(rows[1].starts_with(
        "2026-11-10,2026-11-10T07:30:00Z,run,\"Hills, \"\"the big ones\"\"\",3600,3700,10.200,85,"
    ));
    assert!(
        rows[1].contains(",61.2,") || rows[1].contains(",61.3,"),
        "{}",
        rows[1]
    );
    assert!(rows[1].ends_with(",false,w1,a1"));
    assert!(
        rows[2].contains(",\"'=HYPERLINK(\"\"http://x\"\")\","),
        "{}",
        rows[2]
    );
    assert!(
        rows[2].contains(",3700,,85,"),
        "a missing distance is an empty cell: {}",
        rows[2]
    );
}
