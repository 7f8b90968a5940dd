//! The power-duration curve of one activity: the best mean power held for each standard
//! duration, from power laid out on a one-second grid.

/// The durations of the curve, in seconds: 1 s up to 24 h. A curve lists those that fit in the
/// activity.
pub const DURATIONS_S: [u32; 30] = [
    1, 2, 5, 10, 15, 20, 30, 45, // seconds
    60, 120, 180, 300, 480, 600, 720, 900, 1200, 1800, 2700, // minutes
    3600, 5400, 7200, 10_800, 14_400, 18_000, 21_600, 28_800, 36_000, 43_200, 86_400, // hours
];

/// The best mean power for each duration of [`DURATIONS_S`] no longer than `per_second`, as
/// `(seconds, watts)` with watts unrounded, shortest first. Linear in the length of the series
/// for each duration (prefix sums).
pub(crate) fn best_efforts(per_second: &[f64]) -> Vec<(u32, f64)> {
    let mut prefix = Vec::with_capacity(per_second.len() + 1);
    let mut total = 0.0;
    prefix.push(total);
    for watts in per_second {
        total += watts;
        prefix.push(total);
    }
    DURATIONS_S
        .iter()
        .map(|&seconds| (seconds, seconds as usize))
        .filter(|&(_, len)| len <= per_second.len())
        .map(|(seconds, len)| {
            let best_sum = best_window_sum(&prefix[len..], &prefix[..prefix.len() - len]);
            (seconds, best_sum / f64::from(seconds))
        })
        .collect()
}

/// The largest `end − start` over paired prefix sums, in eight independent lanes so that the
/// comparisons do not wait on each other.
fn best_window_sum(ends: &[f64], starts: &[f64]) -> f64 {
    const LANES: usize = 8;
    let mut best = [f64::NEG_INFINITY; LANES];
    let end_chunks = ends.chunks_exact(LANES);
    let start_chunks = starts.chunks_exact(LANES);
    let tail = end_chunks.remainder().iter().zip(start_chunks.remainder());
    for (end, start) in end_chunks.zip(start_chunks) {
        for lane in 0..LANES {
            let sum = end[lane] - start[lane];
            best[lane] = if sum > best[lane] { sum } else { best[lane] };
        }
    }
    let tail_best = tail.map(|(end, start)| end - start);
    best.into_iter()
        .chain(tail_best)
        .fold(f64::NEG_INFINITY, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_increasing() {
        assert!(DURATIONS_S.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn the_best_window_is_found_wherever_it_is() {
        let curve = best_efforts(&[100.0, 400.0, 200.0, 0.0, 300.0]);
        assert_eq!(curve, [(1, 400.0), (2, 300.0), (5, 200.0)]);
        assert!(best_efforts(&[]).is_empty());
    }
}
