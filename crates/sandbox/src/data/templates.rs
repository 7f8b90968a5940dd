//! Week templates by discipline and phase: which sessions on which days (Monday = 0), at what
//! time of day, and how likely the optional ones are. Intensity follows the phase: base is
//! aerobic with tempo, build adds threshold and VO2max, peak is race-specific, taper is short
//! and sharp, transition and off-season are easy and varied.

use super::people::Discipline;
use super::season::{Phase, Week};
use super::sessions::Kind::{self, *};

/// When in the day a session goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum At {
    Am,
    Any,
    Pm,
    /// Straight after the session before it on that day (a brick).
    After,
}

#[derive(Debug)]
pub(super) struct Slot {
    pub day: i64,
    pub kinds: &'static [Kind],
    pub at: At,
    /// Chance that the session is planned at all (1.0: always).
    pub prob: f64,
}

const fn s(day: i64, kinds: &'static [Kind], at: At) -> Slot {
    Slot {
        day,
        kinds,
        at,
        prob: 1.0,
    }
}

const fn o(day: i64, kinds: &'static [Kind], at: At, prob: f64) -> Slot {
    Slot {
        day,
        kinds,
        at,
        prob,
    }
}

use At::{After, Am, Any, Pm};

/// Which template a week uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Phase(Phase),
    Recovery,
    /// The week of a B race: a short taper.
    MiniTaper,
}

pub(super) fn shape(w: &Week, b_race: bool) -> Shape {
    match w.phase {
        Phase::Race | Phase::Taper => Shape::Phase(w.phase),
        _ if b_race => Shape::MiniTaper,
        _ if w.recovery => Shape::Recovery,
        p => Shape::Phase(p),
    }
}

pub(super) fn slots(d: Discipline, shape: Shape) -> &'static [Slot] {
    match d {
        Discipline::Triathlon => tri(shape),
        Discipline::SwimTri => swim_tri(shape),
        Discipline::Marathon => marathon(shape),
        Discipline::RoadCycling | Discipline::MastersCycling => bike(shape),
        Discipline::Recreational => &[],
    }
}

#[rustfmt::skip]
fn tri(shape: Shape) -> &'static [Slot] {
    match shape {
        Shape::Phase(Phase::Base) => const { &[
            s(1, &[SwimTechnique, SwimEndurance], Am),
            s(2, &[EasyRun, HillRepeats], Any),
            o(2, &[Strength, StrengthGym], Pm, 0.5),
            s(3, &[SweetSpot3x12, TempoRide, SweetSpot2x20], Any),
            o(4, &[SwimEndurance, SwimCss], Am, 0.6),
            s(5, &[LongRide, LongRideTempo], Any),
            s(6, &[LongRun], Any),
        ] },
        Shape::Phase(Phase::Build) => const { &[
            s(1, &[Threshold2x20, Vo2max5x4, OverUnders], Any),
            s(2, &[SwimCss, SwimThreshold], Am),
            s(3, &[CruiseIntervals, RunIntervals, TempoRun], Any),
            o(3, &[Strength], Pm, 0.4),
            o(4, &[SwimEndurance, RecoverySpin], Any, 0.5),
            s(5, &[LongRideTempo, LongRide], Am),
            o(5, &[BrickRun], After, 0.7),
            s(6, &[LongRun, LongRunMp], Any),
        ] },
        Shape::Phase(Phase::Peak) => const { &[
            s(1, &[Vo2max5x4, OverUnders], Any),
            s(2, &[SwimThreshold, SwimSprint], Am),
            s(3, &[TempoRun, Vo2Run], Any),
            o(4, &[OpenWater, SwimCss], Any, 0.6),
            s(5, &[LongRideTempo], Am),
            s(5, &[BrickRun], After),
            s(6, &[LongRun], Any),
        ] },
        Shape::Phase(Phase::Taper) | Shape::MiniTaper => const { &[
            s(1, &[Openers, SweetSpot3x12], Any),
            s(2, &[SwimCss], Am),
            s(3, &[TempoRun, Strides], Any),
            s(5, &[EnduranceRide], Any),
            o(5, &[BrickRun], After, 0.5),
            s(6, &[EasyRun], Any),
        ] },
        Shape::Phase(Phase::Race) => const { &[
            s(1, &[Openers], Any),
            s(2, &[SwimTechnique], Am),
            s(3, &[Strides], Any),
            o(4, &[RecoverySpin], Any, 0.5),
        ] },
        Shape::Recovery => const { &[
            s(1, &[SwimTechnique], Am),
            s(2, &[EasyRun], Any),
            s(3, &[RecoverySpin, EnduranceRide], Any),
            s(5, &[EnduranceRide], Any),
            o(6, &[EasyRun, LongRun], Any, 0.8),
        ] },
        Shape::Phase(Phase::Transition) => const { &[
            s(2, &[EasyRun], Any),
            s(3, &[SwimTechnique], Any),
            s(5, &[EnduranceRide], Any),
            s(6, &[Mobility, EasyRun], Any),
        ] },
        Shape::Phase(Phase::OffSeason) => const { &[
            s(1, &[StrengthGym], Pm),
            s(2, &[SwimTechnique], Am),
            s(3, &[EasyRun, HillRepeats], Any),
            o(4, &[Strength, Mobility], Pm, 0.6),
            s(5, &[EnduranceRide], Any),
            s(6, &[LongRun, EasyRun], Any),
        ] },
        Shape::Phase(Phase::Late) => const { &[
            s(1, &[SweetSpot2x20, Threshold2x20], Any),
            s(2, &[SwimEndurance, OpenWater], Am),
            s(3, &[EasyRun, TempoRun], Any),
            o(4, &[Strength], Pm, 0.4),
            s(5, &[LongRide], Any),
            s(6, &[LongRun], Any),
        ] },
    }
}

