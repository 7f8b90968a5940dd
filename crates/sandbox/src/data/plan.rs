//! The training plan: each week of the season from its template, shaped by races (the race
//! legs replace the day's sessions, the day after is rest), camps (more riding), work trips (no
//! bike) and holidays (less, and easier).

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::life::{Life, Window};
use super::people::{Discipline, Profile, TripKind};
use super::races::RaceDef;
use super::season::{Season, Week};
use super::sessions::{self, Kind, Session};
use super::templates::{self, At};
use super::{Ids, RacePriority, Sport, Workout};

/// A planned workout and what it was made from.
#[derive(Debug, Clone)]
pub(super) struct Planned {
    pub workout: Workout,
    /// The catalogue entry; `None` for a race leg.
    pub kind: Option<Kind>,
    pub race: Option<&'static RaceDef>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    day: i64,
    kind: Kind,
    at: At,
    optional: bool,
}

fn easier(kind: Kind) -> Kind {
    match kind.sport() {
        Sport::Ride if kind != Kind::RecoverySpin => Kind::EnduranceRide,
        Sport::Run if kind != Kind::RecoveryRun => Kind::EasyRun,
        Sport::Swim => Kind::SwimEndurance,
        _ => kind,
    }
}

fn without_bike(kind: Kind) -> Option<Kind> {
    match kind {
        Kind::LongRide | Kind::LongRideTempo => Some(Kind::LongRun),
        Kind::EnduranceRide | Kind::RecoverySpin => Some(Kind::EasyRun),
        Kind::BrickRun => None,
        k if k.sport() == Sport::Ride => Some(Kind::TempoRun),
        k => Some(k),
    }
}

