//! Generates the Tauri context and the permissions of the app's own commands.

const COMMANDS: &[&str] = &[
    "list_providers",
    "list_accounts",
    "list_registrations",
    "register_app",
    "forget_app",
    "login_oauth",
    "reconnect",
    "cancel_login",
    "login_api_key",
    "disconnect",
    "start_demo",
    "set_live_updates",
    "calendar",
    "list_athletes",
    "activity_page",
    "workout_page",
    "fitness",
    "coach_overview",
    "export_plan_ics",
    "export_activities_csv",
    "export_chart",
    "display_settings",
    "save_display_settings",
    "sync_now",
    "cancel_sync",
    "sync_progress",
    "sync_settings",
    "save_sync_settings",
    "open_activity",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
