//! Helpers for the end-to-end tests: a small W3C WebDriver client and the processes around it.

pub mod driver;
pub mod launch;
pub mod memory;
pub mod screens;
pub mod webdriver;