/// The sessions of one week before they become workouts.
fn entries(
    rng: &mut ChaCha8Rng,
    p: &Profile,
    week: &Week,
    season: &Season,
    life: &Life,
) -> Vec<Entry> {
    let races: Vec<_> = season
        .races
        .iter()
        .filter(|r| (r.date - week.monday).num_days() >= 0 && (r.date - week.monday).num_days() < 7)
        .collect();
    let b_race = races.iter().any(|r| r.priority == RacePriority::B);
    let shape = templates::shape(week, b_race);
    let mut list: Vec<Entry> = Vec::new();
    for slot in templates::slots(p.discipline, shape) {
        if slot.prob < 1.0 && !rng.random_bool(slot.prob) {
            continue;
        }
        let kind = *slot.kinds.choose(rng).expect("non-empty");
        list.push(Entry {
            day: slot.day,
            kind,
            at: slot.at,
            optional: slot.prob < 1.0,
        });
    }
    for r in &races {
        let day = (r.date - week.monday).num_days();
        let rest_after = if r.priority == RacePriority::C { 0 } else { 1 };
        list.retain(|e| e.day < day || e.day > day + rest_after);
    }
    // Life: camps ride more, work trips leave the bike at home, holidays are lighter.
    let mut out = Vec::new();
    for mut e in list {
        let day = life.day(week.monday + Duration::days(e.day));
        match day.trip {
            Some(TripKind::Camp) if e.kind.sport() == Sport::Ride => {
                e.kind = *[Kind::LongRide, Kind::Madeleine, Kind::LongRideTempo]
                    .choose(rng)
                    .expect("non-empty");
            }
            Some(TripKind::Work) => match without_bike(e.kind) {
                Some(k) => e.kind = k,
                None => continue,
            },
            _ => {}
        }
        if day.holiday {
            if rng.random_bool(0.4) {
                continue;
            }
            e.kind = easier(e.kind);
        }
        out.push(e);
    }
    // On camp days without a session, ride.
    for d in 0..7 {
        let camp = life.day(week.monday + Duration::days(d)).trip == Some(TripKind::Camp);
        let raced = races.iter().any(|r| (r.date - week.monday).num_days() == d);
        if camp && !raced && d != 0 && !out.iter().any(|e| e.day == d) {
            out.push(Entry {
                day: d,
                kind: Kind::EnduranceRide,
                at: At::Any,
                optional: true,
            });
        }
    }
    let most: usize = if p.discipline == Discipline::Triathlon {
        6
    } else {
        10
    };
    let cap = most.saturating_sub(races.iter().map(|r| r.def.legs.len()).sum());
    while out.len() > cap {
        let i = out
            .iter()
            .rposition(|e| e.optional)
            .unwrap_or(out.len() - 1);
        out.remove(i);
    }
    out.sort_by_key(|e| (e.day, e.at));
    // A brick without its ride is just a run.
    for i in 0..out.len() {
        if out[i].at == At::After && (i == 0 || out[i - 1].day != out[i].day) {
            out[i].at = At::Any;
        }
    }
    out
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn pick(rng: &mut ChaCha8Rng, options: &[&str]) -> NaiveTime {
    let s = options.choose(rng).expect("non-empty");
    NaiveTime::parse_from_str(s, "%H:%M").expect("valid time")
}

/// The planned local start of a session, given the others of that day.
fn start_time(
    rng: &mut ChaCha8Rng,
    e: &Entry,
    shared: bool,
    prev: Option<(NaiveTime, u32)>,
) -> Option<NaiveTime> {
    let weekend = e.day >= 5;
    match e.at {
        At::After => prev.map(|(t, d)| {
            let end = t.num_seconds_from_midnight() + d + rng.random_range(300..=600);
            let rounded = end.div_ceil(300) * 300 % 86_400;
            NaiveTime::from_num_seconds_from_midnight_opt(rounded, 0).expect("valid time")
        }),
        At::Am if e.kind.sport() == Sport::Swim => Some(pick(rng, &["06:30", "07:00", "07:15"])),
        At::Am if shared || rng.random_bool(0.8) => Some(pick(
            rng,
            if weekend {
                &["07:30", "08:00", "08:30"]
            } else {
                &["06:00", "06:30", "07:00"]
            },
        )),
        At::Pm => Some(pick(rng, &["18:30", "19:00", "19:30"])),
        At::Any if shared => Some(match prev {
            None => pick(
                rng,
                if weekend {
                    &["08:00", "09:00"]
                } else {
                    &["06:30", "07:00"]
                },
            ),
            Some(_) => pick(rng, &["18:30", "19:00"]),
        }),
        _ if !rng.random_bool(0.45) => None,
        _ => Some(pick(
            rng,
            match (weekend, e.kind.sport()) {
                (_, Sport::Strength) => &["19:00", "07:30"],
                (true, _) => &["08:30", "09:00", "09:30"],
                (_, Sport::Swim) => &["07:00", "13:30"],
                _ => &["07:00", "12:30", "18:00", "18:30"],
            },
        )),
    }
}

/// When the plan was written (and last touched): days before its date, never after the cutoff.
fn authored(
    rng: &mut ChaCha8Rng,
    date: NaiveDate,
    lead: (i64, i64),
    cutoff: DateTime<Utc>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let day = date - Duration::days(rng.random_range(lead.0..=lead.1));
    let mut created = day
        .and_hms_opt(
            rng.random_range(6..=21),
            rng.random_range(0..60),
            rng.random_range(0..60),
        )
        .expect("valid time")
        .and_utc();
    if created > cutoff - Duration::hours(1) {
        created = cutoff - Duration::minutes(rng.random_range(60..=72 * 60));
    }
    let before = date.and_hms_opt(0, 0, 0).expect("valid time").and_utc() - Duration::seconds(1);
    let updated = if rng.random_bool(0.35) {
        (created + Duration::minutes(rng.random_range(5..=36 * 60)))
            .min(cutoff)
            .min(before)
            .max(created)
    } else {
        created
    };
    (created, updated)
}

fn workout(
    ids: &mut Ids,
    rng: &mut ChaCha8Rng,
    p: &Profile,
    date: NaiveDate,
    start: Option<NaiveTime>,
    s: Session,
) -> Workout {
    Workout {
        id: ids.next(rng, "w_"),
        athlete_id: p.athlete.id.clone(),
        date,
        start_time: start.map(hhmm),
        sport: s.sport,
        name: s.name,
        description: s.description,
        planned_duration_s: s.duration_s,
        planned_distance_m: s.distance_m,
        planned_load: s.load,
        intensity: s.intensity,
        structure: s.structure,
        created_at: DateTime::<Utc>::MIN_UTC,
        updated_at: DateTime::<Utc>::MIN_UTC,
        race: None,
    }
}

pub(super) fn generate(
    rng: &mut ChaCha8Rng,
    ids: &mut Ids,
    p: &Profile,
    season: &Season,
    life: &Life,
    w: &Window,
) -> Vec<Planned> {
    let mut plan = Vec::new();
    for week in &season.weeks {
        let list = entries(rng, p, week, season, life);
        let mut prev: Option<(i64, NaiveTime, u32)> = None;
        for e in &list {
            let date = week.monday + Duration::days(e.day);
            let day = life.day(date);
            let vol = week.volume
                * match day.trip {
                    Some(TripKind::Camp) => 1.25,
                    _ if day.holiday => 0.8,
                    _ => 1.0,
                };
            let session = sessions::build(e.kind, &p.athlete, rng, vol);
            let shared = list.iter().filter(|o| o.day == e.day).count() > 1;
            let before = prev.filter(|(d, _, _)| *d == e.day).map(|(_, t, s)| (t, s));
            let start = start_time(rng, e, shared, before);
            if let Some(t) = start {
                prev = Some((e.day, t, session.duration_s));
            }
            let mut wo = workout(ids, rng, p, date, start, session);
            (wo.created_at, wo.updated_at) = authored(rng, date, (3, 20), w.cutoff);
            plan.push(Planned {
                workout: wo,
                kind: Some(e.kind),
                race: None,
            });
        }
    }
    for r in &season.races {
        let mut t = NaiveTime::parse_from_str(r.def.start, "%H:%M").expect("valid time");
        let (created, updated) = authored(rng, r.date, (40, 150), w.cutoff);
        for leg in r.def.legs {
            let session = sessions::race(r.def, leg, &p.athlete);
            let duration = session.duration_s;
            let mut wo = workout(ids, rng, p, r.date, Some(t), session);
            (wo.created_at, wo.updated_at) = (created, updated);
            wo.race = Some(r.priority);
            plan.push(Planned {
                workout: wo,
                kind: None,
                race: Some(r.def),
            });
            t += Duration::seconds(i64::from(duration) + rng.random_range(180..=480));
            t = NaiveTime::from_num_seconds_from_midnight_opt(
                t.num_seconds_from_midnight() / 60 * 60,
                0,
            )
            .expect("valid time");
        }
    }
    plan
}

use chrono::Timelike;
