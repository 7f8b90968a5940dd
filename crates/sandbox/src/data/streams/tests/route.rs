//! Outdoor tracks, and the longest ride the contract speaks of.

use super::*;

#[test]
fn gps_stays_near_home_follows_the_distance_and_is_no_straight_line() {
    let mut tracks = 0;
    each(|_, a, s| {
        let Some(ll) = s.latlng() else { return };
        tracks += 1;
        let d = s.distance().unwrap();
        let total = d[d.len() - 1];
        let first = ll.iter().flatten().next().copied().unwrap();
        assert!(
            haversine(first, HOME) < 10.0,
            "{} starts away from home",
            a.name
        );
        let far = ll
            .iter()
            .flatten()
            .map(|&p| haversine(p, HOME))
            .fold(0.0, f64::max);
        assert!(far < 50_000.0, "{} goes {far:.0} m from home", a.name);
        assert!(
            far > 0.1 * total,
            "{}: {far:.0} m out of {total:.0}",
            a.name
        );
        // Neither a straight line out nor a circle: out-and-backs bend on the way, and a loop's
        // distance from its middle varies. (A short commute may well follow one straight road.)
        assert!(
            total < 10_000.0 || far < 0.97 * total / 2.0,
            "{}: a straight line ({far:.0} m out of {total:.0})",
            a.name
        );
        let points: Vec<(f64, f64)> = ll.iter().flatten().copied().collect();
        let middle = (
            mean(points.iter().map(|p| p.0)),
            mean(points.iter().map(|p| p.1)),
        );
        let radii: Vec<f64> = points.iter().map(|&p| haversine(p, middle)).collect();
        let r = mean(radii.iter().copied());
        let spread = mean(radii.iter().map(|x| (x - r).powi(2))).sqrt() / r;
        assert!(spread > 0.05, "{}: a circle ({spread:.3})", a.name);
        let (mut along, mut turns) = (0.0, 0);
        for i in 1..s.len() {
            if let (Some(p), Some(q)) = (ll[i - 1], ll[i]) {
                let step = haversine(p, q);
                let by_distance = d[i] - d[i - 1];
                assert!(
                    step <= by_distance + 2.0 + 0.05 * by_distance,
                    "{} at {i}: {step:.1} m apart, distance says {by_distance:.1}",
                    a.name
                );
                // Shorter only where the way turns sharply (the turn of an out-and-back).
                turns += usize::from(step < by_distance - 2.0 - 0.05 * by_distance);
                along += step;
            }
        }
        assert!(turns <= 3, "{}: {turns} short steps", a.name);
        assert!(
            (along / total - 1.0).abs() < 0.03,
            "{}: {along:.0} vs {total:.0}",
            a.name
        );
    });
    assert!(tracks > 30);
}

#[test]
fn a_six_hour_ride_holds_21600_samples_and_adds_up() {
    let (d, a) = six_hour_ride();
    let s = generate(&a, &ctx(&d, &a, 9));
    assert_eq!(s.len(), 21_600);
    let dist = s.distance().unwrap();
    assert!((dist[dist.len() - 1] / 158_000.0 - 1.0).abs() < 0.15);
    assert!((climb(s.altitude().unwrap()) / 2_600.0 - 1.0).abs() < 0.15);
    assert!((normalized_power(&s) / 166.0 - 1.0).abs() < 0.08);
    // Six hours from home and back needs more than one loop; none strays 50 km.
    let far = s
        .latlng()
        .unwrap()
        .iter()
        .flatten()
        .map(|&p| haversine(p, HOME))
        .fold(0.0, f64::max);
    assert!(far < 50_000.0, "{far:.0} m");
    // A long ride has its café stop.
    let mut longest = 0;
    let mut run = 0;
    for &m in s.moving() {
        run = if m { 0 } else { run + 1 };
        longest = longest.max(run);
    }
    assert!((600..=1500).contains(&longest), "longest stop {longest} s");
    let json = s.to_json(&a.id, &TYPES);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for kind in &a.stream_types {
        assert_eq!(
            v["streams"][kind].as_array().unwrap().len(),
            21_600,
            "{kind}"
        );
    }
}
