//! The physics holds together: power, heart rate, distance, climbing, pace and cadence agree
//! with the summary and with each other.

use super::*;

#[test]
fn ride_power_matches_the_summary() {
    let mut rides = 0;
    each(|_, a, s| {
        if a.sport != Sport::Ride {
            return;
        }
        rides += 1;
        let w = s.watts().unwrap();
        let avg = mean(
            w.iter()
                .zip(s.moving())
                .filter_map(|(w, &m)| if m { *w } else { None }),
        );
        let want = f64::from(a.avg_power_w.unwrap());
        assert!(
            (avg / want - 1.0).abs() <= 0.05,
            "{}: avg {avg:.0} vs {want}",
            a.name
        );
        let np = normalized_power(s);
        let want = f64::from(a.normalized_power_w.unwrap());
        assert!(
            (np / want - 1.0).abs() <= 0.08,
            "{}: NP {np:.0} vs {want}",
            a.name
        );
    });
    assert!(rides > 20);
}

#[test]
fn heart_rate_mean_matches_the_summary_between_rest_and_max() {
    each(|d, a, s| {
        let hr = s.heartrate().unwrap();
        let (rest, max) = (f64::from(d.owner().hr_rest), f64::from(d.owner().hr_max));
        assert!(hr.iter().flatten().all(|h| (rest..=max).contains(h)));
        let avg = mean(
            hr.iter()
                .zip(s.moving())
                .filter_map(|(h, &m)| if m { *h } else { None }),
        );
        let want = f64::from(a.avg_hr.unwrap());
        assert!((avg - want).abs() <= 6.0, "{}: {avg:.1} vs {want}", a.name);
    });
}

#[test]
fn distance_and_climb_match_the_summary() {
    each(|_, a, s| {
        let Some(d) = s.distance() else { return };
        let want = a.distance_m.unwrap();
        let got = d[d.len() - 1];
        // Swims go by whole pool lengths: within one length of the summary.
        let tolerance = if a.sport == Sport::Swim {
            25.0 / want
        } else {
            0.15
        };
        assert!(
            (got / want - 1.0).abs() <= tolerance + 1e-9,
            "{}: {got:.0} m vs {want}",
            a.name
        );
        if let Some(alt) = s.altitude() {
            let want = a.elevation_gain_m.unwrap();
            let got = climb(alt);
            assert!(
                (got / want - 1.0).abs() <= 0.15,
                "{}: climbs {got:.0} m vs {want}",
                a.name
            );
        }
        if let Some(v) = s.velocity() {
            // Trapezoids of the speed make the distance.
            let by_speed: f64 = v.windows(2).map(|w| (w[0] + w[1]) / 2.0).sum();
            assert!(
                (by_speed / got - 1.0).abs() < 0.01,
                "{}: {by_speed:.0} vs {got:.0}",
                a.name
            );
        }
    });
}

#[test]
fn hilly_activities_climb_for_real() {
    let mut hilly = 0;
    each(|_, a, s| {
        let (Some(alt), Some(d)) = (s.altitude(), s.distance()) else {
            return;
        };
        let per_km = a.elevation_gain_m.unwrap() / a.distance_m.unwrap() * 1000.0;
        if per_km < 15.0 {
            return;
        }
        hilly += 1;
        let (low, high) = alt
            .iter()
            .fold((f64::MAX, f64::MIN), |(l, h), &x| (l.min(x), h.max(x)));
        assert!(high - low > 200.0, "{}: {low:.0}–{high:.0} m", a.name);
        // Somewhere it climbs at least 4% for a kilometre.
        let mut j = 0;
        let steep = (0..d.len()).any(|i| {
            while j < d.len() && d[j] < d[i] + 1000.0 {
                j += 1;
            }
            j < d.len() && (alt[j] - alt[i]) / (d[j] - d[i]) > 0.04
        });
        assert!(steep, "{} never climbs", a.name);
    });
    assert!(hilly >= 3, "{hilly} hilly activities");
}

