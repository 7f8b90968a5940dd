//! tauri-driver, started on free ports for one test and stopped with it.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct TauriDriver {
    child: Child,
    pub url: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl TauriDriver {
    /// Starts tauri-driver with `env` passed on to the app it launches.
    pub async fn start(env: &[(&str, &Path)]) -> TauriDriver {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "the end-to-end test needs an X display: run it through scripts/test, which starts Xvfb"
        );
        let (port, native) = (free_port(), free_port());
        let mut command = Command::new("tauri-driver");
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .stdout(Stdio::null());
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command
            .spawn()
            .expect("tauri-driver is not installed: run scripts/test, which installs it");
        let url = format!("http://127.0.0.1:{port}");
        let driver = TauriDriver { child, url };
        let deadline = Instant::now() + Duration::from_secs(30);
        let http = reqwest::Client::new();
        while http
            .get(format!("{}/status", driver.url))
            .send()
            .await
            .is_err()
        {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not start listening within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        driver
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
