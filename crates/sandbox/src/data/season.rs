//! Periodization: each year ends in an A race, reached through base, build, peak and taper, and
//! left through a transition, a late season with a B race, and an off-season. Recovery weeks
//! come every third or fourth week; volume follows the phase.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::RacePriority;
use super::people::Profile;
use super::races::RaceDef;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    /// The weeks right after the A race: rest and fun.
    Transition,
    /// Summer and autumn after the A race: maintenance, with a B race.
    Late,
    /// Winter break before the base starts.
    OffSeason,
    Base,
    Build,
    Peak,
    Taper,
    /// The week of the A race.
    Race,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Week {
    pub monday: NaiveDate,
    pub phase: Phase,
    pub recovery: bool,
    /// Relative weekly volume: 1.0 is a full build week.
    pub volume: f64,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct RaceDay {
    pub date: NaiveDate,
    pub priority: RacePriority,
    pub def: &'static RaceDef,
}

#[derive(Debug, Default)]
pub(super) struct Season {
    pub weeks: Vec<Week>,
    pub races: Vec<RaceDay>,
}

impl Season {
    pub(super) fn week_of(&self, date: NaiveDate) -> Option<&Week> {
        let first = self.weeks.first()?.monday;
        let i = usize::try_from((date - first).num_days().div_euclid(7)).ok()?;
        self.weeks.get(i)
    }
}

const BUILD_END: i64 = 5;
const BUILD_START: i64 = 12;

pub(super) fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

fn on_weekday(monday: NaiveDate, day: Weekday) -> NaiveDate {
    monday + Duration::days(i64::from(day.num_days_from_monday()))
}

/// The weeks from `first` (a Monday) on, `count` of them, and the races in them.
pub(super) fn generate(rng: &mut ChaCha8Rng, p: &Profile, first: NaiveDate, count: i64) -> Season {
    let Some(book) = p.races else {
        let weeks = (0..count)
            .map(|i| Week {
                monday: first + Duration::weeks(i),
                phase: Phase::Late,
                recovery: false,
                volume: 0.7,
            })
            .collect();
        return Season {
            weeks,
            races: Vec::new(),
        };
    };
    let last = first + Duration::weeks(count) - Duration::days(1);
    let base_len: i64 = if p.cycle == 3 { 15 } else { 16 };
    let off_len: i64 = 4;
    // A races a year before and after the window too, so every week knows its neighbours.
    let mut a_races = Vec::new();
    let offset = rng.random_range(0..book.a.len());
    for (i, year) in (first.year() - 1..=last.year() + 1).enumerate() {
        let pick = if rng.random_bool(0.25) {
            rng.random_range(0..book.a.len())
        } else {
            (offset + i) % book.a.len()
        };
        let def = &book.a[pick];
        let iso_week = rng.random_range(book.a_weeks.0..=book.a_weeks.1);
        let date = NaiveDate::from_isoywd_opt(year, iso_week, def.weekday).expect("valid week");
        a_races.push(RaceDay {
            date,
            priority: RacePriority::A,
            def,
        });
    }
    let mut weeks = Vec::new();
    for i in 0..count {
        let monday = first + Duration::weeks(i);
        let next = a_races
            .iter()
            .find(|r| monday_of(r.date) >= monday)
            .expect("an A race after");
        let prev = a_races.iter().rev().find(|r| monday_of(r.date) < monday);
        let to = (monday_of(next.date) - monday).num_weeks();
        let since = prev.map_or(99, |r| (monday - monday_of(r.date)).num_weeks());
        let phase = match to {
            0 => Phase::Race,
            1..=2 => Phase::Taper,
            3..=4 => Phase::Peak,
            BUILD_END..=BUILD_START => Phase::Build,
            _ if since <= 2 => Phase::Transition,
            _ if to <= BUILD_START + base_len => Phase::Base,
            _ if to <= BUILD_START + base_len + off_len => Phase::OffSeason,
            _ => Phase::Late,
        };
        let cyclic = matches!(phase, Phase::Base | Phase::Build | Phase::Late);
        let recovery = cyclic && (to - BUILD_END) % p.cycle == 0;
        let progress = (BUILD_START + base_len - to) as f64 / base_len as f64;
        let volume = match phase {
            Phase::Transition => 0.4,
            Phase::Late => 0.8,
            Phase::OffSeason => 0.55,
            Phase::Base => 0.65 + 0.27 * progress.clamp(0.0, 1.0),
            Phase::Build => 1.0 + 0.1 * (BUILD_START - to) as f64 / 7.0,
            Phase::Peak => 0.95,
            Phase::Taper if to == 2 => 0.72,
            Phase::Taper => 0.58,
            Phase::Race => 0.45,
        } * if recovery { 0.62 } else { 1.0 };
        weeks.push(Week {
            monday,
            phase,
            recovery,
            volume,
        });
    }
    let mut races: Vec<RaceDay> = Vec::new();
    let add = |r: RaceDay, races: &mut Vec<RaceDay>| {
        let clash = races
            .iter()
            .any(|o| (o.date - r.date).num_days().abs() < 10);
        if (first..=last).contains(&r.date) && !clash {
            races.push(r);
        }
    };
    for a in &a_races {
        add(*a, &mut races);
    }
    for a in &a_races {
        let monday = monday_of(a.date);
        let b = &book.b[rng.random_range(0..book.b.len())];
        let before = monday - Duration::weeks(rng.random_range(6..=7));
        add(
            RaceDay {
                date: on_weekday(before, b.weekday),
                priority: RacePriority::B,
                def: b,
            },
            &mut races,
        );
        if rng.random_bool(0.8) {
            let b = &book.b[rng.random_range(0..book.b.len())];
            let after = monday + Duration::weeks(rng.random_range(9..=13));
            add(
                RaceDay {
                    date: on_weekday(after, b.weekday),
                    priority: RacePriority::B,
                    def: b,
                },
                &mut races,
            );
        }
    }
    // C races: a couple a year in base or late-season weeks that are not recovery weeks.
    let candidates: Vec<&Week> = weeks
        .iter()
        .filter(|w| matches!(w.phase, Phase::Base | Phase::Late) && !w.recovery)
        .collect();
    let per_year = 2.4;
    let n = (candidates.len() as f64 / 52.0 * per_year).round() as usize;
    for _ in 0..n {
        if candidates.is_empty() {
            break;
        }
        let w = candidates[rng.random_range(0..candidates.len())];
        let c = &book.c[rng.random_range(0..book.c.len())];
        add(
            RaceDay {
                date: on_weekday(w.monday, c.weekday),
                priority: RacePriority::C,
                def: c,
            },
            &mut races,
        );
    }
    if let Some((month, day, def)) = book.fixed {
        for year in first.year()..=last.year() {
            let date = NaiveDate::from_ymd_opt(year, month, day).expect("valid date");
            if rng.random_bool(0.6) {
                add(
                    RaceDay {
                        date,
                        priority: RacePriority::C,
                        def,
                    },
                    &mut races,
                );
            }
        }
    }
    races.sort_by_key(|r| r.date);
    Season { weeks, races }
}
