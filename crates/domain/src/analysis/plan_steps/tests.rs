//! Hand-checked flattenings of VeloPeak structures and Intervals.icu `workout_doc`s.

use super::*;
use serde_json::json;

fn athlete() -> Athlete {
    Athlete {
        ftp_w: Some(250),
        hr_max: Some(190),
        threshold_pace_s_per_km: Some(268),
        hr_zones_bpm: vec![120, 140, 155, 170, 190],
        ..Athlete::default()
    }
}

fn power(low: f64, high: f64) -> Option<StepTarget> {
    Some(StepTarget {
        kind: TargetKind::Power,
        low,
        high,
        absolute: true,
    })
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-3,
        "{actual} is not {expected}"
    );
}

/// `(intensity, start, duration)` of every step.
fn timeline(steps: &[PlanStep]) -> Vec<(StepIntensity, f64, f64)> {
    steps
        .iter()
        .map(|s| (s.intensity, s.start_s, s.duration_s))
        .collect()
}

fn velopeak_intervals() -> Value {
    json!({"steps": [
        {"kind": "warmup", "duration_s": 600,
         "target": {"type": "power", "low": 50, "high": 65, "unit": "%ftp"}},
        {"kind": "repeat", "repeat": 3, "steps": [
            {"kind": "interval", "duration_s": 300,
             "target": {"type": "power", "low": 105, "high": 105, "unit": "%ftp"}},
            {"kind": "recovery", "duration_s": 300,
             "target": {"type": "power", "low": 50, "high": 50, "unit": "%ftp"}}
        ]},
        {"kind": "cooldown", "duration_s": 600}
    ]})
}

#[test]
fn a_velopeak_repeat_unrolls_with_start_times_and_watts() {
    use StepIntensity::*;
    let steps = plan_steps(&velopeak_intervals(), Sport::Ride, Some(&athlete())).unwrap();
    assert_eq!(
        timeline(&steps),
        vec![
            (Warmup, 0.0, 600.0),
            (Active, 600.0, 300.0),
            (Recovery, 900.0, 300.0),
            (Active, 1200.0, 300.0),
            (Recovery, 1500.0, 300.0),
            (Active, 1800.0, 300.0),
            (Recovery, 2100.0, 300.0),
            (Cooldown, 2400.0, 600.0),
        ]
    );
    // FTP 250: 50–65% is 125–162.5 W, 105% is 262.5 W, 50% is 125 W.
    assert_eq!(steps[0].target, power(125.0, 162.5));
    assert_eq!(steps[1].target, power(262.5, 262.5));
    assert_eq!(steps[2].target, power(125.0, 125.0));
    assert_eq!(steps[5].target, power(262.5, 262.5));
    assert_eq!(steps[7].target, None);
    assert!(steps.iter().all(|s| s.distance_m.is_none()));
}

#[test]
fn repeats_nest() {
    // 2 × [2 × (30 s on, 30 s off), 120 s easy].
    let structure = json!({"steps": [
        {"kind": "repeat", "repeat": 2, "steps": [
            {"kind": "repeat", "repeat": 2, "steps": [
                {"kind": "interval", "duration_s": 30},
                {"kind": "recovery", "duration_s": 30}
            ]},
            {"kind": "recovery", "duration_s": 120}
        ]}
    ]});
    let steps = plan_steps(&structure, Sport::Ride, None).unwrap();
    let starts: Vec<f64> = steps.iter().map(|s| s.start_s).collect();
    assert_eq!(
        starts,
        vec![
            0.0, 30.0, 60.0, 90.0, 120.0, 240.0, 270.0, 300.0, 330.0, 360.0
        ]
    );
    assert_eq!(steps[4].duration_s, 120.0);
    assert_eq!(steps[9].duration_s, 120.0);
}

#[test]
fn without_ftp_power_stays_in_percent() {
    let no_ftp = Athlete {
        ftp_w: None,
        ..athlete()
    };
    for who in [None, Some(&no_ftp)] {
        let steps = plan_steps(&velopeak_intervals(), Sport::Ride, who).unwrap();
        assert_eq!(
            steps[1].target,
            Some(StepTarget {
                kind: TargetKind::Power,
                low: 105.0,
                high: 105.0,
                absolute: false,
            })
        );
    }
}

