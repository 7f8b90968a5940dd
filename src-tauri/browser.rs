//! Opening the person's browser for sign-in: the system browser, never an embedded view
//! (RFC 8252 §8.12). `OFFPEAK_BROWSER` names a command to run with the URL instead, like the
//! `BROWSER` convention; the end-to-end test uses it to play the person.

use std::sync::Arc;

/// Shows a URL to the person; `Err` carries a reason for them.
pub type Opener = Arc<dyn Fn(&str) -> Result<(), String> + Send + Sync>;

pub fn system_browser(handle: tauri::AppHandle) -> Opener {
    if let Some(command) = std::env::var_os("OFFPEAK_BROWSER").filter(|c| !c.is_empty()) {
        return Arc::new(move |url: &str| {
            std::process::Command::new(&command)
                .arg(url)
                .spawn()
                .map(drop)
                .map_err(|e| e.to_string())
        });
    }
    Arc::new(move |url: &str| {
        use tauri_plugin_opener::OpenerExt;
        handle
            .opener()
            .open_url(url, None::<&str>)
            .map_err(|e| e.to_string())
    })
}
