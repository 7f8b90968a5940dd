//! Offpeak's vocabulary: the athletes, planned workouts and completed activities that every other
//! crate passes around, and the pure rules over them (how a month is laid out as a calendar grid,
//! whether a planned workout was done, missed or is still ahead), streams, notes and wellness.
//!
//! This crate does no I/O. It depends on `serde` and `chrono` only, so every rule here is tested
//! with plain values.

pub mod analysis;
pub mod calendar;
pub mod connection;
pub mod figures;
pub mod laps;
pub mod notes;
#[cfg(any(test, feature = "samples"))]
pub mod samples;
mod sensitive;
pub mod streams;
pub mod training;
pub mod wellness;

pub use calendar::{
    CalendarEntry, CalendarGrid, Month, PlanStatus, Week, entries_by_day, plan_status,
};
pub use connection::{AuthKind, ConnectionId, ConnectionStatus, ProviderKind, Scope};
pub use figures::ActivityFigures;
pub use laps::Lap;
pub use notes::{CalendarNote, NoteKind};
pub use sensitive::Sensitive;
pub use streams::{StreamData, StreamKind, Streams};
pub use training::{Activity, Athlete, RacePriority, Sport, Workout};
pub use wellness::Wellness;
