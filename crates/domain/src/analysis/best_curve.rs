//! The best power-duration curve of a period: for each duration, the best of the activities'
//! curves.

/// The highest watts for each duration found in any of `curves` (each `(seconds, watts)`,
/// shortest first), shortest first; durations only some curves reach are kept.
pub fn best_curve<'a>(curves: impl IntoIterator<Item = &'a [(u32, f64)]>) -> Vec<(u32, f64)> {
    let _ = curves.into_iter();
    todo!()
}
