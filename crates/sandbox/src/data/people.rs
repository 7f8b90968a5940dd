//! The people of the data set: Ana Ruiz (the demo and decade owner, a triathlete in Madrid), and
//! for the season a coach in Reykjavik with five athletes across the world.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::places::{
    BERLIN, BOGOTA, DENVER, GIRONA, LANZAROTE, LONDON, MADRID, MALLORCA, Place, QUEENSTOWN,
    REYKJAVIK, SYDNEY, TENERIFE, TOKYO,
};
use super::races::{MARATHONER, MASTERS, ROAD, RaceBook, SWIM_TRI, TRIATHLON};
use super::{Athlete, round};

pub(super) const ANA_ID: &str = "a_1042";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Discipline {
    Triathlon,
    SwimTri,
    Marathon,
    RoadCycling,
    MastersCycling,
    /// A coach who trains for fun: no plan, only outings.
    Recreational,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TripKind {
    Camp,
    Work,
    Holiday,
    Race,
}

/// A trip someone may take in a year: where, what for, which ISO weeks it may start in, how
/// many days it lasts, how likely in any one year.
#[derive(Debug)]
pub(super) struct TripDef {
    pub place: &'static Place,
    pub kind: TripKind,
    pub label: &'static str,
    pub weeks: (u32, u32),
    pub days: (i64, i64),
    pub prob: f64,
}

/// The language a person names their own activities in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Locale {
    En,
    Ja,
}

/// An athlete and what shapes their year.
#[derive(Debug, Clone)]
pub(super) struct Profile {
    pub athlete: Athlete,
    pub discipline: Discipline,
    pub home: &'static Place,
    pub races: Option<&'static RaceBook>,
    pub trips: &'static [TripDef],
    /// Chance of riding to work (and back) on a working day.
    pub commute: f64,
    /// Unplanned outings per week.
    pub outings: f64,
    /// Every how many weeks a recovery week comes.
    pub cycle: i64,
    pub locale: Locale,
}

struct Spec {
    id: &'static str,
    name: &'static str,
    role: &'static str,
    sex: &'static str,
    weight_dg: (u32, u32),
    ftp: (u32, u32),
    hr_max: (u32, u32),
    hr_rest: (u32, u32),
    pace: (u32, u32),
    /// Critical swim speed (s per km), when not derived from the run pace.
    css: Option<(u32, u32)>,
}

fn athlete(rng: &mut ChaCha8Rng, s: &Spec, home: &Place, coach: Option<&str>) -> Athlete {
    let ftp_w: u32 = rng.random_range(s.ftp.0..=s.ftp.1);
    let weight_kg = round(
        f64::from(rng.random_range(s.weight_dg.0..=s.weight_dg.1)) / 10.0,
        1,
    );
    let hr_max: u32 = rng.random_range(s.hr_max.0..=s.hr_max.1);
    let hr_rest: u32 = rng.random_range(s.hr_rest.0..=s.hr_rest.1);
    let threshold_pace_s_per_km: u32 = rng.random_range(s.pace.0..=s.pace.1);
    let css_pace_s_per_km = s.css.map_or(0, |(lo, hi)| rng.random_range(lo..=hi));
    let pct = |p: u32| (ftp_w * p + 50) / 100;
    let power_zones_w = vec![
        pct(55),
        pct(75),
        pct(90),
        pct(105),
        pct(120),
        pct(150),
        2000,
    ];
    let hr_zones_bpm = [60u32, 70, 80, 90, 100]
        .iter()
        .map(|p| (hr_max * p + 50) / 100)
        .collect();
    Athlete {
        id: s.id.to_string(),
        name: s.name.to_string(),
        role: s.role.to_string(),
        timezone: home.tz.to_string(),
        sex: s.sex.to_string(),
        weight_kg,
        ftp_w,
        hr_max,
        hr_rest,
        threshold_pace_s_per_km,
        power_zones_w,
        hr_zones_bpm,
        coach_id: coach.map(str::to_string),
        home: home.latlng,
        css_pace_s_per_km,
    }
}

const fn trip(
    place: &'static Place,
    kind: TripKind,
    label: &'static str,
    weeks: (u32, u32),
    days: (i64, i64),
    prob: f64,
) -> TripDef {
    TripDef {
        place,
        kind,
        label,
        weeks,
        days,
        prob,
    }
}

static ANA_TRIPS: &[TripDef] = &[
    trip(
        &TENERIFE,
        TripKind::Camp,
        "Training camp — Tenerife 🌋",
        (6, 11),
        (8, 10),
        0.75,
    ),
    trip(
        &DENVER,
        TripKind::Work,
        "Work trip — Denver",
        (36, 46),
        (5, 7),
        0.3,
    ),
    trip(
        &TOKYO,
        TripKind::Holiday,
        "Holiday in Japan 🇯🇵",
        (40, 45),
        (10, 14),
        0.2,
    ),
    trip(
        &GIRONA,
        TripKind::Camp,
        "Spring camp in Girona",
        (14, 17),
        (5, 6),
        0.2,
    ),
];

/// Ana Ruiz: the owner of the demo and decade data sets.
pub(super) fn ana(rng: &mut ChaCha8Rng, coach: Option<&str>) -> Profile {
    let spec = Spec {
        id: ANA_ID,
        name: "Ana Ruiz",
        role: "athlete",
        sex: "F",
        weight_dg: (560, 600),
        ftp: (235, 258),
        hr_max: (184, 192),
        hr_rest: (44, 50),
        pace: (268, 292),
        css: None,
    };
    Profile {
        athlete: athlete(rng, &spec, &MADRID, coach),
        discipline: Discipline::Triathlon,
        home: &MADRID,
        races: Some(&TRIATHLON),
        trips: ANA_TRIPS,
        commute: 0.28,
        outings: 1.2,
        cycle: 4,
        locale: Locale::En,
    }
}

