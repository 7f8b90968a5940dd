//! The workout catalogue: each kind of session with its structure, from which duration, load
//! and intensity are computed (load = Σ hours × factor² × 100, like TSS).

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::athlete::{css_pace, lthr};
use super::steps::{distance, ftp, leaf, repeat, stress, swim_distance, target};
use super::{Athlete, Sport, Step, StepKind, Structure, TargetKind, TargetUnit, round};
use StepKind::{Cooldown, Interval, Recovery, Warmup};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    SweetSpot3x12,
    SweetSpot2x20,
    Vo2max5x4,
    Threshold2x20,
    OverUnders,
    Madeleine,
    EnduranceRide,
    TempoRide,
    LongRide,
    LongRideTempo,
    RecoverySpin,
    EasyRun,
    LongRun,
    RunIntervals,
    SwimTechnique,
    SwimEndurance,
    Strength,
}

/// A planned session before it gets a date and an id.
#[derive(Debug, Clone)]
pub(super) struct Session {
    pub sport: Sport,
    pub name: String,
    pub description: Option<String>,
    pub structure: Option<Structure>,
    pub duration_s: u32,
    pub distance_m: Option<f64>,
    pub load: Option<u32>,
    pub intensity: Option<f64>,
}

fn minutes(rng: &mut ChaCha8Rng, low: u32, high: u32, step: u32) -> u32 {
    rng.random_range(low / step..=high / step) * step * 60
}

