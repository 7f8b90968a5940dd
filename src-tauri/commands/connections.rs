//! Commands of the welcome screen and the top bar: connecting and syncing accounts.

use crate::app::App;
use crate::error::ApiError;
use crate::views::{ConnectRequest, ConnectionView, SyncReport};
use tauri::State;

#[tauri::command]
pub async fn list_connections(app: State<'_, App>) -> Result<Vec<ConnectionView>, ApiError> {
    app.list_connections().await
}

#[tauri::command]
pub async fn connect_velopeak(
    app: State<'_, App>,
    request: ConnectRequest,
) -> Result<ConnectionView, ApiError> {
    app.connect_velopeak(request).await
}

#[tauri::command]
pub async fn start_demo(app: State<'_, App>) -> Result<ConnectionView, ApiError> {
    app.start_demo().await
}

#[tauri::command]
pub async fn sync_now(app: State<'_, App>, connection_id: String) -> Result<SyncReport, ApiError> {
    app.sync_now(connection_id).await
}
