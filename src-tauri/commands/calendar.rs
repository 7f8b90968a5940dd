//! Commands of the calendar screen.

use crate::app::App;
use crate::error::ApiError;
use crate::views::CalendarMonth;
use tauri::State;

#[tauri::command]
pub async fn calendar_month(
    app: State<'_, App>,
    month: Option<String>,
) -> Result<CalendarMonth, ApiError> {
    app.calendar_month(month).await
}
