//! Offpeak, the desktop app: a thin Tauri shell over the library crates.
//!
//! The shell owns the window, the system browser and the app's state (the cache, the keychain,
//! the HTTP client, the demo server). Each command in `commands/` is a one-line delegation to
//! `app`, which holds the logic and knows nothing of Tauri, so it is tested without a window.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;
mod browser;
mod calendar_view;
mod commands;
mod error;
mod views;

use tauri::Manager;

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("OFFPEAK_LOG")
                .unwrap_or_else(|_| "warn,offpeak=info".into()),
        )
        .init();

    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .setup(|tauri_app| {
            let opener = browser::system_browser(tauri_app.handle().clone());
            let state = tauri::async_runtime::block_on(app::App::open(
                offpeak_sync::paths::data_dir(),
                opener,
            ))?;
            tauri_app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::connections::list_connections,
            commands::connections::connect_velopeak,
            commands::connections::start_demo,
            commands::connections::sync_now,
            commands::calendar::calendar_month,
        ])
        .run(tauri::generate_context!())
        .expect("Offpeak could not start its window");
}
