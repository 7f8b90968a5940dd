//! Why a chart could not be drawn.

use offpeak_domain::StreamKind;
use serde::Serialize;

/// Every way a chart can fail; none of them carries data from the person's training beyond
/// counts and stream names.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ChartError {
    /// The input holds nothing that can be drawn (no samples, all gaps, all zero).
    #[error("nothing to draw: {what}")]
    NothingToDraw { what: String },
    /// Two inputs that must line up do not.
    #[error("{what} has {found} values where {expected} were expected")]
    MismatchedLengths {
        what: String,
        expected: usize,
        found: usize,
    },
    /// The chart asked for needs a stream the activity does not have.
    #[error("the activity has no {} stream", .0.as_str())]
    MissingStream(StreamKind),
    /// The requested width leaves no room for axes and a plot.
    #[error("a chart needs at least {min} px of width, {requested} px were asked for")]
    TooNarrow { requested: u32, min: u32 },
    /// The drawing backend failed (it writes to memory, so this is not expected).
    #[error("the chart could not be drawn: {0}")]
    Drawing(String),
}

impl ChartError {
    pub(crate) fn nothing(what: impl Into<String>) -> Self {
        ChartError::NothingToDraw { what: what.into() }
    }
}
