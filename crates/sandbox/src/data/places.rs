//! Where people live and travel: each place's IANA zone, coordinates and the unplanned outings
//! people do there (coffee rides, hikes, runs along the river).

use super::{Sport, TIMEZONE};

/// An unplanned outing: sport, name, moving time range (s), intensity factor, hilly, weekend only.
#[derive(Debug, Clone, Copy)]
pub(super) struct Outing {
    pub sport: Sport,
    pub name: &'static str,
    pub low_s: u32,
    pub high_s: u32,
    pub intensity: f64,
    pub hilly: bool,
    pub weekend: bool,
}

const fn outing(
    sport: Sport,
    name: &'static str,
    low_s: u32,
    high_s: u32,
    intensity: f64,
    hilly: bool,
    weekend: bool,
) -> Outing {
    Outing {
        sport,
        name,
        low_s,
        high_s,
        intensity,
        hilly,
        weekend,
    }
}

#[derive(Debug)]
pub(super) struct Place {
    pub tz: &'static str,
    pub latlng: (f64, f64),
    pub outings: &'static [Outing],
    /// Names of the ride to work and back, where people here commute by bike.
    pub commute: Option<(&'static str, &'static str)>,
}

use Sport::{Other, Ride, Run, Swim};

#[rustfmt::skip]
pub(super) static MADRID: Place = Place {
    tz: TIMEZONE,
    latlng: (40.4168, -3.7038),
    outings: &[
        outing(Ride, "Coffee ride to Colmenar", 5400, 7200, 0.62, false, true),
        outing(Ride, "Gravel loop in Casa de Campo", 4500, 6300, 0.68, false, false),
        outing(Ride, "Vuelta a la Sierra — Puerto de Navacerrada", 12600, 16200, 0.70, true, true),
        outing(Ride, "Grupeta del domingo 🚴‍♀️", 9000, 12600, 0.74, false, true),
        outing(Run, "Evening run by the Manzanares", 2400, 3300, 0.78, false, false),
        outing(Other, "Hike in La Pedriza", 10800, 16200, 0.55, true, true),
    ],
    commute: Some(("Al curro 🚲", "Vuelta a casa 🚲")),
};

#[rustfmt::skip]
pub(super) static BERLIN: Place = Place {
    tz: "Europe/Berlin",
    latlng: (52.5200, 13.4050),
    outings: &[
        outing(Ride, "Runde durch den Grunewald", 5400, 8100, 0.66, false, true),
        outing(Ride, "Spreeradweg nach Köpenick", 4500, 7200, 0.64, false, false),
        outing(Run, "Tempelhofer Feld, locker", 2400, 3600, 0.76, false, false),
        outing(Swim, "Freiwasser im Wannsee 🏊‍♀️", 1800, 3000, 0.80, false, true),
        outing(Other, "Wanderung im Spreewald", 9000, 14400, 0.52, false, true),
    ],
    commute: Some(("Arbeitsweg 🚲", "Heimweg 🚲")),
};

#[rustfmt::skip]
pub(super) static SYDNEY: Place = Place {
    tz: "Australia/Sydney",
    latlng: (-33.8688, 151.2093),
    outings: &[
        outing(Run, "Bondi to Coogee coastal run 🌊", 2700, 4200, 0.80, true, false),
        outing(Run, "Centennial Park loops", 2400, 3600, 0.78, false, false),
        outing(Run, "Harbour Bridge sunrise run", 2100, 3000, 0.79, false, false),
        outing(Other, "Blue Mountains hike 🥾", 12600, 18000, 0.55, true, true),
        outing(Ride, "Easy spin to La Perouse", 3600, 5400, 0.60, false, true),
    ],
    commute: None,
};

#[rustfmt::skip]
pub(super) static BOGOTA: Place = Place {
    tz: "America/Bogota",
    latlng: (4.7110, -74.0721),
    outings: &[
        outing(Ride, "Ciclovía dominical 🚴", 7200, 10800, 0.62, false, true),
        outing(Ride, "Subida a Patios", 5400, 7200, 0.80, true, false),
        outing(Ride, "La Calera y regreso", 9000, 12600, 0.72, true, true),
        outing(Ride, "Alto del Vino ⛰️", 14400, 18000, 0.74, true, true),
        outing(Run, "Trote en el Parque Simón Bolívar", 2400, 3300, 0.74, false, false),
    ],
    commute: None,
};

