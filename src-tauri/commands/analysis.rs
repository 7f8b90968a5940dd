//! Commands of the analysis screens.

use crate::analysis_views::{ActivityPage, ChartRequest, FitnessRequest, FitnessView, WorkoutPage};
use crate::app::App;
use crate::error::ApiError;
use tauri::State;

#[tauri::command]
pub async fn activity_page(
    app: State<'_, App>,
    connection_id: String,
    activity_id: String,
    chart: ChartRequest,
) -> Result<ActivityPage, ApiError> {
    app.activity_page(connection_id, activity_id, chart).await
}

#[tauri::command]
pub async fn workout_page(
    app: State<'_, App>,
    connection_id: String,
    workout_id: String,
    chart: ChartRequest,
) -> Result<WorkoutPage, ApiError> {
    app.workout_page(connection_id, workout_id, chart).await
}

#[tauri::command]
pub async fn fitness(
    app: State<'_, App>,
    request: FitnessRequest,
) -> Result<FitnessView, ApiError> {
    app.fitness(request).await
}