#[test]
fn speed_is_lower_uphill_than_downhill_at_similar_effort() {
    let mut compared = 0;
    each(|d, a, s| {
        if s.altitude().is_none() || a.sport == Sport::Other {
            return;
        }
        // Without power, compare only runs at one steady effort (no intervals).
        let intervals = a
            .planned_workout_id
            .as_deref()
            .and_then(|id| d.workout(id))
            .and_then(|w| w.structure.as_ref())
            .is_some_and(|st| st.steps.iter().any(|step| step.repeat.is_some()));
        if a.sport == Sport::Run && intervals {
            return;
        }
        let v = s.velocity().unwrap();
        let ftp = f64::from(d.owner().ftp_w);
        let similar = |i: usize| match s.watts() {
            Some(w) => w[i].is_some_and(|p| (0.55 * ftp..=0.85 * ftp).contains(&p)),
            // Runs: the steady middle, away from the warm-up, the cool-down and any stop.
            None => {
                (900..s.len().saturating_sub(1500)).contains(&i)
                    && s.moving()[i..i + 20].iter().all(|m| *m)
            }
        };
        let (mut up, mut down) = (Vec::new(), Vec::new());
        for (i, g) in grades(s).into_iter().enumerate() {
            match g {
                Some(g) if g > 0.03 && similar(i) => up.push(v[i]),
                Some(g) if g < -0.03 && similar(i) => down.push(v[i]),
                _ => {}
            }
        }
        if up.len() < 60 || down.len() < 60 {
            return;
        }
        compared += 1;
        let (up, down) = (mean(up.into_iter()), mean(down.into_iter()));
        assert!(up < 0.95 * down, "{}: {up:.2} up, {down:.2} down", a.name);
    });
    assert!(compared >= 10, "{compared} activities compared");
}

#[test]
fn heart_rate_lags_power() {
    let mut checked = 0;
    each(|d, a, s| {
        let structured = a
            .planned_workout_id
            .as_deref()
            .and_then(|id| d.workout(id))
            .and_then(|w| w.structure.as_ref())
            .is_some_and(|st| st.steps.iter().any(|step| step.repeat.is_some()));
        let Some(w) = s.watts().filter(|_| structured) else {
            return;
        };
        checked += 1;
        let fill = |col: &[Option<f64>]| -> Vec<f64> {
            let mut last = 0.0;
            col.iter()
                .map(|x| {
                    last = x.unwrap_or(last);
                    last
                })
                .collect()
        };
        let (p, hr) = (fill(w), fill(s.heartrate().unwrap()));
        let corr = |lag: usize| {
            let n = p.len() - lag;
            let (x, y) = (&p[..n], &hr[lag..]);
            let (mx, my) = (mean(x.iter().copied()), mean(y.iter().copied()));
            let cov: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
            let vx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
            let vy: f64 = y.iter().map(|b| (b - my).powi(2)).sum();
            cov / (vx * vy).sqrt()
        };
        let best = (0..=180usize)
            .step_by(2)
            .max_by(|&i, &j| corr(i).total_cmp(&corr(j)))
            .unwrap();
        assert!(
            (10..=150).contains(&best),
            "{}: heart rate best matches power {best} s later",
            a.name
        );
    });
    assert!(checked >= 10, "{checked} structured rides");
}

#[test]
fn cadence_is_plausible() {
    each(|_, a, s| {
        let Some(c) = s.cadence() else { return };
        let turning: Vec<f64> = c.iter().copied().filter(|x| *x > 0.0).collect();
        let avg = mean(turning.iter().copied());
        let want = f64::from(a.avg_cadence.unwrap());
        assert!((avg - want).abs() <= 3.0, "{}: {avg:.1} vs {want}", a.name);
        let range = if a.sport == Sport::Run {
            79.0..=93.0
        } else {
            45.0..=125.0
        };
        assert!(turning.iter().all(|x| range.contains(x)), "{}", a.name);
        if a.sport == Sport::Ride && !a.trainer {
            // Freewheeling happens outdoors, and not only at stops.
            let coasting = (0..s.len())
                .filter(|&i| s.moving()[i] && c[i] == 0.0)
                .count();
            assert!(coasting > s.len() / 100, "{}: {coasting}", a.name);
        }
    });
}
