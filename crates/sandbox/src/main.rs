//! `offpeak-sandbox`: run the VeloPeak sandbox, or play the person on its consent page.
//!
//! ```text
//! offpeak-sandbox serve [--addr 127.0.0.1:0] [--seed N] [--anchor YYYY-MM-DD]
//! offpeak-sandbox approve URL
//! offpeak-sandbox deny URL
//! ```

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use chrono::NaiveDate;
use offpeak_sandbox::{RunningSandbox, SandboxConfig};

const USAGE: &str = "usage:
  offpeak-sandbox serve [--addr 127.0.0.1:0] [--seed N] [--anchor YYYY-MM-DD]
  offpeak-sandbox approve URL
  offpeak-sandbox deny URL";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match (args.first().map(String::as_str), args.len()) {
        (Some("serve"), _) => serve(&args[1..]).await,
        (Some("approve"), 2) => person(offpeak_sandbox::approve(&args[1]).await),
        (Some("deny"), 2) => person(offpeak_sandbox::deny(&args[1]).await),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("offpeak-sandbox: {message}");
            ExitCode::FAILURE
        }
    }
}

fn person(result: Result<String, offpeak_sandbox::PersonError>) -> Result<(), String> {
    let page = result.map_err(|e| e.to_string())?;
    println!("{page}");
    Ok(())
}

struct ServeArgs {
    addr: SocketAddr,
    seed: u64,
    anchor: NaiveDate,
}

fn parse_serve(args: &[String]) -> Result<ServeArgs, String> {
    let mut parsed = ServeArgs {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        seed: 42,
        anchor: chrono::Local::now().date_naive(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_string())),
            None => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag {
            "--addr" => {
                let v = value()?;
                parsed.addr = v
                    .parse()
                    .map_err(|_| format!("--addr: not a socket address: {v}"))?;
            }
            "--seed" => {
                let v = value()?;
                parsed.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: not a number: {v}"))?;
            }
            "--anchor" => {
                let v = value()?;
                parsed.anchor = NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map_err(|_| format!("--anchor: not a date YYYY-MM-DD: {v}"))?;
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(parsed)
}

async fn serve(args: &[String]) -> Result<(), String> {
    let args = parse_serve(args)?;
    let config = SandboxConfig {
        seed: args.seed,
        ..SandboxConfig::demo(args.anchor)
    };
    let sandbox = RunningSandbox::start(config, args.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on {}", sandbox.origin()).map_err(|e| e.to_string())?;
    stdout.flush().map_err(|e| e.to_string())?;
    let stopped = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    stopped.map_err(|e| format!("cannot wait for Ctrl-C: {e}"))
}
