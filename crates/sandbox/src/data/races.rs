//! The races each kind of athlete enters: A races that end a season, B races on the way and in
//! the late season, C races now and then. A multisport race is planned as one workout per leg.

use chrono::Weekday;

use super::Sport;
use super::places::{CASCAIS, GOLD_COAST, LANZAROTE, MALLORCA, Place};

/// One leg of a race; `kmh` is the typical speed of a ride leg.
#[derive(Debug)]
pub(super) struct Leg {
    pub sport: Sport,
    pub distance_m: f64,
    pub kmh: f64,
}

#[derive(Debug)]
pub(super) struct RaceDef {
    pub name: &'static str,
    pub legs: &'static [Leg],
    /// Where it is held when away from home (the athlete travels).
    pub place: Option<&'static Place>,
    pub weekday: Weekday,
    /// Local start, `HH:MM`.
    pub start: &'static str,
    pub hilly: bool,
}

/// The races of one kind of athlete; A races fall in ISO weeks `a_weeks`.
#[derive(Debug)]
pub(super) struct RaceBook {
    pub a: &'static [RaceDef],
    pub a_weeks: (u32, u32),
    pub b: &'static [RaceDef],
    pub c: &'static [RaceDef],
    /// A race held on a fixed day each year (month, day), entered in some years.
    pub fixed: Option<(u32, u32, &'static RaceDef)>,
}

const fn swim(m: f64) -> Leg {
    Leg {
        sport: Sport::Swim,
        distance_m: m,
        kmh: 0.0,
    }
}

const fn ride(m: f64, kmh: f64) -> Leg {
    Leg {
        sport: Sport::Ride,
        distance_m: m,
        kmh,
    }
}

const fn run(m: f64) -> Leg {
    Leg {
        sport: Sport::Run,
        distance_m: m,
        kmh: 0.0,
    }
}

const fn race(
    name: &'static str,
    legs: &'static [Leg],
    place: Option<&'static Place>,
    weekday: Weekday,
    start: &'static str,
    hilly: bool,
) -> RaceDef {
    RaceDef {
        name,
        legs,
        place,
        weekday,
        start,
        hilly,
    }
}

use Weekday::{Sat, Sun};

const HALF_IRON: &[Leg] = &[swim(1900.0), ride(90_000.0, 32.0), run(21_097.5)];
const FULL_IRON: &[Leg] = &[swim(3800.0), ride(180_000.0, 30.0), run(42_195.0)];
const OLYMPIC: &[Leg] = &[swim(1500.0), ride(40_000.0, 34.0), run(10_000.0)];
const SPRINT: &[Leg] = &[swim(750.0), ride(20_000.0, 34.0), run(5000.0)];
const MARATHON: &[Leg] = &[run(42_195.0)];
const HALF: &[Leg] = &[run(21_097.5)];
const TEN_K: &[Leg] = &[run(10_000.0)];

#[rustfmt::skip]
static SAN_SILVESTRE: RaceDef = race(
    "San Silvestre Vallecana 🎆",
    TEN_K,
    None,
    Sat,
    "19:30",
    false,
);

#[rustfmt::skip]
pub(super) static TRIATHLON: RaceBook = RaceBook {
    a: &[
        race("IRONMAN 70.3 Mallorca", HALF_IRON, Some(&MALLORCA), Sat, "07:40", true),
        race("IRONMAN Lanzarote", FULL_IRON, Some(&LANZAROTE), Sat, "07:00", true),
        race("IRONMAN 70.3 Cascais", HALF_IRON, Some(&CASCAIS), Sun, "07:30", false),
        race("Triatlón de Vitoria-Gasteiz (media distancia)", HALF_IRON, None, Sun, "08:30", false),
    ],
    a_weeks: (20, 27),
    b: &[
        race("Triatlón Olímpico de Madrid", OLYMPIC, None, Sun, "08:00", false),
        race("Medio Maratón de Madrid", HALF, None, Sun, "09:00", false),
        race("Triatlón Olímpico de Valencia", OLYMPIC, None, Sun, "08:30", false),
    ],
    c: &[
        race("Carrera popular 10K del Retiro", TEN_K, None, Sun, "09:30", false),
        race("Triatlón sprint de Guadalajara", SPRINT, None, Sat, "10:00", false),
    ],
    fixed: Some((12, 31, &SAN_SILVESTRE)),
};

#[rustfmt::skip]
pub(super) static SWIM_TRI: RaceBook = RaceBook {
    a: &[
        race("Challenge Roth", FULL_IRON, None, Sun, "06:30", false),
        race("IRONMAN 70.3 Kraichgau", HALF_IRON, None, Sun, "07:15", true),
        race("Langdistanz Moritzburg", HALF_IRON, None, Sat, "08:00", false),
    ],
    a_weeks: (25, 29),
    b: &[
        race("Berlin Triathlon (olympisch)", OLYMPIC, None, Sun, "08:00", false),
        race("Wannsee 5 km Freiwasser 🏊‍♀️", &[swim(5000.0)], None, Sat, "10:00", false),
        race("Halbmarathon Potsdam", HALF, None, Sun, "09:30", false),
    ],
    c: &[
        race("Sprint-Triathlon Potsdam", SPRINT, None, Sat, "09:00", false),
        race("Masters-Schwimmfest 1500 m", &[swim(1500.0)], None, Sun, "10:00", false),
    ],
    fixed: None,
};

#[rustfmt::skip]
pub(super) static MARATHONER: RaceBook = RaceBook {
    a: &[
        race("Sydney Marathon", MARATHON, None, Sun, "06:30", true),
        race("Gold Coast Marathon", MARATHON, Some(&GOLD_COAST), Sun, "06:00", false),
    ],
    a_weeks: (27, 37),
    b: &[
        race("City2Surf 14 km", &[run(14_000.0)], None, Sun, "08:00", true),
        race("Sydney Morning Herald Half Marathon", HALF, None, Sun, "06:00", false),
    ],
    c: &[
        race("parkrun, Centennial Park", &[run(5000.0)], None, Sat, "07:00", false),
        race("Mother's Day Classic 8 km", &[run(8000.0)], None, Sun, "08:00", false),
    ],
    fixed: None,
};

#[rustfmt::skip]
pub(super) static ROAD: RaceBook = RaceBook {
    a: &[
        race("Clásica de Fusagasugá", &[ride(160_000.0, 35.0)], None, Sun, "07:00", true),
        race("Gran Fondo de Boyacá", &[ride(150_000.0, 30.0)], None, Sun, "06:30", true),
    ],
    a_weeks: (30, 35),
    b: &[
        race("Contrarreloj Alto de Patios", &[ride(12_000.0, 18.0)], None, Sat, "08:00", true),
        race("Vuelta a Cundinamarca (etapa reina)", &[ride(130_000.0, 33.0)], None, Sun, "07:30", true),
    ],
    c: &[
        race("Critérium Parque Simón Bolívar", &[ride(40_000.0, 40.0)], None, Sun, "07:00", false),
        race("Crono La Vega", &[ride(20_000.0, 38.0)], None, Sat, "08:30", false),
    ],
    fixed: None,
};

#[rustfmt::skip]
pub(super) static MASTERS: RaceBook = RaceBook {
    a: &[
        race("National Masters Road Race Championships", &[ride(80_000.0, 37.0)], None, Sun, "10:00", false),
        race("British Masters TT Championships, 25 miles", &[ride(40_234.0, 38.0)], None, Sun, "07:00", false),
    ],
    a_weeks: (24, 30),
    b: &[
        race("Club 25-mile TT", &[ride(40_234.0, 37.0)], None, Sun, "06:30", false),
        race("Hillingdon circuit race", &[ride(60_000.0, 38.0)], None, Sat, "13:00", false),
    ],
    c: &[
        race("Reliability ride 100 km", &[ride(100_000.0, 28.0)], None, Sun, "08:30", true),
        race("Hill climb: Leith Hill", &[ride(3_000.0, 15.0)], None, Sun, "10:00", true),
    ],
    fixed: None,
};
