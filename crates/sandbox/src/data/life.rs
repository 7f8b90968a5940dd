//! Life around the training: trips (camps, races abroad, work, holidays) that move a person to
//! another time zone, holidays at home, colds and injuries, and the calendar notes for them.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::people::{Discipline, Profile, TripKind};
use super::places::Place;
use super::season::{Phase, Season};
use super::{CalendarNote, Ids, NoteCategory, RacePriority, Sport, tz};

/// Where a person is and what they can do on one day.
#[derive(Debug, Clone, Copy)]
pub(super) struct Day {
    pub place: &'static Place,
    pub trip: Option<TripKind>,
    pub sick: bool,
    /// A sport the person cannot do while injured.
    pub injured: Option<Sport>,
    pub holiday: bool,
}

#[derive(Debug)]
pub(super) struct Life {
    pub first: NaiveDate,
    pub days: Vec<Day>,
}

impl Life {
    pub(super) fn day(&self, date: NaiveDate) -> &Day {
        let i = (date - self.first)
            .num_days()
            .clamp(0, self.days.len() as i64 - 1);
        &self.days[i as usize]
    }

    fn range(&self, start: NaiveDate, end: NaiveDate) -> Option<std::ops::RangeInclusive<usize>> {
        let a = usize::try_from((start - self.first).num_days()).ok()?;
        let b = usize::try_from((end - self.first).num_days()).ok()?;
        (b < self.days.len()).then_some(a..=b)
    }

    fn free(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.range(start, end).is_some_and(|r| {
            self.days[r]
                .iter()
                .all(|d| d.trip.is_none() && !d.sick && !d.holiday && d.injured.is_none())
        })
    }
}

/// Everything `generate` needs to know about the data set's window.
pub(super) struct Window {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub anchor: NaiveDate,
    pub cutoff: DateTime<Utc>,
}

struct Notes<'a> {
    rng: &'a mut ChaCha8Rng,
    ids: &'a mut Ids,
    p: &'a Profile,
    cutoff: DateTime<Utc>,
    list: Vec<CalendarNote>,
}

impl Notes<'_> {
    /// A note written `days_before` its start (0: that morning), never after the cutoff.
    fn add(
        &mut self,
        cat: NoteCategory,
        span: (NaiveDate, NaiveDate),
        name: &str,
        days_before: i64,
    ) {
        let zone = tz::zone(self.p.home.tz);
        let hour = if days_before == 0 { 8 } else { 20 };
        let local = (span.0 - Duration::days(days_before))
            .and_hms_opt(
                hour,
                self.rng.random_range(0..60),
                self.rng.random_range(0..60),
            )
            .expect("valid time");
        let updated_at = tz::to_utc(zone, local).min(self.cutoff);
        self.list.push(CalendarNote {
            id: self.ids.next(self.rng, "n_"),
            athlete_id: self.p.athlete.id.clone(),
            category: cat,
            start_date: span.0,
            end_date: span.1,
            name: name.to_string(),
            description: None,
            updated_at,
        });
    }
}

const COLDS: [&str; 5] = [
    "Cold 🤧",
    "Flu — in bed",
    "Stomach bug",
    "Fever, no training",
    "Sore throat, resting",
];

fn blocked(p: &Profile) -> (Sport, &'static [&'static str]) {
    match p.discipline {
        Discipline::RoadCycling | Discipline::MastersCycling => (
            Sport::Ride,
            &["Crash — sore hip, off the bike", "Knee pain — no cycling"],
        ),
        _ => (
            Sport::Run,
            &[
                "Calf strain — no running",
                "Achilles niggle — no running",
                "Plantar fasciitis — no running",
            ],
        ),
    }
}

