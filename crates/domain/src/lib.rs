//! Offpeak's vocabulary: the athletes, planned workouts and completed activities that every other
//! crate passes around, and the pure rules over them (how a month is laid out as a calendar grid,
//! whether a planned workout was done, missed or is still ahead).
//!
//! This crate does no I/O. It depends on `serde` and `chrono` only, so every rule here is tested
//! with plain values.

pub mod calendar;
pub mod connection;
#[cfg(any(test, feature = "samples"))]
pub mod samples;
mod sensitive;
pub mod training;

pub use calendar::{CalendarEntry, CalendarGrid, Month, PlanStatus, entries_by_day, plan_status};
pub use connection::{AuthKind, ConnectionId, ConnectionStatus, ProviderKind, Scope};
pub use sensitive::Sensitive;
pub use training::{Activity, Athlete, Sport, Workout};