#[test]
fn an_intervals_doc_with_reps_and_every_kind_of_target() {
    use StepIntensity::*;
    let doc = json!({"duration": 1588, "ftp": 250, "lthr": 170, "target": "POWER", "steps": [
        {"duration": 600, "intensity": "warmup", "warmup": true,
         "hr": {"start": 70, "end": 80, "units": "%lthr"}},
        {"reps": 2, "steps": [
            {"duration": 240, "intensity": "active",
             "power": {"start": 100, "end": 110, "units": "%ftp"},
             "_power": {"start": 260, "end": 286, "units": "w"}},
            {"duration": 120, "intensity": "recovery",
             "pace": {"start": 80, "end": 85, "units": "%pace"}}
        ]},
        {"distance": 1000, "intensity": "cooldown", "cooldown": true}
    ]});
    let steps = plan_steps(&doc, Sport::Run, Some(&athlete())).unwrap();
    // The cooldown's kilometre at threshold pace (268 s/km) takes 268 s.
    assert_eq!(
        timeline(&steps),
        vec![
            (Warmup, 0.0, 600.0),
            (Active, 600.0, 240.0),
            (Recovery, 840.0, 120.0),
            (Active, 960.0, 240.0),
            (Recovery, 1200.0, 120.0),
            (Cooldown, 1320.0, 268.0),
        ]
    );
    // Zone 4 ends at 170 bpm: 70–80% is 119–136 bpm.
    let hr = steps[0].target.unwrap();
    assert_eq!((hr.kind, hr.absolute), (TargetKind::HeartRate, true));
    close(hr.low, 119.0);
    close(hr.high, 136.0);
    // The resolved watts win over 100–110% of the athlete's 250 W.
    assert_eq!(steps[1].target, power(260.0, 286.0));
    // 80–85% of threshold speed at 268 s/km: 85% is the faster pace, 268 / 0.85 = 315.29 s/km;
    // 80% the slower, 335 s/km.
    let pace = steps[2].target.unwrap();
    assert_eq!((pace.kind, pace.absolute), (TargetKind::Pace, true));
    close(pace.low, 315.294);
    close(pace.high, 335.0);
    assert_eq!(steps[5].distance_m, Some(1000.0));
    assert_eq!(steps[5].target, None);
}

#[test]
fn lthr_falls_back_to_ninety_percent_of_max_and_then_to_the_doc() {
    let step =
        json!({"steps": [{"duration": 60, "hr": {"start": 100, "end": 100, "units": "%lthr"}}]});
    let four_zones = Athlete {
        hr_zones_bpm: vec![120, 140, 155, 170],
        ..athlete()
    };
    let steps = plan_steps(&step, Sport::Ride, Some(&four_zones)).unwrap();
    close(steps[0].target.unwrap().low, 171.0);
    let with_doc = json!({"lthr": 165, "steps": step["steps"]});
    let steps = plan_steps(&with_doc, Sport::Ride, None).unwrap();
    assert_eq!(steps[0].target.unwrap().low, 165.0);
    assert!(steps[0].target.unwrap().absolute);
    let steps = plan_steps(&step, Sport::Ride, None).unwrap();
    assert!(!steps[0].target.unwrap().absolute);
}

#[test]
fn a_resolved_pace_in_metres_per_second_becomes_seconds_per_km() {
    let doc = json!({"steps": [{"duration": 300,
        "pace": {"start": 90, "end": 120, "units": "%pace"},
        "_pace": {"start": 3.0, "end": 4.0}}]});
    let target = plan_steps(&doc, Sport::Run, None).unwrap()[0]
        .target
        .unwrap();
    assert_eq!(target.kind, TargetKind::Pace);
    close(target.low, 250.0);
    close(target.high, 333.333);
}

#[test]
fn a_swims_pace_is_a_percentage_of_the_docs_threshold_not_the_running_one() {
    // 1 m/s threshold is 1000 s/km; 100% of it is 1000 s/km, whatever the running pace.
    let doc = json!({"threshold_pace": 1.0, "steps": [{"distance": 400,
        "pace": {"start": 100, "end": 100, "units": "%pace"}}]});
    let steps = plan_steps(&doc, Sport::Swim, Some(&athlete())).unwrap();
    close(steps[0].target.unwrap().low, 1000.0);
    close(steps[0].duration_s, 400.0);
}

