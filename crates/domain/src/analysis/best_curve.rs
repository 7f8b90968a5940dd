//! The best power-duration curve of a period: for each duration, the best of the activities'
//! curves.

use std::collections::BTreeMap;

/// The highest watts for each duration found in any of `curves` (each `(seconds, watts)`,
/// shortest first), shortest first; durations only some curves reach are kept. Watts that are
/// not a number are ignored.
pub fn best_curve<'a>(curves: impl IntoIterator<Item = &'a [(u32, f64)]>) -> Vec<(u32, f64)> {
    let mut best: BTreeMap<u32, f64> = BTreeMap::new();
    for &(seconds, watts) in curves.into_iter().flatten() {
        if watts.is_nan() {
            continue;
        }
        best.entry(seconds)
            .and_modify(|held| *held = held.max(watts))
            .or_insert(watts);
    }
    best.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_duration_keeps_its_best_watts() {
        let short_hard: &[(u32, f64)] = &[(5, 900.0), (60, 420.0), (300, 310.0)];
        let long_steady: &[(u32, f64)] = &[(5, 600.0), (60, 450.0), (300, 330.0), (3600, 240.0)];
        assert_eq!(
            best_curve([short_hard, long_steady]),
            vec![(5, 900.0), (60, 450.0), (300, 330.0), (3600, 240.0)]
        );
    }

    #[test]
    fn durations_are_kept_whichever_curve_reaches_them() {
        let long: &[(u32, f64)] = &[(1, 700.0), (7200, 200.0)];
        let short: &[(u32, f64)] = &[(1, 800.0), (20, 500.0)];
        assert_eq!(
            best_curve([long, short]),
            vec![(1, 800.0), (20, 500.0), (7200, 200.0)]
        );
    }

    #[test]
    fn no_curves_give_an_empty_curve() {
        let none: [&[(u32, f64)]; 0] = [];
        assert!(best_curve(none).is_empty());
        let empty: &[(u32, f64)] = &[];
        assert!(best_curve([empty]).is_empty());
    }
}
