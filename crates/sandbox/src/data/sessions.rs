//! The workout catalogue: each kind of session with its structure, from which duration, load
//! and intensity are computed (load = Σ hours × factor² × 100, like TSS). Rides, runs and swims
//! live in their own files; races are built from their legs.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::athlete::css_pace;
use super::races::{Leg, RaceDef};
use super::steps::{ftp, leaf, stress, swim_distance, target};
use super::{Athlete, Sport, Step, StepKind, Structure, TargetKind, TargetUnit, round};
use super::{rides, runs, swims};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    // Rides.
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
    Openers,
    Sprints,
    // Runs.
    EasyRun,
    RecoveryRun,
    LongRun,
    LongRunMp,
    TempoRun,
    CruiseIntervals,
    RunIntervals,
    Vo2Run,
    HillRepeats,
    Strides,
    BrickRun,
    // Swims.
    SwimTechnique,
    SwimEndurance,
    SwimCss,
    SwimThreshold,
    SwimSprint,
    OpenWater,
    // Dry land.
    Strength,
    StrengthGym,
    Mobility,
}

impl Kind {
    pub(super) fn sport(self) -> Sport {
        use Kind::*;
        match self {
            EasyRun | RecoveryRun | LongRun | LongRunMp | TempoRun | CruiseIntervals
            | RunIntervals | Vo2Run | HillRepeats | Strides | BrickRun => Sport::Run,
            SwimTechnique | SwimEndurance | SwimCss | SwimThreshold | SwimSprint | OpenWater => {
                Sport::Swim
            }
            Strength | StrengthGym => Sport::Strength,
            Mobility => Sport::Other,
            _ => Sport::Ride,
        }
    }

