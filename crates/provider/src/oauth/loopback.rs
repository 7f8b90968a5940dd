//! The loopback listener (RFC 8252 §7.3): `127.0.0.1`, a port the OS picks or the first free
//! one of a fixed list, exactly one callback, checked for `state` and `iss` (RFC 9207), and an
//! end on timeout or cancellation.

use super::profile::normalise;
use crate::ProviderError;
use std::collections::HashMap;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

pub const CALLBACK_PATH: &str = "/callback";

/// The longest request head the listener reads; a browser's GET is far shorter.
const MAX_REQUEST_HEAD: usize = 16 * 1024;

/// What a callback must carry to be accepted.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    /// This attempt's `state`.
    pub state: &'a str,
    /// The authorization server's issuer, if known: a callback's `iss` must equal it.
    pub issuer: Option<&'a str>,
}

/// Listens on `127.0.0.1` for the browser's return from the authorization page. It accepts
/// exactly one callback and closes when dropped.
#[derive(Debug)]
pub struct CallbackListener {
    listener: TcpListener,
    port: u16,
}

impl CallbackListener {
    /// Binds a port the OS picks when `ports` is empty, else the first free port of `ports`.
    pub async fn bind(ports: &[u16]) -> Result<CallbackListener, ProviderError> {
        let listener = if ports.is_empty() {
            TcpListener::bind(("127.0.0.1", 0))
                .await
                .map_err(|e| ProviderError::Listener(e.to_string()))?
        } else {
            first_free(ports).await?
        };
        let port = listener
            .local_addr()
            .map_err(|e| ProviderError::Listener(e.to_string()))?
            .port();
        Ok(CallbackListener { listener, port })
    }

    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}{CALLBACK_PATH}", self.port)
    }

    /// Waits up to `timeout` for the callback and returns its authorization code. Requests for
    /// other paths (a browser's favicon, say) get a 404 and do not count. The first callback
    /// decides: a wrong `state` or `iss`, an error or a missing code ends the attempt.
    /// Triggering `cancel` ends the wait at once with [`ProviderError::AuthCancelled`]. In
    /// every case the listener is closed when this returns.
    pub async fn accept_one(
        self,
        expected: Expected<'_>,
        timeout: Duration,
        cancel: &CancellationToken,
    ) -> Result<String, ProviderError> {
        tokio::select! {
            biased;
            () = cancel.cancelled() => Err(ProviderError::AuthCancelled),
            waited = tokio::time::timeout(timeout, self.serve_until_callback(expected)) => {
                waited.map_err(|_| ProviderError::AuthTimeout(timeout))?
            }
        }
    }

    async fn serve_until_callback(&self, expected: Expected<'_>) -> Result<String, ProviderError> {
        loop {
            let (mut stream, _) = self
                .listener
                .accept()
                .await
                .map_err(|e| ProviderError::Listener(e.to_string()))?;
            let Ok(Ok(target)) =
                tokio::time::timeout(Duration::from_secs(10), read_request_target(&mut stream))
                    .await
            else {
                let _ = respond(
                    &mut stream,
                    400,
                    "Bad request",
                    "This address only receives sign-in answers.",
                )
                .await;
                continue;
            };
            let (path, query) = target.split_once('?').unwrap_or((&target, ""));
            if path != CALLBACK_PATH {
                let _ = respond(
                    &mut stream,
                    404,
                    "Not found",
                    "This address only receives sign-in answers.",
                )
                .await;
                continue;
            }
            let params: HashMap<String, String> = url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
            let outcome = judge(&params, expected);
            let (status, title, text) = match &outcome {
                Ok(_) => (
                    200,
                    "Signed in",
                    "Offpeak received the answer and is finishing the connection. You can close this tab and return to Offpeak.",
                ),
                Err(ProviderError::AuthDenied) => (
                    200,
                    "Sign-in cancelled",
                    "Nothing was connected. You can close this tab and return to Offpeak.",
                ),
                Err(ProviderError::StateMismatch | ProviderError::IssuerMismatch { .. }) => (
                    400,
                    "Sign-in not accepted",
                    "This answer did not come from the sign-in Offpeak started, so it was refused. Return to Offpeak and start again.",
                ),
                Err(_) => (
                    400,
                    "Sign-in failed",
                    "The platform did not complete the sign-in. Return to Offpeak to see why and try again.",
                ),
            };
            let _ = respond(&mut stream, status, title, text).await;
            return outcome;
        }
    }
}

/// The first free port of `ports` on `127.0.0.1`; a port in use is skipped, and when none is
/// free the error names them all.
async fn first_free(ports: &[u16]) -> Result<TcpListener, ProviderError> {
    for &port in ports {
        match TcpListener::bind(("127.0.0.1", port)).await {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(ProviderError::Listener(e.to_string())),
        }
    }
    Err(ProviderError::NoFreePort {
        ports: ports
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    })
}

