//! The rules the calendar and analysis screens apply to cached training: which activity
//! fulfils which plan, how well, the week's totals, fitness and fatigue over time, the best
//! power curve of a period, and a planned workout's steps with their targets made absolute.
//!
//! Everything here is pure and works on values already read from the cache.

pub mod best_curve;
pub mod compliance;
pub mod fitness;
pub mod pairing;
pub mod plan_steps;
pub mod totals;

pub use best_curve::best_curve;
pub use compliance::{Compliance, ComplianceBasis, Verdict, judge};
pub use fitness::{FitnessDay, fitness};
pub use pairing::{Pair, PairedBy, pair};
pub use plan_steps::{PlanStep, StepIntensity, StepTarget, StructureError, TargetKind, plan_steps};
pub use totals::{SportTotals, totals};