#[test]
fn distance_steps_are_timed_from_pace_target_threshold_or_sport() {
    let paced = json!({"steps": [{"kind": "interval", "distance_m": 400,
        "target": {"type": "pace", "low": 240, "high": 260, "unit": "s_per_km"}}]});
    // The middle of 240–260 s/km: 400 m in 100 s.
    let step = &plan_steps(&paced, Sport::Run, Some(&athlete())).unwrap()[0];
    close(step.duration_s, 100.0);
    assert_eq!(step.distance_m, Some(400.0));
    let unpaced = |metres: f64| json!({"steps": [{"kind": "interval", "distance_m": metres}]});
    let known = athlete();
    let duration = |metres, sport, who: Option<&Athlete>| {
        plan_steps(&unpaced(metres), sport, who).unwrap()[0].duration_s
    };
    // Threshold pace 268 s/km, for a run only.
    close(duration(5000.0, Sport::Run, Some(&known)), 1340.0);
    // 5:00/km, 2:00/100 m, 30 km/h.
    close(duration(5000.0, Sport::Run, None), 1500.0);
    close(duration(400.0, Sport::Swim, Some(&known)), 480.0);
    close(duration(15_000.0, Sport::Ride, Some(&known)), 1800.0);
}

#[test]
fn a_structure_without_steps_is_empty() {
    assert_eq!(
        plan_steps(&json!({"steps": []}), Sport::Ride, None),
        Ok(vec![])
    );
}

#[test]
fn malformed_structures_are_errors() {
    let malformed = [
        json!([]),
        json!({}),
        json!({"steps": {}}),
        json!({"steps": ["warmup"]}),
        json!({"steps": [{"kind": "interval"}]}),
        json!({"steps": [{"kind": "interval", "duration_s": -5}]}),
        json!({"steps": [{"duration": "10m"}]}),
        json!({"steps": [{"reps": -1, "steps": [{"duration": 60}]}]}),
        json!({"steps": [{"reps": 2, "steps": [{"intensity": "active"}]}]}),
        json!({"steps": [{"duration": 60, "power": {"units": "%ftp"}}]}),
        json!({"steps": [{"duration": 60, "_pace": {"start": 0, "end": 3}}]}),
    ];
    for structure in malformed {
        let err = plan_steps(&structure, Sport::Ride, Some(&athlete())).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("the workout's structure cannot be read"),
            "{structure}"
        );
    }
}

#[test]
fn at_most_ten_thousand_steps() {
    let repeated = |reps: u64, extra: bool| {
        let mut steps = vec![json!({"reps": reps, "steps": [{"duration": 1}]})];
        if extra {
            steps.push(json!({"duration": 1}));
        }
        json!({ "steps": steps })
    };
    assert_eq!(
        plan_steps(&repeated(10_000, false), Sport::Ride, None)
            .unwrap()
            .len(),
        MAX_PLAN_STEPS
    );
    assert!(plan_steps(&repeated(10_001, false), Sport::Ride, None).is_err());
    assert!(plan_steps(&repeated(10_000, true), Sport::Ride, None).is_err());
    // An absurd count is refused before anything is unrolled.
    assert!(plan_steps(&repeated(u64::MAX, false), Sport::Ride, None).is_err());
}

#[test]
fn repeats_nest_only_so_deep() {
    let nested = |depth: usize| {
        let mut step = json!({"duration": 60});
        for _ in 0..depth {
            step = json!({"reps": 1, "steps": [step]});
        }
        json!({"steps": [step]})
    };
    assert_eq!(
        plan_steps(&nested(MAX_NESTING), Sport::Ride, None)
            .unwrap()
            .len(),
        1
    );
    assert!(plan_steps(&nested(MAX_NESTING + 1), Sport::Ride, None).is_err());
}

#[test]
fn unknown_units_leave_the_step_without_a_target() {
    let doc = json!({"steps": [{"duration": 60, "power": {"value": 3, "units": "power_zone"}}]});
    let steps = plan_steps(&doc, Sport::Ride, Some(&athlete())).unwrap();
    assert_eq!(steps[0].target, None);
    assert_eq!(steps[0].duration_s, 60.0);
}
