//! Time in zones: how many seconds of an activity fall in each of the athlete's zones, given as
//! upper bounds, lowest zone first.

/// Seconds in each zone. A value at or below bound `i` (and above the bounds before it) is in
/// zone `i`; a value above the last bound counts in the last zone. Each sample counts for its
/// weight in seconds; dropouts count nowhere. The zones are rounded to whole seconds so that
/// they add up to the rounded total.
pub(crate) fn seconds_in_zones(
    values: &[Option<f64>],
    weights: &[f64],
    upper_bounds: &[u32],
) -> Vec<u32> {
    let Some(last_zone) = upper_bounds.len().checked_sub(1) else {
        return Vec::new();
    };
    let bounds: Vec<f64> = upper_bounds.iter().map(|&b| f64::from(b)).collect();
    let mut seconds = vec![0.0; bounds.len()];
    for (value, weight) in values.iter().zip(weights) {
        let Some(value) = value.filter(|v| v.is_finite()) else {
            continue;
        };
        let zone = bounds
            .iter()
            .position(|&bound| value <= bound)
            .unwrap_or(last_zone);
        seconds[zone] += weight;
    }
    whole_seconds(&seconds)
}

/// Rounds each share down, then gives the seconds still missing from the rounded total to the
/// shares with the largest remainders.
fn whole_seconds(seconds: &[f64]) -> Vec<u32> {
    let total = seconds.iter().sum::<f64>().round() as u32;
    let mut whole: Vec<u32> = seconds.iter().map(|s| s.floor() as u32).collect();
    let mut missing = total.saturating_sub(whole.iter().sum());
    let remainder = |i: usize| seconds[i] - seconds[i].floor();
    let mut by_remainder: Vec<usize> = (0..seconds.len()).collect();
    by_remainder.sort_by(|&a, &b| remainder(b).total_cmp(&remainder(a)));
    for zone in by_remainder {
        if missing == 0 {
            break;
        }
        whole[zone] += 1;
        missing -= 1;
    }
    whole
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractional_seconds_round_to_the_total() {
        assert_eq!(whole_seconds(&[1.4, 1.4, 1.2]), [2, 1, 1]);
        assert_eq!(whole_seconds(&[0.5, 2.0]), [1, 2]);
    }

    #[test]
    fn a_value_on_a_bound_is_in_that_zone() {
        let values = [Some(100.0), Some(100.5), Some(250.0), None];
        assert_eq!(seconds_in_zones(&values, &[1.0; 4], &[100, 200]), [1, 2]);
        assert!(seconds_in_zones(&values, &[1.0; 4], &[]).is_empty());
    }
}