    /// Sessions done indoors on weekdays about half the time.
    pub(super) fn indoor_ride(self) -> bool {
        use Kind::*;
        matches!(
            self,
            SweetSpot3x12 | SweetSpot2x20 | Vo2max5x4 | Threshold2x20 | OverUnders | TempoRide
        )
    }
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

/// The parts a catalogue entry gives: sport, name, description, steps.
pub(super) type Parts = (Sport, String, Option<&'static str>, Vec<Step>);

/// Minutes drawn from `low..=high` in `step`s, scaled by the week's volume, as seconds.
pub(super) fn minutes(rng: &mut ChaCha8Rng, low: u32, high: u32, step: u32, vol: f64) -> u32 {
    let m = f64::from(rng.random_range(low / step..=high / step) * step) * vol;
    ((m / f64::from(step)).round().max(1.0) as u32) * step * 60
}

/// Builds one session of `kind` at weekly volume `vol`, with some variation drawn from `rng`.
pub(super) fn build(kind: Kind, a: &Athlete, rng: &mut ChaCha8Rng, vol: f64) -> Session {
    let parts = match kind.sport() {
        Sport::Ride => rides::parts(kind, rng, vol),
        Sport::Run => runs::parts(kind, a, rng, vol),
        Sport::Swim => swims::parts(kind, a, rng, vol),
        _ => dry_land(kind, rng),
    };
    finish(kind == Kind::RecoverySpin, a, parts)
}

fn dry_land(kind: Kind, rng: &mut ChaCha8Rng) -> Parts {
    let (sport, name, description) = match kind {
        Kind::StrengthGym => (
            Sport::Strength,
            "Strength: heavy lifts",
            "Back squat 4×5, Romanian deadlift 3×6, split squats, pull-ups.",
        ),
        Kind::Mobility => (
            Sport::Other,
            "Yoga & mobility 🧘",
            "Hips, hamstrings, thoracic spine.",
        ),
        _ => (
            Sport::Strength,
            "Strength: core & hips",
            "Squats, deadlifts, step-ups, planks. 3 sets each.",
        ),
    };
    let duration = rng.random_range(7..=12) * 300;
    (
        sport,
        name.to_string(),
        Some(description),
        vec![leaf(StepKind::Interval, duration, None)],
    )
}

fn finish(recovery_spin: bool, a: &Athlete, parts: Parts) -> Session {
    let (sport, name, description, steps) = parts;
    let (secs, weighted) = stress(&steps, a, sport);
    let dry = matches!(sport, Sport::Strength | Sport::Other);
    let (load, intensity, structure) = if dry {
        (Some((secs / 3600.0 * 40.0).round() as u32), Some(0.6), None)
    } else {
        let intensity = (weighted / secs).sqrt();
        (
            Some((weighted / 3600.0 * 100.0).round() as u32),
            Some(round(intensity, 2)),
            Some(Structure { steps }),
        )
    };
    let duration_s = secs.round() as u32;
    let hours = secs / 3600.0;
    let distance_m = match sport {
        Sport::Ride if !recovery_spin => Some(round(
            hours * (22.0 + 10.0 * intensity.unwrap_or(0.6)) * 1000.0,
            -2,
        )),
        Sport::Run => Some(round(
            secs / f64::from(a.threshold_pace_s_per_km) * intensity.unwrap_or(0.8) * 1000.0,
            -2,
        )),
        Sport::Swim => structure.as_ref().map(|s| swim_distance(&s.steps)),
        _ => None,
    };
    Session {
        sport,
        name,
        description: description.map(str::to_string),
        structure,
        duration_s,
        distance_m,
        load,
        intensity,
    }
}

/// How hard a race leg is ridden, run or swum, as a fraction of threshold.
pub(super) fn race_intensity(leg: &Leg, legs: usize) -> f64 {
    let km = leg.distance_m / 1000.0;
    let multi = if legs > 1 { 0.04 } else { 0.0 };
    let base: f64 = match leg.sport {
        Sport::Run if km <= 5.5 => 1.04,
        Sport::Run if km <= 10.5 => 1.0,
        Sport::Run if km <= 22.0 => 0.94,
        Sport::Run => 0.88,
        Sport::Swim if km <= 2.0 => 0.96,
        Sport::Swim => 0.9,
        _ if km <= 45.0 => 0.97,
        _ if km <= 100.0 => 0.86,
        _ => 0.76,
    };
    base - multi
}

/// The planned workout for one leg of a race.
pub(super) fn race(def: &RaceDef, leg: &Leg, a: &Athlete) -> Session {
    let f = race_intensity(leg, def.legs.len());
    let pct = (f * 100.0).round() as u32;
    let km = leg.distance_m / 1000.0;
    let (step, label) = match leg.sport {
        Sport::Ride => {
            let wkg = f64::from(a.ftp_w) / a.weight_kg;
            let kmh = leg.kmh * (wkg / 3.6).powf(0.33);
            let secs = (km / kmh * 3600.0).round() as u32;
            (
                leaf(StepKind::Interval, secs, ftp(pct - 3, pct + 3)),
                "bike",
            )
        }
        Sport::Swim => {
            let pace = (f64::from(css_pace(a)) / f).round() as u32;
            let t = target(
                TargetKind::Pace,
                TargetUnit::SecondsPerKm,
                pace - 40,
                pace + 40,
            );
            (
                super::steps::distance(StepKind::Interval, leg.distance_m, t),
                "swim",
            )
        }
        _ => {
            let pace = (f64::from(a.threshold_pace_s_per_km) / f).round() as u32;
            let t = target(
                TargetKind::Pace,
                TargetUnit::SecondsPerKm,
                pace - 5,
                pace + 5,
            );
            (
                super::steps::distance(StepKind::Interval, leg.distance_m, t),
                "run",
            )
        }
    };
    let name = if def.legs.len() > 1 {
        format!("{} — {label} {}", def.name, distance_label(leg.distance_m))
    } else {
        def.name.to_string()
    };
    let mut s = finish(
        false,
        a,
        (
            leg.sport,
            name,
            Some("Race day 🏁 Trust the taper."),
            vec![step],
        ),
    );
    s.distance_m = Some(leg.distance_m);
    s
}

fn distance_label(m: f64) -> String {
    if m % 1000.0 != 0.0 {
        format!("{:.1} km", m / 1000.0)
    } else {
        format!("{:.0} km", m / 1000.0)
    }
}
