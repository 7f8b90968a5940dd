//! Completed activities for the planned workouts before the anchor date: about three in four
//! done as planned (duration within ±10%), one in ten overdone (+15–40%), the rest missed, and
//! every one missed while sick or injured for its sport. Races are always raced. Unplanned
//! activities come from `unplanned`. Nothing happens on or after the anchor date.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::life::{Life, Window};
use super::metrics::{self, Spec};
use super::people::{Locale, Profile, TripKind};
use super::plan::Planned;
use super::sessions::Kind;
use super::{Activity, Ids, Sport, tz, unplanned};

/// Share of planned sessions done as planned, and overdone; the rest are missed.
const DONE: f64 = 0.77;
const OVER: f64 = 0.10;

/// A taken stretch of time: start and end.
type Span = (DateTime<Utc>, DateTime<Utc>);

/// The times already taken on each local date, so sessions of one day do not overlap.
#[derive(Debug, Default)]
pub(super) struct Schedule {
    busy: HashMap<NaiveDate, Vec<Span>>,
}

impl Schedule {
    pub(super) fn free(&self, date: NaiveDate, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        let gap = Duration::minutes(10);
        self.busy
            .get(&date)
            .is_none_or(|v| v.iter().all(|&(s, e)| end + gap <= s || start >= e + gap))
    }

    /// Seconds already spent training on `date`.
    pub(super) fn busy_s(&self, date: NaiveDate) -> i64 {
        self.busy
            .get(&date)
            .map_or(0, |v| v.iter().map(|&(s, e)| (e - s).num_seconds()).sum())
    }

    pub(super) fn last_end(&self, date: NaiveDate) -> Option<DateTime<Utc>> {
        self.busy.get(&date)?.iter().map(|&(_, e)| e).max()
    }

    pub(super) fn add(&mut self, a: &Activity) {
        let end = a.start_time + Duration::seconds(i64::from(a.elapsed_time_s));
        self.busy
            .entry(a.local_date)
            .or_default()
            .push((a.start_time, end));
    }
}

pub(super) fn generate(
    rng: &mut ChaCha8Rng,
    ids: &mut Ids,
    p: &Profile,
    plan: &[Planned],
    life: &Life,
    w: &Window,
) -> Vec<Activity> {
    let mut order: Vec<&Planned> = plan.iter().filter(|x| x.workout.date < w.anchor).collect();
    order.sort_by(|a, b| {
        (a.workout.date, &a.workout.start_time).cmp(&(b.workout.date, &b.workout.start_time))
    });
    let mut per_day: HashMap<NaiveDate, usize> = HashMap::new();
    for x in &order {
        *per_day.entry(x.workout.date).or_default() += 1;
    }
    let mut sched = Schedule::default();
    let mut out = Vec::new();
    for x in order {
        let alone = per_day[&x.workout.date] == 1;
        let roll: f64 = rng.random();
        let day = life.day(x.workout.date);
        let blocked = day.sick || day.injured == Some(x.workout.sport);
        if blocked || (x.race.is_none() && roll >= DONE + OVER) {
            continue;
        }
        let over = x.race.is_none() && roll >= DONE;
        let Some(spec) = planned(rng, p, x, over, alone, life, &sched) else {
            continue;
        };
        let a = metrics::build(rng, ids, &p.athlete, spec, w.cutoff);
        sched.add(&a);
        out.push(a);
    }
    unplanned::generate(rng, ids, p, life, w, &mut sched, &mut out);
    out
}

fn time(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time")
}

const TRAVEL_NOTES: [&str; 4] = [
    "Jet lag 😴 but moving.",
    "Exploring on foot 🗺️",
    "New roads, new legs.",
    "Hotel gym would not do, found a better route.",
];

