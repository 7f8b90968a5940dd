//! Commands of the display settings.

use crate::app::App;
use crate::error::ApiError;
use crate::export_views::DisplaySettings;
use tauri::State;

#[tauri::command]
pub async fn display_settings(app: State<'_, App>) -> Result<DisplaySettings, ApiError> {
    app.display_settings().await
}

#[tauri::command]
pub async fn save_display_settings(
    app: State<'_, App>,
    settings: DisplaySettings,
) -> Result<DisplaySettings, ApiError> {
    app.save_display_settings(settings).await
}
