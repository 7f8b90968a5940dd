//! Where Offpeak keeps its cache on this computer, shared by the app and the CLI.

use std::path::PathBuf;

/// The directory name under the platform's data directory.
pub const APP_DIR: &str = "offpeak";

/// `$OFFPEAK_DATA_DIR` if set (tests, portable installs), else `$XDG_DATA_HOME/offpeak`, else
/// `~/.local/share/offpeak`.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("OFFPEAK_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join(APP_DIR);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    home.join(".local/share").join(APP_DIR)
}

/// The cache file inside a data directory.
pub fn cache_file(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("cache.sqlite")
}
