//! The time axis of an activity's samples: when each sample was recorded, how long each one
//! stands for, and a series laid out on a one-second grid.

use crate::streams::{StreamKind, Streams};

/// The most a single sample counts for in time in zones and in heart-rate load, in seconds. A
/// sample followed by a gap in the time stream (the recorder paused, or lost samples) stands for
/// the time to the next sample up to this cap, so a paused stop is not counted as time spent at
/// the effort recorded just before it.
pub const MAX_SAMPLE_WEIGHT_S: f64 = 10.0;

/// The longest span laid on the one-second grid: seven days. A damaged time stream cannot make
/// the grid any larger; samples recorded after that span are left out.
pub const MAX_GRID_S: usize = 7 * 24 * 3600;

/// When each of `n` samples was recorded, in seconds. Without a time stream the samples are one
/// second apart; a missing (or non-finite) time is the previous sample's plus one second.
pub(crate) fn sample_times(streams: &Streams, n: usize) -> Vec<f64> {
    let recorded = streams.scalar(StreamKind::Time).unwrap_or(&[]);
    let mut times = Vec::with_capacity(n);
    let mut previous: Option<f64> = None;
    for i in 0..n {
        let time = recorded
            .get(i)
            .copied()
            .flatten()
            .filter(|t| t.is_finite())
            .unwrap_or_else(|| previous.map_or(i as f64, |p| p + 1.0));
        times.push(time);
        previous = Some(time);
    }
    times
}

/// How long each sample stands for, in seconds: the time to the next sample, never negative and
/// at most [`MAX_SAMPLE_WEIGHT_S`]; the last sample stands for one recording interval.
pub(crate) fn sample_weights(times: &[f64]) -> Vec<f64> {
    let mut weights: Vec<f64> = times
        .windows(2)
        .map(|pair| (pair[1] - pair[0]).clamp(0.0, MAX_SAMPLE_WEIGHT_S))
        .collect();
    if !times.is_empty() {
        weights.push(recording_interval_s(times) as f64);
    }
    weights
}

/// A series on a one-second grid that starts at the first sample. Each sample holds its value
/// for one recording interval (the median spacing of the samples, 1 s for 1 Hz data), or until
/// the next sample if that comes sooner; samples sharing a second are averaged. Seconds that no
/// sample covers — a gap in the recording — are 0, and so are dropouts: GoldenCheetah's
/// convention for power, which keeps a best effort from bridging a pause.
pub(crate) fn per_second(times: &[f64], values: &[Option<f64>]) -> Vec<f64> {
    let n = times.len().min(values.len());
    if n == 0 {
        return Vec::new();
    }
    let start = times[0];
    let hold = recording_interval_s(&times[..n]);
    // Truncation is the floor here: offsets before the start are 0.
    let second_of = |time: f64| {
        let offset = time - start;
        if offset > 0.0 { offset as usize } else { 0 }
    };
    let mut sums: Vec<f64> = Vec::with_capacity(n);
    let mut counts: Vec<u32> = Vec::with_capacity(n);
    let mut earliest = 0;
    for i in 0..n {
        let first = second_of(times[i]).max(earliest);
        if first >= MAX_GRID_S {
            break;
        }
        let next = times
            .get(i + 1)
            .filter(|_| i + 1 < n)
            .map(|&t| second_of(t));
        let end = next
            .map_or(first + hold, |next| next.min(first + hold))
            .max(first + 1)
            .min(MAX_GRID_S);
        if sums.len() < end {
            sums.resize(end, 0.0);
            counts.resize(end, 0);
        }
        let value = values[i].filter(|v| v.is_finite()).unwrap_or(0.0);
        for second in first..end {
            sums[second] += value;
            counts[second] += 1;
        }
        earliest = first;
    }
    sums.iter()
        .zip(&counts)
        .map(|(&sum, &count)| {
            if count == 0 {
                0.0
            } else {
                sum / f64::from(count)
            }
        })
        .collect()
}

/// The recording interval in whole seconds: the (lower) median spacing of the samples, rounded
/// and kept from 1 to [`MAX_SAMPLE_WEIGHT_S`]. Counted, not sorted: spacings are tallied by
/// whole second.
fn recording_interval_s(times: &[f64]) -> usize {
    const LONGEST: usize = MAX_SAMPLE_WEIGHT_S as usize;
    let mut tally = [0usize; LONGEST + 1];
    for pair in times.windows(2) {
        let spacing = pair[1] - pair[0];
        if spacing > 0.0 {
            // Rounds half up (spacings are positive) without a call into libm.
            tally[((spacing + 0.5) as usize).clamp(1, LONGEST)] += 1;
        }
    }
    let spacings: usize = tally.iter().sum();
    if spacings == 0 {
        return 1;
    }
    let middle = (spacings - 1) / 2;
    let mut seen = 0;
    for (seconds, count) in tally.iter().enumerate() {
        seen += count;
        if seen > middle {
            return seconds;
        }
    }
    LONGEST
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hertz_samples_fill_one_second_each() {
        let times = [0.0, 1.0, 2.0];
        let grid = per_second(&times, &[Some(100.0), None, Some(300.0)]);
        assert_eq!(grid, [100.0, 0.0, 300.0]);
        assert_eq!(sample_weights(&times), [1.0, 1.0, 1.0]);
    }

    #[test]
    fn a_gap_in_time_is_zero_and_a_sparse_recording_holds_its_values() {
        let grid = per_second(&[0.0, 1.0, 5.0], &[Some(100.0), Some(200.0), Some(50.0)]);
        assert_eq!(grid, [100.0, 200.0, 0.0, 0.0, 0.0, 50.0]);
        let every_two = per_second(&[0.0, 2.0, 4.0], &[Some(100.0), Some(200.0), Some(300.0)]);
        assert_eq!(every_two, [100.0, 100.0, 200.0, 200.0, 300.0, 300.0]);
    }

    #[test]
    fn samples_within_one_second_are_averaged_and_time_never_runs_back() {
        let grid = per_second(
            &[0.0, 0.5, 1.0, 0.2],
            &[Some(100.0), Some(200.0), Some(60.0), Some(80.0)],
        );
        assert_eq!(grid, [150.0, 70.0]);
    }

    #[test]
    fn missing_times_follow_the_previous_one() {
        let mut streams = Streams::default();
        let time = vec![Some(10.0), None, Some(f64::NAN), Some(20.0)];
        streams.insert(StreamKind::Time, crate::StreamData::Scalar(time));
        assert_eq!(sample_times(&streams, 5), [10.0, 11.0, 12.0, 20.0, 21.0]);
        assert_eq!(sample_weights(&[0.0, 30.0, 29.0]), [10.0, 0.0, 10.0]);
        assert_eq!(sample_weights(&[0.0, 2.0, 4.0]), [2.0, 2.0, 2.0]);
    }
}
