//! Periodization: an A race a year reached through base, build, peak and taper; B and C races;
//! recovery weeks; races raced.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Duration, NaiveDate};

use super::*;

fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// Planned hours and mean intensity of ride and run sessions, per Monday, for one athlete.
fn weekly(d: &Dataset, athlete: &str) -> BTreeMap<NaiveDate, (f64, f64, usize)> {
    let mut weeks: BTreeMap<NaiveDate, (f64, f64, usize)> = BTreeMap::new();
    for w in d
        .workouts
        .iter()
        .filter(|w| w.athlete_id == athlete && w.race.is_none())
    {
        let e = weeks.entry(monday(w.date)).or_default();
        e.0 += f64::from(w.planned_duration_s) / 3600.0;
        if matches!(w.sport, Sport::Ride | Sport::Run) {
            e.1 += w.intensity.unwrap();
            e.2 += 1;
        }
    }
    weeks
}

fn a_races(d: &Dataset, athlete: &str) -> BTreeSet<NaiveDate> {
    d.workouts
        .iter()
        .filter(|w| w.athlete_id == athlete && w.race == Some(RacePriority::A))
        .map(|w| w.date)
        .collect()
}

/// Mean hours and intensity over the weeks `from..=to` before the race's week.
fn span(
    weeks: &BTreeMap<NaiveDate, (f64, f64, usize)>,
    race: NaiveDate,
    from: i64,
    to: i64,
) -> (f64, f64) {
    let (mut hours, mut int, mut n, mut count) = (0.0, 0.0, 0, 0.0);
    for k in from..=to {
        let e = weeks
            .get(&(monday(race) - Duration::weeks(k)))
            .copied()
            .unwrap_or_default();
        hours += e.0;
        int += e.1;
        n += e.2;
        count += 1.0;
    }
    (hours / count, int / n.max(1) as f64)
}

fn median(
    weeks: &BTreeMap<NaiveDate, (f64, f64, usize)>,
    race: NaiveDate,
    from: i64,
    to: i64,
) -> f64 {
    let mut hours: Vec<f64> = (from..=to)
        .map(|k| {
            weeks
                .get(&(monday(race) - Duration::weeks(k)))
                .map_or(0.0, |e| e.0)
        })
        .collect();
    hours.sort_by(f64::total_cmp);
    hours[hours.len() / 2]
}

#[test]
fn every_year_of_the_decade_has_an_a_race_reached_by_base_build_peak_and_taper() {
    let d = decade();
    let id = &d.owner().id;
    let weeks = weekly(d, id);
    let races = a_races(d, id);
    let years: BTreeSet<i32> = races.iter().map(|r| r.year()).collect();
    let first = d.workouts.first().unwrap().date;
    for y in first.year() + 1..anchor().year() {
        assert_eq!(
            races.iter().filter(|r| r.year() == y).count(),
            1,
            "{y}: {races:?}"
        );
    }
    assert!(years.len() >= 10);
    let mut checked = 0;
    for &race in races
        .iter()
        .filter(|r| **r - first > Duration::weeks(30) && **r < anchor())
    {
        let (taper, _) = span(&weeks, race, 1, 2);
        let (peak, peak_if) = span(&weeks, race, 3, 4);
        let (build, build_if) = span(&weeks, race, 5, 12);
        let (base, base_if) = span(&weeks, race, 20, 28);
        let (transition, _) = span(&weeks, race, -2, -1);
        assert!(
            taper < 0.85 * build,
            "{race}: taper {taper:.1} h, build {build:.1} h"
        );
        // Medians, so a training camp in the base does not count as the base.
        let (base_mid, build_mid) = (median(&weeks, race, 20, 28), median(&weeks, race, 5, 12));
        assert!(
            base < build || base_mid < build_mid,
            "{race}: base {base:.1} h, build {build:.1} h"
        );
        assert!(transition < 0.7 * build, "{race}: after {transition:.1} h");
        assert!(peak > taper, "{race}: peak {peak:.1} h, taper {taper:.1}");
        assert!(
            build_if.max(peak_if) > base_if,
            "{race}: intensity base {base_if:.3} build {build_if:.3} peak {peak_if:.3}"
        );
        // A recovery week in every build: its hours well under the build's best.
        let build_weeks: Vec<f64> = (5..=12)
            .map(|k| {
                weeks
                    .get(&(monday(race) - Duration::weeks(k)))
                    .map_or(0.0, |e| e.0)
            })
            .collect();
        let top = build_weeks.iter().copied().fold(0.0, f64::max);
        let low = build_weeks.iter().copied().fold(f64::MAX, f64::min);
        assert!(low < 0.8 * top, "{race}: {build_weeks:?}");
        checked += 1;
    }
    assert!(checked >= 9, "{checked}");
}