fn planned<'a>(
    rng: &mut ChaCha8Rng,
    p: &Profile,
    x: &'a Planned,
    over: bool,
    alone: bool,
    life: &Life,
    sched: &Schedule,
) -> Option<Spec<'a>> {
    let w = &x.workout;
    let day = life.day(w.date);
    let zone = tz::zone(day.place.tz);
    let weekday = w.date.weekday().num_days_from_monday();
    let planned_start = w
        .start_time
        .as_deref()
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
    let factor = if x.race.is_some() {
        rng.random_range(0.97..=1.03)
    } else if over {
        rng.random_range(1.16..=1.39)
    } else {
        rng.random_range(0.92..=1.08)
    };
    let moving_s = (f64::from(w.planned_duration_s) * factor).round() as u32;
    let base = planned_start.unwrap_or_else(|| {
        let hours: &[u32] = if weekday >= 5 {
            &[8, 9, 10]
        } else {
            &[6, 7, 12, 18, 19]
        };
        time(
            *hours.choose(rng).expect("non-empty"),
            rng.random_range(0..4) * 15,
        )
    });
    let jitter = if x.race.is_some() {
        rng.random_range(0..=90)
    } else {
        rng.random_range(-600..=1200)
    };
    let mut local = base + Duration::seconds(jitter);
    // Now and then a run squeezed in late in the evening, finishing after midnight.
    let late = alone && w.sport == Sport::Run && moving_s >= 2400 && weekday < 5;
    let late = late && rng.random_bool(0.06);
    if late {
        local = time(22, 40) + Duration::minutes(rng.random_range(0..=45));
    }
    let mut start = tz::to_utc(zone, w.date.and_time(local));
    if let Some(end) = sched
        .last_end(w.date)
        .filter(|&e| start < e + Duration::minutes(5))
    {
        start = end + Duration::minutes(rng.random_range(5..=20));
    }
    let local_start = tz::to_local(zone, start);
    if local_start.date() != w.date || (local_start.hour() >= 23 && !late) {
        return None;
    }
    let kind = x.kind;
    let camp = day.trip == Some(TripKind::Camp);
    let trainer = match kind {
        _ if day.trip.is_some() || w.sport != Sport::Ride => false,
        Some(Kind::RecoverySpin) => rng.random_bool(0.7),
        Some(k) if k.indoor_ride() && weekday < 5 => rng.random_bool(0.5),
        _ => local_start.hour() < 6 || local_start.hour() >= 21,
    };
    let hilly = camp
        || x.race.is_some_and(|r| r.hilly)
        || kind == Some(Kind::Madeleine)
        || (kind == Some(Kind::LongRide) && rng.random_bool(0.3));
    let sport_word = match w.sport {
        Sport::Ride => "Ride",
        Sport::Run => "Run",
        Sport::Swim => "Swim",
        _ => "Workout",
    };
    let part = match local_start.hour() {
        0..=10 => "Morning",
        11..=13 => "Lunch",
        14..=17 => "Afternoon",
        _ => "Evening",
    };
    let japanese = p.locale == Locale::Ja;
    let name = if x.race.is_some() {
        if rng.random_bool(0.3) {
            format!("{} 🏅", w.name)
        } else {
            w.name.clone()
        }
    } else if over && w.sport == Sport::Ride && rng.random_bool(0.5) {
        format!("{} + extra loop", w.name)
    } else if rng.random_bool(0.2) && japanese {
        let part = if local_start.hour() < 11 {
            "朝"
        } else {
            "夜"
        };
        let sport = match w.sport {
            Sport::Ride => "ライド",
            Sport::Run => "ラン",
            Sport::Swim => "スイム",
            _ => "トレ",
        };
        format!("{part}{sport}")
    } else if rng.random_bool(0.2) {
        format!("{part} {sport_word}")
    } else {
        w.name.clone()
    };
    let travel = day.trip.is_some_and(|t| t != TripKind::Race) && rng.random_bool(0.3);
    let description = if x.race.is_some() {
        Some("Race day 🏁")
    } else if travel {
        TRAVEL_NOTES.choose(rng).copied()
    } else {
        None
    };
    let planned_if = w.intensity.unwrap_or(0.6);
    let drift = if over { -0.03 } else { 0.0 };
    Some(Spec {
        date: w.date,
        start,
        place: day.place,
        sport: w.sport,
        name,
        description,
        moving_s,
        intensity: (planned_if + drift + rng.random_range(-0.03..=0.03)).max(0.4),
        trainer,
        hilly,
        distance_m: x
            .race
            .and(w.planned_distance_m)
            .map(|m| m * rng.random_range(1.0..1.008)),
        planned: Some(w),
    })
}
