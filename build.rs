//! Generates the Tauri context and the permissions of the app's own commands.

const COMMANDS: &[&str] = &[
    "list_connections",
    "connect_velopeak",
    "start_demo",
    "sync_now",
    "calendar_month",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