pub(super) fn generate(
    rng: &mut ChaCha8Rng,
    ids: &mut Ids,
    p: &Profile,
    season: &Season,
    w: &Window,
) -> (Life, Vec<CalendarNote>) {
    let home = Day {
        place: p.home,
        trip: None,
        sick: false,
        injured: None,
        holiday: false,
    };
    let n = (w.last - w.first).num_days() + 1;
    let mut life = Life {
        first: w.first,
        days: vec![home; n as usize],
    };
    let mut notes = Notes {
        rng,
        ids,
        p,
        cutoff: w.cutoff,
        list: Vec::new(),
    };
    let hard = |d: NaiveDate| {
        season
            .week_of(d)
            .is_some_and(|wk| matches!(wk.phase, Phase::Peak | Phase::Taper | Phase::Race))
            || season
                .races
                .iter()
                .any(|r| r.priority != RacePriority::C && (r.date - d).num_days().abs() <= 3)
    };
    // Races away from home: travel a few days before, back the day after.
    for r in &season.races {
        let Some(place) = r.def.place.filter(|pl| !std::ptr::eq(*pl, p.home)) else {
            continue;
        };
        let before = if r.priority == RacePriority::A { 3 } else { 2 };
        let (s, e) = (r.date - Duration::days(before), r.date + Duration::days(1));
        if let Some(range) = life.range(s, e).filter(|_| life.free(s, e)) {
            for d in &mut life.days[range] {
                d.place = place;
                d.trip = Some(TripKind::Race);
            }
            notes.add(
                NoteCategory::Note,
                (s, e),
                &format!("✈️ Trip: {}", r.def.name),
                30,
            );
        }
    }
    // A trip that has not happened for a while happens for sure.
    let mut last_taken: Vec<i32> = vec![w.first.year() - 1; p.trips.len()];
    for year in w.first.year()..=w.last.year() {
        for (i, t) in p.trips.iter().enumerate() {
            let overdue = year - last_taken[i] > (1.0 / t.prob).ceil() as i32;
            if !notes.rng.random_bool(t.prob) && !overdue {
                continue;
            }
            let week = notes.rng.random_range(t.weeks.0..=t.weeks.1);
            let weekday = if t.kind == TripKind::Work {
                Weekday::Sun
            } else {
                Weekday::Sat
            };
            let Some(s) = NaiveDate::from_isoywd_opt(year, week, weekday) else {
                continue;
            };
            let e = s + Duration::days(notes.rng.random_range(t.days.0..=t.days.1) - 1);
            let clash = (0..=(e - s).num_days()).any(|i| hard(s + Duration::days(i)));
            let Some(range) = life.range(s, e).filter(|_| life.free(s, e) && !clash) else {
                continue;
            };
            for d in &mut life.days[range] {
                d.place = t.place;
                d.trip = Some(t.kind);
                d.holiday = t.kind == TripKind::Holiday;
            }
            let cat = if t.kind == TripKind::Holiday {
                NoteCategory::Holiday
            } else {
                NoteCategory::Note
            };
            notes.add(cat, (s, e), t.label, 21);
            last_taken[i] = year;
        }
        // Holidays at home: Christmas, and some summers.
        let xmas = NaiveDate::from_ymd_opt(year, 12, 23).expect("valid date");
        let summer =
            NaiveDate::from_isoywd_opt(year, notes.rng.random_range(31..=34), Weekday::Sat)
                .expect("valid week");
        let summer_len = notes.rng.random_range(7..=12);
        for (s, len, prob, name) in [
            (xmas, 10, 0.65, "Christmas holidays 🎄"),
            (summer, summer_len, 0.4, "Summer holidays ☀️"),
        ] {
            let e = s + Duration::days(len - 1);
            let clash = (0..len).any(|i| hard(s + Duration::days(i)));
            if !notes.rng.random_bool(prob) || clash || !life.free(s, e) {
                continue;
            }
            if let Some(range) = life.range(s, e) {
                life.days[range].iter_mut().for_each(|d| d.holiday = true);
                notes.add(NoteCategory::Holiday, (s, e), name, 14);
            }
        }
    }
    // Colds and injuries, only up to "today": nobody plans them.
    let past = (w.anchor - w.first).num_days();
    let years = past as f64 / 365.25;
    let colds = (years * notes.rng.random_range(1.2..1.8)).round() as usize;
    let injuries = (years * notes.rng.random_range(0.2..0.4)).round() as usize;
    let (sport, injury_names) = blocked(p);
    for i in 0..colds + injuries {
        let cold = i < colds;
        for _ in 0..6 {
            let s = w.first + Duration::days(notes.rng.random_range(0..past.max(1)));
            let len = if cold {
                notes.rng.random_range(3..=7)
            } else {
                notes.rng.random_range(10..=21)
            };
            let e = (s + Duration::days(len - 1)).min(w.anchor);
            let clash = (0..=(e - s).num_days() + 4).any(|i| hard(s + Duration::days(i)));
            if clash || !life.free(s - Duration::days(2), e + Duration::days(2)) {
                continue;
            }
            let range = life.range(s, e).expect("inside");
            for d in &mut life.days[range] {
                if cold {
                    d.sick = true;
                } else {
                    d.injured = Some(sport);
                }
            }
            let (cat, name) = if cold {
                (
                    NoteCategory::Sick,
                    *COLDS.choose(notes.rng).expect("non-empty"),
                )
            } else {
                let name = *injury_names.choose(notes.rng).expect("non-empty");
                (NoteCategory::Injured, name)
            };
            notes.add(cat, (s, e), name, 0);
            break;
        }
    }
    // Rest-day reminders and race-week notes on Mondays.
    if p.races.is_some() {
        for wk in &season.weeks {
            let (name, prob) = match (wk.phase, wk.recovery) {
                (Phase::Race, _) => ("Race week — keep it light, sleep well", 0.9),
                (_, true) => ("Recovery week: easy means easy", 0.3),
                _ => ("Rest day 🛋️ legs up, stretch", 0.25),
            };
            if notes.rng.random_bool(prob) && life.free(wk.monday, wk.monday) {
                notes.add(NoteCategory::Note, (wk.monday, wk.monday), name, 6);
            }
        }
    }
    (life, notes.list)
}
