//! Swim sets, in metres, with pace targets relative to critical swim speed (s per km).

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::athlete::css_pace;
use super::sessions::{Kind, Parts};
use super::steps::{distance, leaf, repeat, target};
use super::{Athlete, Sport, Step, StepKind, Target, TargetKind, TargetUnit};
use StepKind::{Cooldown, Interval, Recovery, Warmup};

pub(super) fn parts(kind: Kind, a: &Athlete, rng: &mut ChaCha8Rng, vol: f64) -> Parts {
    let css = css_pace(a);
    let pace = |fast: u32, slow: u32| -> Option<Target> {
        target(
            TargetKind::Pace,
            TargetUnit::SecondsPerKm,
            css * fast / 100,
            css * slow / 100,
        )
    };
    let rest = |s: u32| leaf(Recovery, s, None);
    let reps = |n: f64| ((n * vol.max(0.6)).round() as u32).max(2);
    let (name, description, steps): (String, Option<&'static str>, Vec<Step>) = match kind {
        Kind::SwimTechnique => (
            "Swim technique".into(),
            Some("Drills: catch-up, fingertip drag, 6-kick switch."),
            vec![
                distance(Warmup, 300.0, pace(115, 125)),
                repeat(
                    reps(8.0),
                    vec![distance(Interval, 100.0, pace(105, 112)), rest(20)],
                ),
                repeat(4, vec![distance(Interval, 200.0, pace(102, 108)), rest(30)]),
                distance(Cooldown, 200.0, pace(115, 130)),
            ],
        ),
        Kind::SwimCss => {
            let n = reps(10.0);
            (
                format!("CSS {n}×100"),
                Some("On CSS pace, 15 seconds rest. Hold your stroke count."),
                vec![
                    distance(Warmup, 400.0, pace(112, 120)),
                    repeat(n, vec![distance(Interval, 100.0, pace(98, 102)), rest(15)]),
                    distance(Cooldown, 200.0, pace(115, 130)),
                ],
            )
        }
        Kind::SwimThreshold => {
            let n = reps(5.0).min(6);
            (
                format!("Threshold {n}×400"),
                None,
                vec![
                    distance(Warmup, 400.0, pace(112, 120)),
                    repeat(n, vec![distance(Interval, 400.0, pace(100, 104)), rest(30)]),
                    distance(Cooldown, 200.0, pace(115, 130)),
                ],
            )
        }
        Kind::SwimSprint => (
            "Speed: 16×50 + pull".into(),
            Some("Fast 50s on 1:00, then 8×100 pull with paddles."),
            vec![
                distance(Warmup, 300.0, pace(112, 120)),
                repeat(16, vec![distance(Interval, 50.0, pace(88, 93)), rest(25)]),
                repeat(8, vec![distance(Interval, 100.0, pace(105, 110)), rest(15)]),
                distance(Cooldown, 200.0, pace(115, 130)),
            ],
        ),
        Kind::OpenWater => {
            let m = f64::from(rng.random_range(15..=35) * 100) * vol.max(0.7);
            let m = (m / 100.0).round() * 100.0;
            (
                "Open water swim 🌊".into(),
                Some("Sight every 6 strokes. Wetsuit on."),
                vec![
                    distance(Warmup, 200.0, pace(115, 125)),
                    distance(Interval, m, pace(103, 110)),
                    distance(Cooldown, 100.0, pace(115, 130)),
                ],
            )
        }
        // Kind::SwimEndurance and anything else.
        _ => {
            let n = reps(5.0);
            let total = 400 + n * 300 + 600;
            (
                format!("Swim endurance {:.1} km", f64::from(total) / 1000.0),
                None,
                vec![
                    distance(Warmup, 400.0, pace(112, 120)),
                    repeat(n, vec![distance(Interval, 300.0, pace(100, 105)), rest(30)]),
                    distance(Interval, 400.0, pace(105, 110)),
                    distance(Cooldown, 200.0, pace(115, 130)),
                ],
            )
        }
    };
    (Sport::Swim, name, description, steps)
}
