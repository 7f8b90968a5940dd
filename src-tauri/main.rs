//! Offpeak, the desktop app: a thin Tauri shell over the library crates.
//!
//! The shell owns the window, the system browser and the app's state (the cache, the keychain,
//! the HTTP client, the demo server). Each command in `commands/` is a one-line delegation to
//! `app`, which holds the logic and knows nothing of Tauri, so it is tested without a window.
//! While the window is open the background schedule syncs every connection, and every progress
//! report reaches the window as a `sync-progress` event.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod account_views;
mod accounts;
mod analysis;
mod analysis_views;
mod app;
#[cfg(test)]
mod browse_bench;
mod browser;
mod browsing;
mod calendar_view;
mod calendar_views;
mod chart_views;
mod coach;
mod coach_views;
mod commands;
mod display;
mod error;
mod export_formats;
mod export_views;
mod exports;
mod fitness;
#[cfg(test)]
mod ipc_secret_scan;
mod live_updates;
mod sync_views;
mod syncing;
#[cfg(test)]
mod test_world;
mod views;
mod window_setup;

use tauri::{Emitter, Manager, RunEvent};

fn main() {
    window_setup::prepare_web_process();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("OFFPEAK_LOG")
                .unwrap_or_else(|_| "warn,offpeak=info".into()),
        )
        .init();

    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .setup(|tauri_app| {
            window_setup::configure(tauri_app)?;
            let opener = browser::system_browser(tauri_app.handle().clone());
            // `$OFFPEAK_EXPORT_DIR` (tests, portable installs), else the Downloads folder.
            let exports_dir = match std::env::var_os("OFFPEAK_EXPORT_DIR").filter(|d| !d.is_empty())
            {
                Some(dir) => std::path::PathBuf::from(dir),
                None => tauri_app.path().download_dir().or_else(|_| {
                    tauri_app
                        .path()
                        .home_dir()
                        .map(|home| home.join("Downloads"))
                })?,
            };
            let state = tauri::async_runtime::block_on(app::App::open(
                offpeak_sync::paths::data_dir(),
                exports_dir,
                opener,
            ))?;
            let window = tauri_app.handle().clone();
            tauri::async_runtime::block_on(async {
                state.start_background(move |progress| {
                    if let Err(e) = window.emit(sync_views::SYNC_PROGRESS_EVENT, progress) {
                        tracing::warn!("a sync progress event could not be sent: {e}");
                    }
                });
            });
            tauri_app.manage(state);
            let handle = tauri_app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let window = handle.clone();
                let notify = move |connection: String| {
                    if let Err(e) = window.emit(sync_views::CACHE_CHANGED_EVENT, connection) {
                        tracing::warn!("a cache change could not be told to the window: {e}");
                    }
                };
                handle.state::<app::App>().resume_live_updates(notify).await;
            });
            Ok(())
        })
        .on_page_load(window_setup::show_when_loaded)
        .invoke_handler(tauri::generate_handler![
            commands::accounts::list_providers,
            commands::accounts::list_accounts,
            commands::accounts::list_registrations,
            commands::accounts::register_app,
            commands::accounts::forget_app,
            commands::accounts::login_oauth,
            commands::accounts::reconnect,
            commands::accounts::cancel_login,
            commands::accounts::login_api_key,
            commands::accounts::disconnect,
            commands::accounts::start_demo,
            commands::accounts::set_live_updates,
            commands::calendar::calendar,
            commands::calendar::list_athletes,
            commands::analysis::activity_page,
            commands::analysis::workout_page,
            commands::analysis::fitness,
            commands::coach::coach_overview,
            commands::display::display_settings,
            commands::display::save_display_settings,
            commands::exports::export_plan_ics,
            commands::exports::export_activities_csv,
            commands::exports::export_chart,
            commands::sync::sync_now,
            commands::sync::cancel_sync,
            commands::sync::sync_progress,
            commands::sync::sync_settings,
            commands::sync::save_sync_settings,
            commands::sync::open_activity,
        ])
        .build(tauri::generate_context!())
        .expect("Offpeak could not start its window")
        .run(|handle, event| {
            if let RunEvent::Exit = event {
                handle.state::<app::App>().stop_background();
            }
        });
}