pub(super) const COACH_ID: &str = "a_7001";

/// The season: a coach in Reykjavik first, then the five athletes who share with them.
pub(super) fn season(rng: &mut ChaCha8Rng) -> Vec<Profile> {
    let coach_spec = Spec {
        id: COACH_ID,
        name: "Ólafur Sigurðsson",
        role: "coach",
        sex: "M",
        weight_dg: (800, 860),
        ftp: (262, 280),
        hr_max: (172, 180),
        hr_rest: (52, 58),
        pace: (318, 335),
        css: Some((1250, 1350)),
    };
    static COACH_TRIPS: &[TripDef] = &[trip(
        &TENERIFE,
        TripKind::Holiday,
        "Winter sun in Tenerife ☀️",
        (2, 8),
        (7, 10),
        0.8,
    )];
    let coach = Profile {
        athlete: athlete(rng, &coach_spec, &REYKJAVIK, None),
        discipline: Discipline::Recreational,
        home: &REYKJAVIK,
        races: None,
        trips: COACH_TRIPS,
        commute: 0.0,
        outings: 3.2,
        cycle: 4,
        locale: Locale::En,
    };
    let c = Some(COACH_ID);
    let mut people = vec![coach, ana(rng, c)];
    static ZOE_TRIPS: &[TripDef] = &[trip(
        &LANZAROTE,
        TripKind::Camp,
        "Trainingslager Lanzarote ☀️",
        (12, 16),
        (8, 10),
        0.9,
    )];
    let zoe = Spec {
        id: "a_1187",
        name: "Zoë Müller",
        role: "athlete",
        sex: "F",
        weight_dg: (610, 660),
        ftp: (202, 218),
        hr_max: (186, 194),
        hr_rest: (46, 52),
        pace: (294, 315),
        css: Some((940, 990)),
    };
    people.push(Profile {
        athlete: athlete(rng, &zoe, &BERLIN, c),
        discipline: Discipline::SwimTri,
        home: &BERLIN,
        races: Some(&SWIM_TRI),
        trips: ZOE_TRIPS,
        commute: 0.3,
        outings: 0.6,
        cycle: 4,
        locale: Locale::En,
    });
    static KENJI_TRIPS: &[TripDef] = &[
        trip(
            &TOKYO,
            TripKind::Holiday,
            "実家へ — family in Tokyo",
            (1, 2),
            (10, 14),
            0.9,
        ),
        trip(
            &QUEENSTOWN,
            TripKind::Holiday,
            "Queenstown tramping 🏔️",
            (46, 48),
            (6, 8),
            0.6,
        ),
    ];
    let kenji = Spec {
        id: "a_1233",
        name: "佐藤 健二",
        role: "athlete",
        sex: "M",
        weight_dg: (600, 640),
        ftp: (220, 232),
        hr_max: (180, 188),
        hr_rest: (40, 46),
        pace: (215, 232),
        css: Some((1500, 1650)),
    };
    people.push(Profile {
        athlete: athlete(rng, &kenji, &SYDNEY, c),
        discipline: Discipline::Marathon,
        home: &SYDNEY,
        races: Some(&MARATHONER),
        trips: KENJI_TRIPS,
        commute: 0.0,
        outings: 0.8,
        cycle: 4,
        locale: Locale::Ja,
    });
    static ANDRES_TRIPS: &[TripDef] = &[
        trip(
            &GIRONA,
            TripKind::Camp,
            "Campamento en Girona",
            (16, 20),
            (9, 12),
            0.8,
        ),
        trip(
            &DENVER,
            TripKind::Work,
            "Viaje de trabajo — Denver",
            (40, 45),
            (5, 6),
            0.5,
        ),
    ];
    let andres = Spec {
        id: "a_1305",
        name: "Andrés Quintero",
        role: "athlete",
        sex: "M",
        weight_dg: (630, 680),
        ftp: (300, 335),
        hr_max: (190, 198),
        hr_rest: (42, 48),
        pace: (245, 265),
        css: Some((1600, 1800)),
    };
    people.push(Profile {
        athlete: athlete(rng, &andres, &BOGOTA, c),
        discipline: Discipline::RoadCycling,
        home: &BOGOTA,
        races: Some(&ROAD),
        trips: ANDRES_TRIPS,
        commute: 0.0,
        outings: 1.0,
        cycle: 4,
        locale: Locale::En,
    });
    static SIOBHAN_TRIPS: &[TripDef] = &[trip(
        &MALLORCA,
        TripKind::Camp,
        "Club trip to Mallorca 🐍",
        (12, 15),
        (7, 8),
        0.9,
    )];
    let siobhan = Spec {
        id: "a_1376",
        name: "Siobhán Ní Bhriain",
        role: "athlete",
        sex: "F",
        weight_dg: (600, 650),
        ftp: (180, 198),
        hr_max: (164, 172),
        hr_rest: (50, 56),
        pace: (340, 365),
        css: Some((1400, 1500)),
    };
    people.push(Profile {
        athlete: athlete(rng, &siobhan, &LONDON, c),
        discipline: Discipline::MastersCycling,
        home: &LONDON,
        races: Some(&MASTERS),
        trips: SIOBHAN_TRIPS,
        commute: 0.2,
        outings: 0.6,
        cycle: 3,
        locale: Locale::En,
    });
    people
}
