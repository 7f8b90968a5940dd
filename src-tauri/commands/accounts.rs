//! Commands of the accounts screen and the sign-in forms.

use crate::account_views::{
    AccountView, ApiKeyLoginRequest, DisconnectReport, ProviderView, RegisterAppRequest,
    RegistrationView,
};
use crate::app::App;
use crate::error::ApiError;
use tauri::State;

#[tauri::command]
pub fn list_providers(app: State<'_, App>) -> Vec<ProviderView> {
    app.list_providers()
}

#[tauri::command]
pub async fn list_accounts(app: State<'_, App>) -> Result<Vec<AccountView>, ApiError> {
    app.list_accounts().await
}

#[tauri::command]
pub async fn list_registrations(app: State<'_, App>) -> Result<Vec<RegistrationView>, ApiError> {
    app.list_registrations().await
}

#[tauri::command]
pub async fn register_app(
    app: State<'_, App>,
    request: RegisterAppRequest,
) -> Result<RegistrationView, ApiError> {
    app.register_app(request).await
}

#[tauri::command]
pub async fn forget_app(app: State<'_, App>, registration_id: String) -> Result<(), ApiError> {
    app.forget_app(registration_id).await
}

#[tauri::command]
pub async fn login_oauth(
    app: State<'_, App>,
    registration_id: String,
) -> Result<AccountView, ApiError> {
    app.login_oauth(registration_id).await
}

#[tauri::command]
pub async fn reconnect(
    app: State<'_, App>,
    connection_id: String,
    live_updates: bool,
) -> Result<AccountView, ApiError> {
    app.reconnect(connection_id, live_updates).await
}

#[tauri::command]
pub fn cancel_login(app: State<'_, App>) {
    app.cancel_login()
}

#[tauri::command]
pub async fn login_api_key(
    app: State<'_, App>,
    request: ApiKeyLoginRequest,
) -> Result<AccountView, ApiError> {
    app.login_api_key(request).await
}

#[tauri::command]
pub async fn disconnect(
    app: State<'_, App>,
    connection_id: String,
    purge: bool,
) -> Result<DisconnectReport, ApiError> {
    app.disconnect(connection_id, purge).await
}

#[tauri::command]
pub async fn set_live_updates(
    app: State<'_, App>,
    connection_id: String,
    on: bool,
) -> Result<AccountView, ApiError> {
    app.set_live_updates(connection_id, on).await
}

#[tauri::command]
pub async fn start_demo(app: State<'_, App>) -> Result<AccountView, ApiError> {
    app.start_demo().await
}
