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
    // With bounds in order, a value's zone is how many bounds lie below it, counted without a
    // branch per bound; bounds out of order are searched.
    let in_order = upper_bounds.windows(2).all(|pair| pair[0] <= pair[1]);
    let mut seconds = vec![0.0; bounds.len()];
    for (value, weight) in values.iter().zip(weights) {
        let Some(value) = value.filter(|v| v.is_finite()) else {
            continue;
        };
        let zone = if in_order {
            bounds.iter().filter(|&&bound| value > bound).count()
        } else {
            bounds
                .iter()
                .position(|&bound| value <= bound)
                .unwrap_or(last_zone)
        };
        seconds[zone.min(last_zone)] += weight;
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

    /// The first bound at or above the value, else the last zone: the definition.
    fn zone_by_search(value: f64, bounds: &[u32]) -> usize {
        bounds
            .iter()
            .position(|&bound| value <= f64::from(bound))
            .unwrap_or(bounds.len() - 1)
    }

    #[test]
    fn counting_bounds_below_gives_the_searched_zone() {
        let layouts: [&[u32]; 5] = [
            &[100],
            &[100, 200, 300],
            &[114, 133, 152, 171, 190],
            &[150, 150, 200, 200, 400],
            &[300, 100, 200],
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for bounds in layouts {
            let mut values = Vec::new();
            let mut weights = Vec::new();
            let mut expected = vec![0u32; bounds.len()];
            for i in 0..5000 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let value = match i % 4 {
                    0 => f64::from(bounds[(state % bounds.len() as u64) as usize]),
                    1 => f64::from((state % 500) as u32),
                    2 => (state % 50_000) as f64 / 100.0 - 10.0,
                    _ => f64::from((state % 500) as u32) + 0.5,
                };
                values.push(Some(value));
                weights.push(1.0);
                expected[zone_by_search(value, bounds)] += 1;
            }
            assert_eq!(
                seconds_in_zones(&values, &weights, bounds),
                expected,
                "{bounds:?}"
            );
        }
    }

    #[test]
    fn a_value_on_a_bound_is_in_that_zone() {
        let values = [Some(100.0), Some(100.5), Some(250.0), None];
        assert_eq!(seconds_in_zones(&values, &[1.0; 4], &[100, 200]), [1, 2]);
        assert!(seconds_in_zones(&values, &[1.0; 4], &[]).is_empty());
    }
}