#[rustfmt::skip]
fn swim_tri(shape: Shape) -> &'static [Slot] {
    match shape {
        Shape::Phase(Phase::Base | Phase::Late | Phase::OffSeason) => const { &[
            s(0, &[SwimTechnique], Am),
            s(1, &[SwimEndurance], Am),
            o(1, &[EasyRun], Pm, 0.7),
            s(2, &[SweetSpot3x12, TempoRide], Any),
            s(3, &[SwimCss], Am),
            o(3, &[Strength], Pm, 0.5),
            s(4, &[HillRepeats, EasyRun], Any),
            s(5, &[LongRide, EnduranceRide], Any),
            s(6, &[SwimEndurance, LongRun], Any),
        ] },
        Shape::Phase(Phase::Build | Phase::Peak) => const { &[
            s(0, &[SwimCss], Am),
            s(1, &[SwimThreshold], Am),
            s(1, &[CruiseIntervals, RunIntervals, Vo2Run], Pm),
            s(2, &[Threshold2x20, OverUnders, Vo2max5x4], Any),
            s(3, &[SwimSprint], Am),
            s(4, &[EasyRun], Any),
            s(5, &[LongRideTempo], Am),
            s(5, &[BrickRun], After),
            s(6, &[LongRun], Am),
            o(6, &[OpenWater], Pm, 0.5),
        ] },
        Shape::Phase(Phase::Taper | Phase::Race) | Shape::MiniTaper => const { &[
            s(0, &[SwimCss], Am),
            s(1, &[Openers], Any),
            s(2, &[SwimTechnique], Am),
            s(3, &[Strides], Any),
            o(4, &[OpenWater], Any, 0.6),
        ] },
        Shape::Recovery | Shape::Phase(Phase::Transition) => const { &[
            s(0, &[SwimTechnique], Am),
            s(2, &[EnduranceRide], Any),
            s(3, &[SwimEndurance], Am),
            o(4, &[EasyRun], Any, 0.7),
            s(5, &[EnduranceRide], Any),
            o(6, &[Mobility], Any, 0.5),
        ] },
    }
}

