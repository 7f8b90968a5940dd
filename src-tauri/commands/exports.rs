//! Commands of the exports.

use crate::app::App;
use crate::error::ApiError;
use crate::export_views::{ChartExport, ExportRequest, ExportedFile};
use tauri::State;

#[tauri::command]
pub async fn export_plan_ics(
    app: State<'_, App>,
    request: ExportRequest,
) -> Result<ExportedFile, ApiError> {
    app.export_plan_ics(request).await
}

#[tauri::command]
pub async fn export_activities_csv(
    app: State<'_, App>,
    request: ExportRequest,
) -> Result<ExportedFile, ApiError> {
    app.export_activities_csv(request).await
}

#[tauri::command]
pub async fn export_chart(
    app: State<'_, App>,
    request: ChartExport,
) -> Result<ExportedFile, ApiError> {
    app.export_chart(request).await
}
