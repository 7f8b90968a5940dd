//! A recording relay: an HTTP forward proxy on 127.0.0.1:0 that passes every byte between a
//! client and the sandbox untouched (gzip bodies stay gzip) and notes each request line on its
//! way. A client built with [`Relay::client`] sends everything through it, so the list of
//! requests is exactly the one the sync made: nothing is reconstructed.

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One request as its request line named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The absolute address asked for (a proxy is sent the absolute form).
    pub url: String,
}

impl Request {
    /// The path under `/api/v1/`, without the query: `activities`, `activities/ID/streams`…
    pub fn api_path(&self) -> Option<&str> {
        let rest = self.url.split("/api/v1/").nth(1)?;
        Some(rest.split('?').next().unwrap_or(rest))
    }
}

pub struct Relay {
    address: String,
    seen: Arc<Mutex<Vec<Request>>>,
    task: JoinHandle<()>,
}

impl Relay {
    /// Starts relaying to `upstream` (`host:port`).
    pub async fn start(upstream: String) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("the relay binds on loopback");
        let address = listener.local_addr().expect("a bound address").to_string();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (upstream, log) = (upstream.clone(), log.clone());
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(&upstream).await {
                        relay(client, server, log).await;
                    }
                });
            }
        });
        Relay {
            address,
            seen,
            task,
        }
    }

    /// An HTTP client with the settings of `offpeak_provider::http_client` (gzip, no
    /// redirects, its timeouts), sending every request through this relay.
    pub fn client(&self) -> reqwest::Client {
        let proxy = reqwest::Proxy::http(format!("http://{}", self.address))
            .expect("the relay's address is valid");
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .proxy(proxy)
            .build()
            .expect("the HTTP client builds")
    }

    /// The requests relayed so far, forgetting them.
    pub fn take(&self) -> Vec<Request> {
        std::mem::take(&mut *self.seen.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Copies both ways until either side closes, noting the request lines going upstream.
async fn relay(mut client: TcpStream, mut server: TcpStream, log: Arc<Mutex<Vec<Request>>>) {
    let (mut client_read, mut client_write) = client.split();
    let (mut server_read, mut server_write) = server.split();
    let upstream = async {
        let mut buffer = vec![0u8; 64 * 1024];
        let mut scanner = Scanner::default();
        loop {
            let n = match client_read.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            for request in scanner.feed(&buffer[..n]) {
                log.lock().unwrap_or_else(|e| e.into_inner()).push(request);
            }
            if server_write.write_all(&buffer[..n]).await.is_err() {
                break;
            }
        }
        let _ = server_write.shutdown().await;
    };
    let downstream = async {
        let _ = tokio::io::copy(&mut server_read, &mut client_write).await;
        let _ = client_write.shutdown().await;
    };
    tokio::join!(upstream, downstream);
}

/// Reads HTTP/1.1 requests as they stream past: a request line, headers up to an empty line,
/// then as many body bytes as `Content-Length` says (the client never sends chunked bodies).
#[derive(Default)]
struct Scanner {
    line: Vec<u8>,
    /// The request whose head is being read.
    current: Option<Request>,
    body_length: usize,
    /// Body bytes still to skip.
    skipping: usize,
}

impl Scanner {
    fn feed(&mut self, mut bytes: &[u8]) -> Vec<Request> {
        let mut complete = Vec::new();
        while !bytes.is_empty() {
            if self.skipping > 0 {
                let n = self.skipping.min(bytes.len());
                self.skipping -= n;
                bytes = &bytes[n..];
                continue;
            }
            let byte = bytes[0];
            bytes = &bytes[1..];
            if byte != b'\n' {
                self.line.push(byte);
                continue;
            }
            let text = String::from_utf8_lossy(&self.line)
                .trim_end_matches('\r')
                .to_owned();
            self.line.clear();
            match self.current.take() {
                None => {
                    let mut words = text.split(' ');
                    if let (Some(method), Some(url)) = (words.next(), words.next()) {
                        self.current = Some(Request {
                            method: method.to_owned(),
                            url: url.to_owned(),
                        });
                        self.body_length = 0;
                    }
                }
                Some(request) if text.is_empty() => {
                    complete.push(request);
                    self.skipping = self.body_length;
                }
                Some(request) => {
                    if let Some((name, value)) = text.split_once(':')
                        && name.eq_ignore_ascii_case("content-length")
                    {
                        self.body_length = value.trim().parse().unwrap_or(0);
                    }
                    self.current = Some(request);
                }
            }
        }
        complete
    }
}