#[test]
fn b_and_c_races_and_race_names_and_races_are_raced() {
    for d in [decade(), season()] {
        let by_id = workouts_by_id(d);
        let done: HashMap<&str, &Activity> = d
            .activities
            .iter()
            .filter_map(|a| a.planned_workout_id.as_deref().map(|id| (id, a)))
            .collect();
        // Race events (a triathlon's legs are one event) by priority.
        let mut events: HashMap<RacePriority, BTreeSet<(&str, NaiveDate)>> = HashMap::new();
        for w in d.workouts.iter().filter(|w| w.race.is_some()) {
            let event = (w.athlete_id.as_str(), w.date);
            events.entry(w.race.unwrap()).or_default().insert(event);
            assert!(
                [
                    "Marathon",
                    "IRONMAN",
                    "Triatl",
                    "Challenge",
                    "TT",
                    "race",
                    "Race",
                    "Gran Fondo",
                    "Clásica",
                    "Carrera",
                    "parkrun",
                    "Half",
                    "Maratón",
                    "Triathlon",
                    "km",
                    "Crono",
                    "Critérium",
                    "Vuelta",
                    "Contrarreloj",
                    "Langdistanz",
                    "Hill climb",
                    "Reliability",
                    "Mother",
                    "City2Surf",
                    "San Silvestre",
                    "Halbmarathon",
                    "Schwimm"
                ]
                .iter()
                .any(|k| w.name.contains(k)),
                "{} is not a race-like name",
                w.name
            );
            // A race is raced, unless its athlete is ill or hurt that day (never an A race).
            let off = d.notes.iter().any(|n| {
                n.athlete_id == w.athlete_id
                    && matches!(n.category, NoteCategory::Sick | NoteCategory::Injured)
                    && (n.start_date..=n.end_date).contains(&w.date)
            });
            assert!(!off || w.race != Some(RacePriority::A), "{}: ill", w.name);
            if w.date < anchor() && !off {
                let a = done
                    .get(w.id.as_str())
                    .unwrap_or_else(|| panic!("{} not raced", w.name));
                let ratio = f64::from(a.moving_time_s) / f64::from(w.planned_duration_s);
                assert!((0.9..=1.1).contains(&ratio), "{} {ratio}", w.name);
                assert!(a.distance_m.unwrap() >= w.planned_distance_m.unwrap());
                assert_eq!(by_id[w.id.as_str()].sport, a.sport);
            }
        }
        let count = |p: RacePriority| events.get(&p).map_or(0, BTreeSet::len);
        let (a, b, c) = (
            count(RacePriority::A),
            count(RacePriority::B),
            count(RacePriority::C),
        );
        // One or two B races a season, a few C races.
        assert!(b + 2 >= a && b <= 2 * a + 2 && c > 2, "A {a} B {b} C {c}");
    }
    // Every athlete of the season but the coach races their A race of the year.
    let d = season();
    for a in d.athletes.iter().filter(|a| a.role == "athlete") {
        assert_eq!(a_races(d, &a.id).len(), 1, "{}", a.name);
    }
}

#[test]
fn multisport_races_are_planned_leg_by_leg_in_order() {
    let d = decade();
    let mut legs: BTreeMap<(NaiveDate, &str), Vec<&Workout>> = BTreeMap::new();
    for w in d.workouts.iter().filter(|w| w.race.is_some()) {
        let event = w.name.split(" — ").next().unwrap();
        legs.entry((w.date, event)).or_default().push(w);
    }
    let tri: Vec<_> = legs.values().filter(|l| l.len() == 3).collect();
    assert!(tri.len() >= 10, "{}", tri.len());
    for l in tri {
        let mut l = l.clone();
        l.sort_by_key(|w| w.start_time.clone());
        let sports: Vec<Sport> = l.iter().map(|w| w.sport).collect();
        assert_eq!(
            sports,
            [Sport::Swim, Sport::Ride, Sport::Run],
            "{}",
            l[0].name
        );
    }
}