#[rustfmt::skip]
fn marathon(shape: Shape) -> &'static [Slot] {
    match shape {
        Shape::Phase(Phase::Base | Phase::Late) => const { &[
            s(1, &[HillRepeats, TempoRun], Am),
            s(2, &[EasyRun], Am),
            o(2, &[Strength], Pm, 0.6),
            s(3, &[TempoRun, CruiseIntervals], Am),
            o(4, &[RecoveryRun], Am, 0.7),
            s(5, &[Strides, EasyRun], Am),
            s(6, &[LongRun], Am),
        ] },
        Shape::Phase(Phase::Build | Phase::Peak) => const { &[
            s(1, &[RunIntervals, Vo2Run], Am),
            s(2, &[EasyRun], Am),
            o(2, &[Strength], Pm, 0.5),
            s(3, &[CruiseIntervals, TempoRun], Am),
            s(4, &[RecoveryRun], Am),
            s(5, &[EasyRun, Strides], Am),
            s(6, &[LongRunMp, LongRun], Am),
        ] },
        Shape::Phase(Phase::Taper) | Shape::MiniTaper => const { &[
            s(1, &[CruiseIntervals], Am),
            s(2, &[EasyRun], Am),
            s(3, &[TempoRun], Am),
            s(5, &[Strides], Am),
            s(6, &[EasyRun], Am),
        ] },
        Shape::Phase(Phase::Race) => const { &[
            s(1, &[Strides], Am),
            s(2, &[EasyRun], Am),
            s(3, &[RecoveryRun], Am),
        ] },
        Shape::Recovery => const { &[
            s(1, &[EasyRun], Am),
            s(3, &[Strides], Am),
            o(4, &[RecoveryRun], Am, 0.6),
            o(5, &[Mobility], Any, 0.5),
            s(6, &[LongRun], Am),
        ] },
        Shape::Phase(Phase::Transition) => const { &[
            o(2, &[RecoveryRun], Any, 0.6),
            o(3, &[Mobility], Any, 0.5),
            s(4, &[EasyRun], Any),
            s(6, &[EasyRun], Any),
        ] },
        Shape::Phase(Phase::OffSeason) => const { &[
            s(1, &[EasyRun], Am),
            s(2, &[StrengthGym], Pm),
            s(3, &[HillRepeats], Am),
            o(4, &[EnduranceRide], Any, 0.4),
            s(5, &[EasyRun], Am),
            s(6, &[LongRun], Am),
        ] },
    }
}

#[rustfmt::skip]
fn bike(shape: Shape) -> &'static [Slot] {
    match shape {
        Shape::Phase(Phase::Base) => const { &[
            s(1, &[SweetSpot2x20, SweetSpot3x12], Any),
            s(2, &[EnduranceRide], Any),
            o(2, &[StrengthGym], Pm, 0.5),
            s(3, &[TempoRide], Any),
            o(4, &[RecoverySpin], Any, 0.5),
            s(5, &[LongRide], Am),
            s(6, &[EnduranceRide, LongRideTempo], Am),
        ] },
        Shape::Phase(Phase::Build) => const { &[
            s(1, &[Vo2max5x4, Threshold2x20], Any),
            s(2, &[EnduranceRide], Any),
            s(3, &[OverUnders, Madeleine], Any),
            o(4, &[RecoverySpin], Any, 0.6),
            s(5, &[LongRideTempo], Am),
            s(6, &[LongRide, Sprints], Am),
        ] },
        Shape::Phase(Phase::Peak) => const { &[
            s(1, &[Vo2max5x4], Any),
            s(2, &[EnduranceRide], Any),
            s(3, &[Madeleine, OverUnders], Any),
            s(5, &[Sprints], Am),
            s(6, &[LongRideTempo], Am),
        ] },
        Shape::Phase(Phase::Taper) | Shape::MiniTaper => const { &[
            s(1, &[Openers], Any),
            s(2, &[EnduranceRide], Any),
            s(3, &[Threshold2x20], Any),
            s(5, &[EnduranceRide], Am),
            s(6, &[Openers], Am),
        ] },
        Shape::Phase(Phase::Race) => const { &[
            s(1, &[EnduranceRide], Any),
            s(2, &[Openers], Any),
            o(4, &[RecoverySpin], Any, 0.7),
        ] },
        Shape::Recovery => const { &[
            s(1, &[RecoverySpin], Any),
            s(3, &[EnduranceRide], Any),
            s(5, &[EnduranceRide], Am),
            o(6, &[Sprints], Am, 0.6),
        ] },
        Shape::Phase(Phase::Transition) => const { &[
            o(2, &[EnduranceRide], Any, 0.6),
            s(5, &[EnduranceRide], Any),
            o(6, &[Mobility, EasyRun], Any, 0.5),
        ] },
        Shape::Phase(Phase::OffSeason) => const { &[
            s(1, &[StrengthGym], Pm),
            s(2, &[EnduranceRide], Any),
            o(3, &[StrengthGym], Pm, 0.6),
            s(5, &[LongRide], Am),
            s(6, &[EasyRun, EnduranceRide], Any),
        ] },
        Shape::Phase(Phase::Late) => const { &[
            s(1, &[Threshold2x20], Any),
            s(2, &[EnduranceRide], Any),
            o(3, &[TempoRide], Any, 0.7),
            s(5, &[LongRide], Am),
            s(6, &[EnduranceRide], Am),
        ] },
    }
}