/// Builds one session of `kind`, with some variation drawn from `rng`.
pub(super) fn build(kind: Kind, a: &Athlete, rng: &mut ChaCha8Rng) -> Session {
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
    let pace = |low: u32, high: u32| {
        target(
            TargetKind::Pace,
            TargetUnit::SecondsPerKm,
            tp * low / 100,
            tp * high / 100,
        )
    };
    let css = css_pace(a);
    let swim_pace = |low: u32, high: u32| {
        target(
            TargetKind::Pace,
            TargetUnit::SecondsPerKm,
            css * low / 100,
            css * high / 100,
        )
    };
    let wu = leaf(Warmup, 900, ftp(50, 65));
    let cd = leaf(Cooldown, 600, ftp(40, 55));
    let (sport, name, description, steps): (Sport, &str, Option<&str>, Vec<Step>) = match kind {
        Kind::SweetSpot3x12 => (
            Sport::Ride,
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
            Sport::Ride,
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
            Sport::Ride,
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
            Sport::Ride,
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
            Sport::Ride,
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
            Sport::Ride,
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
        Kind::EnduranceRide => (
            Sport::Ride,
            "Endurance ride",
            Some("Zone 2, fuel every 30 minutes."),
            vec![
                leaf(Warmup, 600, ftp(50, 60)),
                leaf(Interval, minutes(rng, 70, 130, 10), ftp(62, 72)),
                leaf(Cooldown, 600, ftp(45, 55)),
            ],
        ),
        Kind::TempoRide => (
            Sport::Ride,
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
                leaf(Interval, 1200, ftp(60, 70)),
                cd,
            ],
        ),
        Kind::LongRide => (
            Sport::Ride,
            "Long ride",
            Some("Easy and long. Bring a gilet."),
            vec![
                leaf(Warmup, 900, ftp(55, 65)),
                leaf(Interval, minutes(rng, 150, 240, 15), ftp(60, 72)),
                leaf(Cooldown, 900, ftp(50, 60)),
            ],
        ),
        Kind::LongRideTempo => (
            Sport::Ride,
            "Long ride with tempo",
            None,
            vec![
                leaf(Warmup, 1200, ftp(55, 65)),
                leaf(Interval, minutes(rng, 60, 90, 15), ftp(62, 72)),
                repeat(
                    2,
                    vec![
                        leaf(Interval, 1200, ftp(78, 86)),
                        leaf(Recovery, 600, ftp(55, 65)),
                    ],
                ),
                leaf(Interval, minutes(rng, 30, 60, 15), ftp(60, 70)),
                leaf(Cooldown, 600, ftp(50, 60)),
            ],
        ),
        Kind::RecoverySpin => (
            Sport::Ride,
            "Recovery spin",
            Some("Really easy. Spin the legs."),
            vec![leaf(Interval, minutes(rng, 40, 50, 5), ftp(40, 55))],
        ),
        Kind::EasyRun => (
            Sport::Run,
            "Easy run",
            None,
            vec![
                leaf(Warmup, 300, bpm(70, 80)),
                leaf(Interval, minutes(rng, 30, 50, 5), bpm(78, 87)),
                leaf(Cooldown, 300, bpm(70, 80)),
            ],
        ),
        Kind::LongRun => (
            Sport::Run,
            "Long run",
            Some("Conversational pace; last 10 minutes steady."),
            vec![
                leaf(Warmup, 600, bpm(72, 82)),
                leaf(Interval, minutes(rng, 60, 85, 5), bpm(80, 88)),
                leaf(Interval, 600, bpm(88, 92)),
                leaf(Cooldown, 300, bpm(70, 80)),
            ],
        ),
        Kind::RunIntervals => (
            Sport::Run,
            "Run intervals 6×800 m",
            None,
            vec![
                leaf(Warmup, 900, bpm(75, 85)),
                repeat(
                    6,
                    vec![
                        distance(Interval, 800.0, pace(92, 96)),
                        leaf(Recovery, 120, None),
                    ],
                ),
                leaf(Cooldown, 600, bpm(70, 80)),
            ],
        ),
        Kind::SwimTechnique => (
            Sport::Swim,
            "Swim technique",
            Some("Drills: catch-up, fingertip drag, 6-kick switch."),
            vec![
                distance(Warmup, 300.0, swim_pace(115, 125)),
                repeat(
                    8,
                    vec![
                        distance(Interval, 100.0, swim_pace(105, 112)),
                        leaf(Recovery, 20, None),
                    ],
                ),
                repeat(
                    4,
                    vec![
                        distance(Interval, 200.0, swim_pace(102, 108)),
                        leaf(Recovery, 30, None),
                    ],
                ),
                distance(Cooldown, 200.0, swim_pace(115, 130)),
            ],
        ),
        Kind::SwimEndurance => (
            Sport::Swim,
            "Swim endurance 2.5 km",
            None,
            vec![
                distance(Warmup, 400.0, swim_pace(112, 120)),
                repeat(
                    5,
                    vec![
                        distance(Interval, 300.0, swim_pace(100, 105)),
                        leaf(Recovery, 30, None),
                    ],
                ),
                distance(Interval, 400.0, swim_pace(105, 110)),
                distance(Cooldown, 200.0, swim_pace(115, 130)),
            ],
        ),
        Kind::Strength => (
            Sport::Strength,
            "Strength: core & hips",
            Some("Squats, deadlifts, step-ups, planks. 3 sets each."),
            Vec::new(),
        ),
    };
    finish(kind, a, sport, name, description, steps)
}

fn finish(
    kind: Kind,
    a: &Athlete,
    sport: Sport,
    name: &str,
    description: Option<&str>,
    steps: Vec<Step>,
) -> Session {
    let (secs, weighted) = stress(&steps, a, sport);
    let (duration_s, load, intensity, structure) = if steps.is_empty() {
        (2700, Some(30), Some(0.6), None)
    } else {
        let intensity = (weighted / secs).sqrt();
        let load = (weighted / 3600.0 * 100.0).round() as u32;
        (
            secs.round() as u32,
            Some(load),
            Some(round(intensity, 2)),
            Some(Structure { steps }),
        )
    };
    let hours = f64::from(duration_s) / 3600.0;
    let distance_m = match sport {
        Sport::Ride if kind != Kind::RecoverySpin => Some(round(
            hours * (22.0 + 10.0 * intensity.unwrap_or(0.6)) * 1000.0,
            -2,
        )),
        Sport::Run => Some(round(
            f64::from(duration_s) / f64::from(a.threshold_pace_s_per_km)
                * intensity.unwrap_or(0.8)
                * 1000.0,
            -2,
        )),
        Sport::Swim => structure.as_ref().map(|s| swim_distance(&s.steps)),
        _ => None,
    };
    Session {
        sport,
        name: name.to_string(),
        description: description.map(str::to_string),
        structure,
        duration_s,
        distance_m,
        load,
        intensity,
    }
}
