//! Fitting a long series into a plot a few hundred pixels wide: the plot's width is cut into
//! pixel columns; each column keeps its minimum and maximum sample (so a one-second spike
//! survives) for drawing, and one value for the cross-hair. A missing sample is a gap: it ends
//! a run, and a run is never joined across it.

/// A plot's x-range cut into equal pixel columns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Columns {
    pub x_min: f64,
    pub x_max: f64,
    pub count: usize,
}

impl Columns {
    /// `count` columns over `x_min..=x_max` (at least one; an empty range is widened by one).
    pub fn new(x_min: f64, x_max: f64, count: usize) -> Columns {
        let x_max = if x_max > x_min { x_max } else { x_min + 1.0 };
        Columns {
            x_min,
            x_max,
            count: count.max(1),
        }
    }

    fn width(&self) -> f64 {
        (self.x_max - self.x_min) / self.count as f64
    }

    /// The column `x` falls in (values outside the range go to the first or last column).
    pub fn index(&self, x: f64) -> usize {
        let at = ((x - self.x_min) / self.width()).floor();
        if at <= 0.0 {
            0
        } else {
            (at as usize).min(self.count - 1)
        }
    }

    /// Each column's middle x, ascending.
    pub fn centres(&self) -> Vec<f64> {
        let width = self.width();
        (0..self.count)
            .map(|i| self.x_min + (i as f64 + 0.5) * width)
            .collect()
    }
}

/// The points to draw for a series sampled at ascending `xs`: runs between gaps, each keeping
/// per column its minimum and maximum in the order they occur (one point when they coincide).
/// A run holds at most two points per column it crosses. `xs` and `values` are read pairwise.
pub fn min_max(xs: &[f64], values: &[Option<f64>], columns: &Columns) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    let mut bucket: Option<Bucket> = None;
    for (&x, value) in xs.iter().zip(values) {
        match value.filter(|v| v.is_finite()) {
            None => {
                if let Some(done) = bucket.take() {
                    done.push_into(&mut run);
                }
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
            Some(y) => {
                let column = columns.index(x);
                match bucket.as_mut() {
                    Some(open) if open.column == column => open.add(x, y),
                    _ => {
                        if let Some(done) = bucket.take() {
                            done.push_into(&mut run);
                        }
                        bucket = Some(Bucket::new(column, x, y));
                    }
                }
            }
        }
    }
    if let Some(done) = bucket {
        done.push_into(&mut run);
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// One value per column for the cross-hair: the mean of the column's samples; `None` where the
/// column's samples are all gaps; where a column holds no sample at all (data sparser than
/// pixels), the sample nearest the column's middle, gap or not.
pub fn column_values(xs: &[f64], values: &[Option<f64>], columns: &Columns) -> Vec<Option<f64>> {
    let mut sums = vec![0.0; columns.count];
    let mut counts = vec![0u32; columns.count];
    let mut touched = vec![false; columns.count];
    for (&x, value) in xs.iter().zip(values) {
        let column = columns.index(x);
        touched[column] = true;
        if let Some(v) = value.filter(|v| v.is_finite()) {
            sums[column] += v;
            counts[column] += 1;
        }
    }
    let centres = columns.centres();
    (0..columns.count)
        .map(|c| {
            if counts[c] > 0 {
                Some(sums[c] / f64::from(counts[c]))
            } else if touched[c] {
                None
            } else {
                nearest(xs, values, centres[c])
            }
        })
        .collect()
}

fn nearest(xs: &[f64], values: &[Option<f64>], x: f64) -> Option<f64> {
    let len = xs.len().min(values.len());
    if len == 0 {
        return None;
    }
    let after = xs[..len].partition_point(|v| *v < x);
    let pick = match after {
        0 => 0,
        a if a == len => len - 1,
        a if x - xs[a - 1] <= xs[a] - x => a - 1,
        a => a,
    };
    values[pick].filter(|v| v.is_finite())
}

struct Bucket {
    column: usize,
    min: (f64, f64),
    max: (f64, f64),
}

impl Bucket {
    fn new(column: usize, x: f64, y: f64) -> Bucket {
        Bucket {
            column,
            min: (x, y),
            max: (x, y),
        }
    }

    fn add(&mut self, x: f64, y: f64) {
        if y < self.min.1 {
            self.min = (x, y);
        }
        if y > self.max.1 {
            self.max = (x, y);
        }
    }

    fn push_into(self, run: &mut Vec<(f64, f64)>) {
        if self.min == self.max {
            run.push(self.min);
        } else if self.min.0 <= self.max.0 {
            run.extend([self.min, self.max]);
        } else {
            run.extend([self.max, self.min]);
        }
    }
}
