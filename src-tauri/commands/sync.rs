//! Commands of the sync progress bars, the sync settings panel and an opened activity.

use crate::app::App;
use crate::error::ApiError;
use crate::sync_views::{SyncProgressView, SyncSettingsView};
use crate::views::SyncReport;
use tauri::State;

#[tauri::command]
pub async fn sync_now(app: State<'_, App>, connection_id: String) -> Result<SyncReport, ApiError> {
    app.sync_now(connection_id).await
}

#[tauri::command]
pub fn cancel_sync(app: State<'_, App>, connection_id: String) -> bool {
    app.cancel_sync(connection_id)
}

#[tauri::command]
pub fn sync_progress(app: State<'_, App>) -> Vec<SyncProgressView> {
    app.sync_progress()
}

#[tauri::command]
pub async fn sync_settings(app: State<'_, App>) -> Result<SyncSettingsView, ApiError> {
    app.sync_settings().await
}

#[tauri::command]
pub async fn save_sync_settings(
    app: State<'_, App>,
    settings: SyncSettingsView,
) -> Result<SyncSettingsView, ApiError> {
    app.save_sync_settings(settings).await
}

#[tauri::command]
pub async fn open_activity(
    app: State<'_, App>,
    connection_id: String,
    activity_id: String,
) -> Result<bool, ApiError> {
    app.open_activity(connection_id, activity_id).await
}
