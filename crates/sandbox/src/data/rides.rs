//! Ride sessions, with power targets in %FTP.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::sessions::{Kind, Parts, minutes};
use super::steps::{ftp, leaf, repeat};
use super::{Sport, StepKind};
use StepKind::{Cooldown, Interval, Recovery, Warmup};

pub(super) fn parts(kind: Kind, rng: &mut ChaCha8Rng, vol: f64) -> Parts {
    let wu = leaf(Warmup, 900, ftp(50, 65));
    let cd = leaf(Cooldown, 600, ftp(40, 55));
    let (name, description, steps) = match kind {
        Kind::SweetSpot3x12 => (
            "Sweet spot 3×12",
            Some("Steady, seated, cadence 85–95."),
            vec![
                wu,
                repeat(
                    3,
                    vec![
                        leaf(Interval, 720, ftp(88, 94)),
                        leaf(Recovery, 300, ftp(50, 60)),
                    ],
                ),
                cd,
            ],
        ),
        Kind::SweetSpot2x20 => (
            "Sweet spot 2×20",
            None,
            vec![
                wu,
                repeat(
                    2,
                    vec![
                        leaf(Interval, 1200, ftp(88, 93)),
                        leaf(Recovery, 360, ftp(50, 60)),
                    ],
                ),
                cd,
            ],
        ),
        Kind::Vo2max5x4 => (
            "VO2max 5×4",
            Some("Hard but even: the last one as strong as the first."),
            vec![
                wu,
                repeat(
                    5,
                    vec![
                        leaf(Interval, 240, ftp(106, 120)),
                        leaf(Recovery, 240, ftp(45, 55)),
                    ],
                ),
                cd,
            ],
        ),
        Kind::Threshold2x20 => (
            "Threshold 2×20",
            None,
            vec![
                wu,
                repeat(
                    2,
                    vec![
                        leaf(Interval, 1200, ftp(95, 102)),
                        leaf(Recovery, 300, ftp(50, 60)),
                    ],
                ),
                cd,
            ],
        ),
        Kind::OverUnders => (
            "Over-unders 3×9",
            Some("2 min under, 1 min over, three times per set."),
            vec![
                wu,
                repeat(
                    3,
                    vec![
                        repeat(
                            3,
                            vec![
                                leaf(Interval, 120, ftp(92, 97)),
                                leaf(Interval, 60, ftp(105, 110)),
                            ],
                        ),
                        leaf(Recovery, 300, ftp(50, 60)),
                    ],
                ),
                cd,
            ],
        ),
        Kind::Madeleine => (
            "Côte de la Madeleine repeats",
            Some("Four climbs of the local côte, easy descents."),
            vec![
                leaf(Warmup, 1500, ftp(55, 70)),
                repeat(
                    4,
                    vec![
                        leaf(Interval, 480, ftp(95, 102)),
                        leaf(Recovery, 420, ftp(45, 55)),
                    ],
                ),
                leaf(Cooldown, 900, ftp(50, 60)),
            ],
        ),
        Kind::TempoRide => (
            "Tempo 2×20",
            None,
            vec![
                wu,
                repeat(
                    2,
                    vec![
                        leaf(Interval, 1200, ftp(76, 87)),
                        leaf(Recovery, 300, ftp(55, 60)),
                    ],
                ),
                leaf(Interval, minutes(rng, 10, 30, 10, vol), ftp(60, 70)),
                cd,
            ],
        ),
        Kind::LongRide => (
            "Long ride",
            Some("Easy and long. Bring a gilet."),
            vec![
                leaf(Warmup, 900, ftp(55, 65)),
                leaf(Interval, minutes(rng, 150, 240, 15, vol), ftp(60, 72)),
                leaf(Cooldown, 900, ftp(50, 60)),
            ],
        ),
        Kind::LongRideTempo => (
            "Long ride with tempo",
            None,
            vec![
                leaf(Warmup, 1200, ftp(55, 65)),
                leaf(Interval, minutes(rng, 60, 90, 15, vol), ftp(62, 72)),
                repeat(
                    2,
                    vec![
                        leaf(Interval, 1200, ftp(78, 86)),
                        leaf(Recovery, 600, ftp(55, 65)),
                    ],
                ),
                leaf(Interval, minutes(rng, 30, 60, 15, vol), ftp(60, 70)),
                leaf(Cooldown, 600, ftp(50, 60)),
            ],
        ),
        Kind::RecoverySpin => (
            "Recovery spin",
            Some("Really easy. Spin the legs."),
            vec![leaf(Interval, minutes(rng, 35, 50, 5, 1.0), ftp(40, 55))],
        ),
        Kind::Openers => (
            "Openers",
            Some("Short and sharp: wake the legs up for race day."),
            vec![
                leaf(Warmup, 900, ftp(50, 65)),
                repeat(
                    3,
                    vec![
                        leaf(Interval, 60, ftp(110, 120)),
                        leaf(Recovery, 180, ftp(45, 55)),
                    ],
                ),
                leaf(Interval, 600, ftp(65, 75)),
                leaf(Cooldown, 600, ftp(45, 55)),
            ],
        ),
        Kind::Sprints => (
            "Endurance with sprints",
            Some("Eight seated sprints, full recovery between."),
            vec![
                leaf(Warmup, 900, ftp(50, 65)),
                repeat(
                    8,
                    vec![
                        leaf(Interval, 15, ftp(160, 200)),
                        leaf(Recovery, 285, ftp(55, 65)),
                    ],
                ),
                leaf(Interval, minutes(rng, 20, 50, 10, vol), ftp(60, 70)),
                leaf(Cooldown, 600, ftp(45, 55)),
            ],
        ),
        // Kind::EnduranceRide and anything else.
        _ => {
            let easy = rng.random_bool(0.3);
            (
                if easy {
                    "Zone 2 ride"
                } else {
                    "Endurance ride"
                },
                Some("Zone 2, fuel every 30 minutes."),
                vec![
                    leaf(Warmup, 600, ftp(50, 60)),
                    leaf(Interval, minutes(rng, 60, 130, 10, vol), ftp(62, 72)),
                    leaf(Cooldown, 600, ftp(45, 55)),
                ],
            )
        }
    };
    (Sport::Ride, name.to_string(), description, steps)
}
