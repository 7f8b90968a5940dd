//! Following the plan, life around it (notes, illness, holidays), and wellness.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Duration;

use super::*;

/// Done (±10%), over (+15–40%) and missed planned sessions before the anchor.
fn shares(d: &Dataset) -> (f64, f64, f64) {
    let by_id = workouts_by_id(d);
    let (mut done, mut over) = (0.0, 0.0);
    for a in &d.activities {
        let Some(w) = a.planned_workout_id.as_ref().map(|id| by_id[id.as_str()]) else {
            continue;
        };
        let ratio = f64::from(a.moving_time_s) / f64::from(w.planned_duration_s);
        if (0.9..=1.1).contains(&ratio) {
            done += 1.0;
        } else {
            assert!((1.15..=1.4).contains(&ratio), "{} ratio {ratio}", w.name);
            over += 1.0;
        }
    }
    let past = d.workouts.iter().filter(|w| w.date < anchor()).count() as f64;
    (done / past, over / past, (past - done - over) / past)
}

#[test]
fn activities_follow_exceed_or_miss_the_plan_in_sensible_shares() {
    let mut sets: Vec<Dataset> = (1..=5)
        .map(|s| Dataset::generate(s, anchor(), DatasetSize::Demo))
        .collect();
    sets.push(decade().clone());
    sets.push(season().clone());
    for d in &sets {
        let (done, over, missed) = shares(d);
        assert!((0.62..0.85).contains(&done), "done {done}");
        assert!((0.05..0.16).contains(&over), "over {over}");
        assert!((0.08..0.28).contains(&missed), "missed {missed}");
    }
}

#[test]
fn unplanned_outings_commutes_and_two_a_days() {
    let d = decade();
    let unplanned: Vec<&Activity> = d
        .activities
        .iter()
        .filter(|a| a.planned_workout_id.is_none())
        .collect();
    let share = unplanned.len() as f64 / d.activities.len() as f64;
    assert!((0.2..0.5).contains(&share), "{share}");
    let commutes = unplanned.iter().filter(|a| a.name.contains("🚲")).count();
    let hikes = unplanned.iter().filter(|a| a.sport == Sport::Other).count();
    assert!(commutes > 300 && hikes > 20, "{commutes} {hikes}");
    let mut days: BTreeMap<(&str, NaiveDate), Vec<&Activity>> = BTreeMap::new();
    for a in &d.activities {
        days.entry((a.athlete_id.as_str(), a.local_date))
            .or_default()
            .push(a);
    }
    let (mut both_planned, mut mixed) = (0, 0);
    for acts in days.values().filter(|v| v.len() >= 2) {
        let planned = acts
            .iter()
            .filter(|a| a.planned_workout_id.is_some())
            .count();
        both_planned += usize::from(planned >= 2);
        mixed += usize::from(planned >= 1 && planned < acts.len());
        // Sessions of one day do not overlap.
        for pair in acts.windows(2) {
            let end = pair[0].start_time + Duration::seconds(i64::from(pair[0].elapsed_time_s));
            assert!(
                end <= pair[1].start_time,
                "{} overlaps {}",
                pair[0].id,
                pair[1].id
            );
        }
    }
    assert!(both_planned > 50 && mixed > 100, "{both_planned} {mixed}");
    // Morning run and evening strength, or a ride then a brick run.
    let by_id = workouts_by_id(d);
    let bricks = d
        .activities
        .iter()
        .filter_map(|a| a.planned_workout_id.as_ref())
        .filter(|id| by_id[id.as_str()].name.starts_with("Brick run"))
        .count();
    assert!(bricks > 30, "{bricks}");
}

fn days_of(notes: &[&CalendarNote]) -> HashSet<(String, NaiveDate)> {
    let mut days = HashSet::new();
    for n in notes {
        let mut d = n.start_date;
        while d <= n.end_date {
            days.insert((n.athlete_id.clone(), d));
            d += Duration::days(1);
        }
    }
    days
}

