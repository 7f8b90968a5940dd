//! Commands of the calendar screens.

use crate::app::App;
use crate::calendar_views::{AthleteChoice, CalendarRequest, CalendarView};
use crate::error::ApiError;
use tauri::State;

#[tauri::command]
pub async fn calendar(
    app: State<'_, App>,
    request: CalendarRequest,
) -> Result<CalendarView, ApiError> {
    app.calendar(request).await
}

#[tauri::command]
pub async fn list_athletes(app: State<'_, App>) -> Result<Vec<AthleteChoice>, ApiError> {
    app.list_athletes().await
}
