//! Commands of the coach overview.

use crate::app::App;
use crate::coach_views::CoachOverview;
use crate::error::ApiError;
use tauri::State;

#[tauri::command]
pub async fn coach_overview(
    app: State<'_, App>,
    connection_id: String,
    week: Option<String>,
) -> Result<CoachOverview, ApiError> {
    app.coach_overview(connection_id, week).await
}