#[test]
fn notes_mark_rest_days_holidays_and_illness_without_training_while_sick() {
    let d = decade();
    let of = |c: NoteCategory| {
        d.notes
            .iter()
            .filter(move |n| n.category == c)
            .collect::<Vec<_>>()
    };
    let (note, holiday, sick, injured) = (
        of(NoteCategory::Note),
        of(NoteCategory::Holiday),
        of(NoteCategory::Sick),
        of(NoteCategory::Injured),
    );
    assert!(note.iter().any(|n| n.name.contains("Rest day")));
    assert!(holiday.len() >= 5 && holiday.iter().all(|n| n.end_date > n.start_date));
    assert!((8..=25).contains(&sick.len()), "{}", sick.len());
    assert!(!injured.is_empty());
    let sick_days = days_of(&sick);
    for a in &d.activities {
        assert!(
            !sick_days.contains(&(a.athlete_id.clone(), a.local_date)),
            "{} while sick",
            a.id
        );
    }
    let planned_while_sick = d
        .workouts
        .iter()
        .filter(|w| sick_days.contains(&(w.athlete_id.clone(), w.date)))
        .count();
    assert!(
        planned_while_sick > 5,
        "plans missed while sick: {planned_while_sick}"
    );
    // No running while a running injury lasts.
    let hurt = days_of(
        &injured
            .iter()
            .copied()
            .filter(|n| n.name.contains("no running"))
            .collect::<Vec<_>>(),
    );
    assert!(
        !d.activities
            .iter()
            .any(|a| a.sport == Sport::Run && hurt.contains(&(a.athlete_id.clone(), a.local_date)))
    );
    let s = season();
    assert!(s.notes.iter().any(|n| n.category == NoteCategory::Holiday));
    assert!(s.notes.iter().any(|n| n.category == NoteCategory::Sick));
}

#[test]
fn wellness_has_gaps_plausible_values_and_answers_to_load_and_illness() {
    for d in [decade(), season(), demo()] {
        let days = (anchor() - d.wellness[0].date).num_days() as usize + 1;
        let expected = days * d.athletes.len();
        assert!(
            d.wellness.len() < expected * 95 / 100,
            "no gaps: {} of {expected}",
            d.wellness.len()
        );
        assert!(
            d.wellness.len() > expected * 70 / 100,
            "too sparse: {}",
            d.wellness.len()
        );
        for w in &d.wellness {
            assert!(w.resting_hr.is_none_or(|r| (35..=90).contains(&r)), "{w:?}");
            assert!(w.hrv.is_none_or(|h| (12.0..=160.0).contains(&h)), "{w:?}");
            assert!(
                w.weight_kg.is_none_or(|k| (40.0..=110.0).contains(&k)),
                "{w:?}"
            );
            assert!(
                w.sleep_s
                    .is_none_or(|s| (3 * 3600..=11 * 3600).contains(&s)),
                "{w:?}"
            );
            assert!(
                w.sleep_quality.is_none_or(|q| (1..=4).contains(&q)),
                "{w:?}"
            );
        }
        assert!(d.wellness.iter().any(|w| w.weight_kg.is_none()));
        assert!(
            d.wellness
                .iter()
                .any(|w| w.hrv.is_none() && w.resting_hr.is_some())
        );
    }
    let d = decade();
    let sick = days_of(
        &d.notes
            .iter()
            .filter(|n| n.category == NoteCategory::Sick)
            .collect::<Vec<_>>(),
    );
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let hrv: Vec<(NaiveDate, f64, bool)> = d
        .wellness
        .iter()
        .filter_map(|w| {
            w.hrv
                .map(|h| (w.date, h, sick.contains(&(w.athlete_id.clone(), w.date))))
        })
        .collect();
    let ill: Vec<f64> = hrv.iter().filter(|x| x.2).map(|x| x.1).collect();
    let well: Vec<f64> = hrv.iter().filter(|x| !x.2).map(|x| x.1).collect();
    assert!(
        mean(&ill) < 0.85 * mean(&well),
        "{} vs {}",
        mean(&ill),
        mean(&well)
    );
    // After the hardest weeks HRV is lower than after the easiest.
    let mut load: HashMap<NaiveDate, f64> = HashMap::new();
    for a in &d.activities {
        *load.entry(a.local_date).or_default() += f64::from(a.load.unwrap_or(0));
    }
    let week_load = |day: NaiveDate| {
        (1..=7)
            .map(|k| load.get(&(day - Duration::days(k))).copied().unwrap_or(0.0))
            .sum::<f64>()
    };
    let mut ranked: Vec<(f64, f64)> = hrv
        .iter()
        .filter(|x| !x.2)
        .map(|x| (week_load(x.0), x.1))
        .collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = ranked.len() / 5;
    let easy: Vec<f64> = ranked[..n].iter().map(|x| x.1).collect();
    let hard: Vec<f64> = ranked[ranked.len() - n..].iter().map(|x| x.1).collect();
    assert!(
        mean(&hard) < 0.93 * mean(&easy),
        "hard {} easy {}",
        mean(&hard),
        mean(&easy)
    );
}
