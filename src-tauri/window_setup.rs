//! How the window comes up: hidden until its page has loaded, painted by the CPU, its web
//! process started lean.
//!
//! Each choice comes from measuring the start-up and memory budgets (`scripts/bench window`,
//! BENCHMARKS.md "Screens"):
//! - A window shown before its web process is ready makes WebKitGTK's first draw wait for a
//!   frame the web process cannot give yet; the wait ends on a 500 ms timeout. Shown once the
//!   page has loaded, the first draw has its frame and the calendar is painted 0.5 s sooner
//!   (and no empty white window flashes up).
//! - The app draws calendars and SVG charts, with no WebGL, video or 3-D transforms. Composited
//!   through GL they cost 100–200 MB more in the web process (GL buffers and tile caches, held in
//!   RAM where the GL is Mesa's software one); WebKit's documented policy turns it off. The price
//!   is painting on a slow CPU: on a 2-core machine without GPU a busy month takes 110 ms median
//!   from click to pixels, 310–350 ms p90 (BENCHMARKS.md).
//! - The page's JavaScript is glue (the charts are drawn in Rust): JavaScriptCore's interpreter
//!   gives the same cold start and month view as its JIT compilers, which cost 20–40 MB of code
//!   and profiles while browsing. They are off unless the environment says otherwise, which also
//!   removes the JIT from what a hostile page could aim at.
//! - The web process's heap is collected early and its frames are not double-handled: see
//!   `WEB_PROCESS_ENVIRONMENT`.

use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{Manager, Runtime, Webview};

/// What the web process is told through its environment (it inherits the app's), each unless
/// the environment sets it already:
/// - JavaScriptCore's JIT compilers off;
/// - its heap collected from 8 MB on rather than 32 MB: the page keeps a few MB of live objects
///   and makes a few MB of garbage per screen, which otherwise piles up to 32 MB before the
///   first collection;
/// - WebKitGTK's DMA-BUF renderer off: with compositing off it only adds a second set of
///   shared-memory frame buffers between the web process and the window.
#[cfg(target_os = "linux")]
const WEB_PROCESS_ENVIRONMENT: [(&str, &str); 3] = [
    ("JSC_useJIT", "false"),
    ("JSC_largeHeapSize", "8388608"),
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
];

/// Sets the web process's environment (see `WEB_PROCESS_ENVIRONMENT`). Call it first thing in
/// `main`, before any thread starts.
pub fn prepare_web_process() {
    #[cfg(target_os = "linux")]
    for (name, value) in WEB_PROCESS_ENVIRONMENT {
        if std::env::var_os(name).is_none() {
            // SAFETY: called before any other thread exists, so nothing reads the environment
            // while it changes.
            unsafe { std::env::set_var(name, value) };
        }
    }
}

/// The window's label in `tauri.conf.json`.
const MAIN_WINDOW: &str = "main";

/// Sets the main window's rendering policy (before its page has painted anything).
pub fn configure<R: Runtime>(app: &tauri::App<R>) -> tauri::Result<()> {
    let Some(window) = app.get_webview_window(MAIN_WINDOW) else {
        return Ok(());
    };
    #[cfg(target_os = "linux")]
    window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    })?;
    #[cfg(not(target_os = "linux"))]
    let _ = window;
    Ok(())
}

/// Shows the window once its page has loaded (it starts hidden, see `tauri.conf.json`).
pub fn show_when_loaded<R: Runtime>(webview: &Webview<R>, payload: &PageLoadPayload<'_>) {
    if payload.event() != PageLoadEvent::Finished {
        return;
    }
    if let Err(e) = webview.window().show() {
        tracing::error!("the window could not be shown: {e}");
    }
}