fn judge(
    params: &HashMap<String, String>,
    expected: Expected<'_>,
) -> Result<String, ProviderError> {
    if params.get("state").map(String::as_str) != Some(expected.state) {
        return Err(ProviderError::StateMismatch);
    }
    // RFC 9207: an answer that names its issuer must name the one this attempt went to.
    if let (Some(found), Some(issuer)) = (params.get("iss"), expected.issuer)
        && normalise(found) != normalise(issuer)
    {
        return Err(ProviderError::IssuerMismatch {
            expected: normalise(issuer).to_owned(),
            found: found.clone(),
        });
    }
    if let Some(error) = params.get("error") {
        if error == "access_denied" {
            return Err(ProviderError::AuthDenied);
        }
        return Err(ProviderError::OAuth {
            error: error.clone(),
            description: params.get("error_description").cloned(),
        });
    }
    params
        .get("code")
        .filter(|c| !c.is_empty())
        .cloned()
        .ok_or_else(|| ProviderError::OAuth {
            error: "invalid_request".into(),
            description: Some("no code in the answer".into()),
        })
}

/// Reads a request head and returns the target of a GET (path and query).
async fn read_request_target(stream: &mut TcpStream) -> std::io::Result<String> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 || head.len() + n > MAX_REQUEST_HEAD {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let line = head.split(|b| *b == b'\r').next().unwrap_or_default();
    let line = std::str::from_utf8(line)
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidData))?;
    match line.split(' ').collect::<Vec<_>>()[..] {
        ["GET", target, version] if version.starts_with("HTTP/1.") => Ok(target.to_owned()),
        _ => Err(std::io::ErrorKind::InvalidData.into()),
    }
}

async fn respond(
    stream: &mut TcpStream,
    status: u16,
    title: &str,
    text: &str,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Bad Request",
    };
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} · Offpeak</title>\
         <style>body{{font-family:system-ui,sans-serif;background:#f6f7f9;color:#1d2433;display:grid;place-items:center;height:100vh;margin:0}}\
         main{{background:#fff;border:1px solid #e3e6eb;border-radius:12px;padding:32px 40px;max-width:420px}}\
         h1{{font-size:20px;margin:0 0 8px}}p{{margin:0;line-height:1.5;color:#4a5468}}</style></head>\
         <body><main><h1>{title}</h1><p>{text}</p></main></body></html>"
    );
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::task::JoinHandle;

    fn expect(state: &str) -> Expected<'_> {
        Expected {
            state,
            issuer: Some("http://issuer.example"),
        }
    }

    async fn get(uri: &str) -> (u16, String) {
        let response = reqwest::get(uri).await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// A listener on a port the OS picks, waiting in its own task for the callback of the
    /// attempt whose state is `state`: its redirect URI and the wait.
    async fn listening(state: &'static str) -> (String, JoinHandle<Result<String, ProviderError>>) {
        let listener = CallbackListener::bind(&[]).await.unwrap();
        let uri = listener.redirect_uri();
        let waiting = tokio::spawn(async move {
            let cancel = CancellationToken::new();
            listener
                .accept_one(expect(state), Duration::from_secs(30), &cancel)
                .await
        });
        (uri, waiting)
    }

    #[tokio::test]
    async fn the_matching_callback_yields_the_code_and_other_paths_do_not_count() {
        let (uri, waiting) = listening("st4te").await;
        let base = uri.replace(CALLBACK_PATH, "");
        assert_eq!(get(&format!("{base}/favicon.ico")).await.0, 404);
        let (status, page) = get(&format!("{base}/callback?code=abc&state=st4te")).await;
        assert_eq!(status, 200);
        assert!(page.contains("return to Offpeak"));
        assert_eq!(waiting.await.unwrap().unwrap(), "abc");
        // The listener is gone: a replayed callback finds nobody.
        assert!(
            reqwest::get(format!("{base}/callback?code=abc&state=st4te"))
                .await
                .is_err()
        );
    }

    #[tokio::test]
    async fn a_wrong_state_is_refused() {
        let (uri, waiting) = listening("expected").await;
        assert_eq!(get(&format!("{uri}?code=abc&state=forged")).await.0, 400);
        assert!(matches!(
            waiting.await.unwrap(),
            Err(ProviderError::StateMismatch)
        ));
    }

    #[tokio::test]
    async fn a_denial_is_reported_as_such() {
        let (uri, waiting) = listening("s").await;
        get(&format!("{uri}?error=access_denied&state=s")).await;
        assert!(matches!(
            waiting.await.unwrap(),
            Err(ProviderError::AuthDenied)
        ));
    }

    #[tokio::test(start_paused = true)]
    async fn nobody_coming_back_times_out() {
        let listener = CallbackListener::bind(&[]).await.unwrap();
        let cancel = CancellationToken::new();
        let result = listener
            .accept_one(expect("s"), Duration::from_secs(300), &cancel)
            .await;
        assert!(matches!(result, Err(ProviderError::AuthTimeout(_))));
    }

    #[tokio::test]
    async fn an_answer_naming_another_issuer_is_refused() {
        let (uri, waiting) = listening("s").await;
        let (status, _) = get(&format!(
            "{uri}?code=c&state=s&iss=http%3A%2F%2Fevil.example"
        ))
        .await;
        assert_eq!(status, 400);
        assert!(matches!(
            waiting.await.unwrap(),
            Err(ProviderError::IssuerMismatch { .. })
        ));
    }

    #[tokio::test]
    async fn the_same_issuer_with_a_trailing_slash_is_accepted() {
        let (uri, waiting) = listening("s").await;
        get(&format!(
            "{uri}?code=c&state=s&iss=http%3A%2F%2Fissuer.example%2F"
        ))
        .await;
        assert_eq!(waiting.await.unwrap().unwrap(), "c");
    }
}
