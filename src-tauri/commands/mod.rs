//! Tauri commands, one module per screen. Each is a one-line delegation to [`crate::app::App`].

pub mod accounts;
pub mod analysis;
pub mod calendar;
pub mod coach;
pub mod display;
pub mod exports;
pub mod sync;
