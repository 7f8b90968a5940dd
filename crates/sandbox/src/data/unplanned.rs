//! Activities nobody planned: rides to work and back, weekend outings with friends, runs and
//! hikes on trips, and the night rides people do on the nights the clocks change.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::activities::Schedule;
use super::life::{Life, Window};
use super::metrics::{self, Spec};
use super::people::{Profile, TripKind};
use super::places::{Outing, Place};
use super::{Activity, Ids, Sport, tz};

struct Out<'a> {
    rng: &'a mut ChaCha8Rng,
    ids: &'a mut Ids,
    p: &'a Profile,
    w: &'a Window,
    sched: &'a mut Schedule,
    list: &'a mut Vec<Activity>,
}

impl Out<'_> {
    /// Adds an outing at `local` on `date` (or, if `shift`, later that day when that time is
    /// taken), unless it no longer fits.
    fn add(
        &mut self,
        date: NaiveDate,
        local: NaiveTime,
        place: &'static Place,
        o: &Outing,
        shift: bool,
    ) {
        let zone = tz::zone(place.tz);
        let moving = self.rng.random_range(o.low_s..=o.high_s);
        let mut start = tz::to_utc(zone, date.and_time(local));
        let span = Duration::seconds(i64::from(moving) * 13 / 10);
        if !self.sched.free(date, start, start + span) {
            let Some(end) = self.sched.last_end(date).filter(|_| shift) else {
                return;
            };
            start = end + Duration::minutes(self.rng.random_range(30..=90));
            let late = tz::to_local(zone, start);
            if late.date() != date
                || late.hour() >= 20
                || !self.sched.free(date, start, start + span)
            {
                return;
            }
        }
        let spec = Spec {
            date,
            start,
            place,
            sport: o.sport,
            name: o.name.to_string(),
            description: None,
            moving_s: moving,
            intensity: o.intensity + self.rng.random_range(-0.03..=0.03),
            trainer: false,
            hilly: o.hilly,
            distance_m: None,
            planned: None,
        };
        let a = metrics::build(self.rng, self.ids, &self.p.athlete, spec, self.w.cutoff);
        self.sched.add(&a);
        self.list.push(a);
    }
}

fn at(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time")
}

pub(super) fn generate(
    rng: &mut ChaCha8Rng,
    ids: &mut Ids,
    p: &Profile,
    life: &Life,
    w: &Window,
    sched: &mut Schedule,
    list: &mut Vec<Activity>,
) {
    let mut out = Out {
        rng,
        ids,
        p,
        w,
        sched,
        list,
    };
    let mut date = w.first;
    while date < w.anchor {
        let day = *life.day(date);
        let weekend = date.weekday().num_days_from_monday() >= 5;
        let can = |s: Sport| !day.sick && day.injured != Some(s);
        // Riding to work and back: a two-a-day with whatever else was planned.
        if let Some((to, from)) = p.home.commute {
            let workday = !weekend && day.trip.is_none() && !day.holiday;
            if workday && can(Sport::Ride) && out.rng.random_bool(p.commute) {
                let minutes = out.rng.random_range(20..=32) * 60;
                for (name, hour) in [(to, 7), (from, 18)] {
                    let o = Outing {
                        sport: Sport::Ride,
                        name,
                        low_s: minutes - 120,
                        high_s: minutes + 120,
                        intensity: 0.55,
                        hilly: false,
                        weekend: false,
                    };
                    let minute = out.rng.random_range(30..=59);
                    out.add(date, at(hour, minute), p.home, &o, false);
                }
            }
        }
        // Outings: mostly at weekends at home, most days on holiday abroad.
        let chance = match day.trip {
            Some(TripKind::Holiday) => 0.6,
            Some(TripKind::Work) => 0.45,
            Some(TripKind::Camp) => 0.25,
            Some(TripKind::Race) => 0.0,
            None if weekend => p.outings / 7.0 * 2.0,
            None => p.outings / 7.0 * 0.6,
        };
        // Not on a day that already holds a long session.
        let full = out.sched.busy_s(date) > 9000;
        if !day.sick && out.rng.random_bool(chance.min(1.0)) && !full {
            let fitting: Vec<&Outing> = day
                .place
                .outings
                .iter()
                .filter(|o| can(o.sport) && (weekend || day.trip.is_some() || !o.weekend))
                .collect();
            if let Some(o) = fitting.choose(out.rng).copied() {
                let local = if weekend || day.holiday {
                    at(out.rng.random_range(8..=10), out.rng.random_range(0..60))
                } else if day.trip == Some(TripKind::Work) {
                    at(6, out.rng.random_range(0..40))
                } else {
                    at(out.rng.random_range(17..=19), out.rng.random_range(0..60))
                };
                out.add(date, local, day.place, o, true);
            }
        }
        date += Duration::days(1);
    }
    night_events(&mut out, life);
}

/// On the Saturday nights the clocks change, some ride or run through the change.
fn night_events(out: &mut Out<'_>, life: &Life) {
    let zone = tz::zone(out.p.home.tz);
    let last = out.w.anchor - Duration::days(1);
    for t in tz::transitions(zone, out.w.first + Duration::days(1), last) {
        let eve = t.date - Duration::days(1);
        let day = *life.day(eve);
        let (o, local, prob) = if t.forward {
            let o = Outing {
                sport: Sport::Run,
                name: "Night trail — the hour that never was 🌙",
                low_s: 9900,
                high_s: 11_700,
                intensity: 0.7,
                hilly: true,
                weekend: true,
            };
            (o, at(23, 30), 0.55)
        } else {
            let o = Outing {
                sport: Sport::Ride,
                name: "Night ride — one extra hour 🌙",
                low_s: 13_500,
                high_s: 16_200,
                intensity: 0.62,
                hilly: false,
                weekend: true,
            };
            (o, at(23, 30), 0.75)
        };
        let home = day.trip.is_none() && !day.sick && day.injured != Some(o.sport);
        if home && out.rng.random_bool(prob) {
            out.add(eve, local, out.p.home, &o, false);
        }
    }
}
