//! Run sessions: pace targets (s/km, relative to threshold pace) for the work, heart rate for
//! easy warm-ups and cool-downs.

use rand_chacha::ChaCha8Rng;

use super::athlete::lthr;
use super::sessions::{Kind, Parts, minutes};
use super::steps::{distance, leaf, repeat, target};
use super::{Athlete, Sport, Step, StepKind, Target, TargetKind, TargetUnit};
use StepKind::{Cooldown, Interval, Recovery, Warmup};

pub(super) fn parts(kind: Kind, a: &Athlete, rng: &mut ChaCha8Rng, vol: f64) -> Parts {
    let lthr = lthr(a);
    let bpm = |low: u32, high: u32| {
        target(
            TargetKind::Hr,
            TargetUnit::Bpm,
            lthr * low / 100,
            lthr * high / 100,
        )
    };
    let tp = a.threshold_pace_s_per_km;
    // Faster is a smaller number of seconds per km: `low` is the fast end.
    let pace = |fast: u32, slow: u32| -> Option<Target> {
        target(
            TargetKind::Pace,
            TargetUnit::SecondsPerKm,
            tp * fast / 100,
            tp * slow / 100,
        )
    };
    let wu = || leaf(Warmup, 900, bpm(72, 82));
    let cd = || leaf(Cooldown, 600, bpm(70, 80));
    let jog = |s: u32| leaf(Recovery, s, pace(125, 140));
    let (name, description, steps): (String, Option<&'static str>, Vec<Step>) = match kind {
        Kind::RecoveryRun => (
            "Recovery run".into(),
            Some("Slower than you think. Flat route."),
            vec![leaf(Interval, minutes(rng, 25, 40, 5, 1.0), pace(125, 140))],
        ),
        Kind::LongRun => {
            let main = minutes(rng, 70, 110, 5, vol);
            (
                format!("Long run {}′", main / 60 + 20),
                Some("Conversational pace; last 10 minutes steady."),
                vec![
                    leaf(Warmup, 600, bpm(72, 82)),
                    leaf(Interval, main, pace(115, 125)),
                    leaf(Interval, 600, pace(104, 108)),
                ],
            )
        }
        Kind::LongRunMp => {
            let reps = ((3.0 * vol).round() as u32).clamp(2, 4);
            (
                format!("Long run with {reps}×5 km at marathon pace"),
                Some("Practise race fuelling: a gel every 30 minutes."),
                vec![
                    leaf(Warmup, 1200, pace(118, 128)),
                    repeat(
                        reps,
                        vec![
                            distance(Interval, 5000.0, pace(106, 110)),
                            distance(Recovery, 1000.0, pace(118, 125)),
                        ],
                    ),
                    cd(),
                ],
            )
        }
        Kind::TempoRun => {
            let main = minutes(rng, 20, 35, 5, vol.max(0.8));
            (
                format!("Tempo run {}′", main / 60),
                Some("Comfortably hard, even splits."),
                vec![wu(), leaf(Interval, main, pace(100, 104)), cd()],
            )
        }
        Kind::CruiseIntervals => (
            "Cruise intervals 4×8′".into(),
            None,
            vec![
                wu(),
                repeat(4, vec![leaf(Interval, 480, pace(97, 101)), jog(120)]),
                cd(),
            ],
        ),
        Kind::RunIntervals => (
            "Run intervals 6×800 m".into(),
            None,
            vec![
                wu(),
                repeat(6, vec![distance(Interval, 800.0, pace(92, 96)), jog(120)]),
                cd(),
            ],
        ),
        Kind::Vo2Run => (
            "Track: 5×1000 m".into(),
            Some("3 minutes jog between. Same pace for all five."),
            vec![
                wu(),
                repeat(5, vec![distance(Interval, 1000.0, pace(90, 94)), jog(180)]),
                cd(),
            ],
        ),
        Kind::HillRepeats => (
            "Hill repeats 8×60″".into(),
            Some("Strong up, jog down. Tall posture."),
            vec![
                leaf(Warmup, 900, pace(118, 128)),
                repeat(
                    8,
                    vec![
                        leaf(Interval, 60, bpm(95, 102)),
                        leaf(Recovery, 90, bpm(70, 80)),
                    ],
                ),
                cd(),
            ],
        ),
        Kind::Strides => (
            "Easy run + strides".into(),
            Some("Six relaxed strides at the end, walk back."),
            vec![
                leaf(Interval, minutes(rng, 25, 35, 5, 1.0), pace(118, 128)),
                repeat(
                    6,
                    vec![leaf(Interval, 20, pace(80, 86)), leaf(Recovery, 60, None)],
                ),
            ],
        ),
        Kind::BrickRun => (
            "Brick run off the bike".into(),
            Some("Straight off the bike: find your legs, then settle."),
            vec![leaf(
                Interval,
                minutes(rng, 15, 30, 5, vol.max(0.7)),
                pace(103, 108),
            )],
        ),
        // Kind::EasyRun and anything else.
        _ => {
            let main = minutes(rng, 30, 55, 5, vol);
            (
                format!("Easy run {}′", main / 60 + 10),
                None,
                vec![
                    leaf(Warmup, 300, bpm(70, 80)),
                    leaf(Interval, main, pace(118, 130)),
                    leaf(Cooldown, 300, bpm(70, 80)),
                ],
            )
        }
    };
    (Sport::Run, name, description, steps)
}