#[rustfmt::skip]
pub(super) static LONDON: Place = Place {
    tz: "Europe/London",
    latlng: (51.5072, -0.1276),
    outings: &[
        outing(Ride, "Richmond Park laps", 3600, 6300, 0.70, false, false),
        outing(Ride, "Box Hill café ride ☕", 10800, 14400, 0.66, true, true),
        outing(Ride, "Club run — Surrey Hills", 12600, 16200, 0.70, true, true),
        outing(Other, "Walk on the South Downs", 9000, 14400, 0.50, true, true),
    ],
    commute: Some(("Commute in", "Commute home")),
};

#[rustfmt::skip]
pub(super) static REYKJAVIK: Place = Place {
    tz: "Atlantic/Reykjavik",
    latlng: (64.1466, -21.9426),
    outings: &[
        outing(Other, "Gengið á Esjuna 🥾", 10800, 14400, 0.56, true, true),
        outing(Run, "Hringur um Reykjavíkurtjörn", 2400, 3600, 0.74, false, false),
        outing(Run, "Heiðmörk trail run", 3600, 5400, 0.72, true, true),
        outing(Ride, "Hvalfjörður ride", 9000, 12600, 0.66, true, true),
        outing(Swim, "Laugardalslaug laps", 1800, 2700, 0.70, false, false),
    ],
    commute: None,
};

#[rustfmt::skip]
pub(super) static TENERIFE: Place = Place {
    tz: "Atlantic/Canary",
    latlng: (28.2916, -16.6291),
    outings: &[
        outing(Ride, "Subida al Teide 🌋", 16200, 21600, 0.72, true, false),
        outing(Ride, "Recovery spin to El Médano", 3600, 5400, 0.55, false, false),
        outing(Run, "Trote por Las Cañadas", 2400, 3600, 0.74, true, false),
    ],
    commute: None,
};

#[rustfmt::skip]
pub(super) static LANZAROTE: Place = Place {
    tz: "Atlantic/Canary",
    latlng: (28.9630, -13.5477),
    outings: &[
        outing(Ride, "Mirador del Río loop", 10800, 14400, 0.70, true, false),
        outing(Swim, "Open water at Playa Flamingo", 1800, 2700, 0.75, false, false),
    ],
    commute: None,
};

#[rustfmt::skip]
pub(super) static DENVER: Place = Place {
    tz: "America/Denver",
    latlng: (39.7392, -104.9903),
    outings: &[
        outing(Run, "Cherry Creek Trail run", 2400, 3600, 0.72, false, false),
        outing(Other, "Red Rocks hike", 7200, 10800, 0.55, true, false),
    ],
    commute: None,
};

#[rustfmt::skip]
pub(super) static TOKYO: Place = Place {
    tz: "Asia/Tokyo",
    latlng: (35.6852, 139.7528),
    outings: &[
        outing(Run, "皇居ラン — Imperial Palace loop", 1800, 2700, 0.76, false, false),
        outing(Other, "鎌倉ハイキング ⛩️", 10800, 14400, 0.52, true, false),
        outing(Run, "多摩川 riverside run", 2700, 3600, 0.74, false, false),
    ],
    commute: None,
};

#[rustfmt::skip]
pub(super) static MALLORCA: Place = Place {
    tz: "Europe/Madrid",
    latlng: (39.5696, 2.6502),
    outings: &[
        outing(Ride, "Sa Calobra 🐍", 14400, 19800, 0.72, true, false),
        outing(Ride, "Cap de Formentor", 10800, 14400, 0.68, true, false),
    ],
    commute: None,
};

#[rustfmt::skip]
pub(super) static CASCAIS: Place = Place {
    tz: "Europe/Lisbon",
    latlng: (38.6979, -9.4215),
    outings: &[outing(
        Ride,
        "Guincho coast spin",
        3600,
        5400,
        0.58,
        false,
        false,
    )],
    commute: None,
};

#[rustfmt::skip]
pub(super) static GOLD_COAST: Place = Place {
    tz: "Australia/Brisbane",
    latlng: (-28.0167, 153.4000),
    outings: &[outing(
        Run,
        "Burleigh Heads shakeout",
        1500,
        2400,
        0.68,
        false,
        false,
    )],
    commute: None,
};

#[rustfmt::skip]
pub(super) static QUEENSTOWN: Place = Place {
    tz: "Pacific/Auckland",
    latlng: (-45.0312, 168.6626),
    outings: &[
        outing(Other, "Ben Lomond track 🏔️", 18000, 25200, 0.58, true, false),
        outing(Run, "Frankton Arm trail", 2700, 4200, 0.72, false, false),
    ],
    commute: None,
};

#[rustfmt::skip]
pub(super) static GIRONA: Place = Place {
    tz: "Europe/Madrid",
    latlng: (41.9794, 2.8214),
    outings: &[outing(
        Ride,
        "Rocacorba climb",
        9000,
        12600,
        0.76,
        true,
        false,
    )],
    commute: None,
};
