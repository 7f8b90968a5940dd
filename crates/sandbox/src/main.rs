//! `offpeak-sandbox`: run the VeloPeak sandbox, or play the person on its consent page.
//!
//! ```text
//! offpeak-sandbox serve [--addr 127.0.0.1:0] [--variant velopeak|velocity|intervals]
//!                       [--dataset demo|season|decade] [--seed N] [--anchor YYYY-MM-DD]
//!                       [--faults name=value,…]
//! offpeak-sandbox bench [--dataset decade]
//! offpeak-sandbox approve URL
//! offpeak-sandbox deny URL
//! ```

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use chrono::NaiveDate;
use std::time::Instant;

use offpeak_sandbox::{
    DEMO_INTERVALS_KEY, DatasetSize, FaultPlan, RunningSandbox, SandboxConfig, Variant,
};

const USAGE: &str = "usage:
  offpeak-sandbox serve [--addr 127.0.0.1:0] [--variant velopeak|velocity|intervals]
                        [--dataset demo|season|decade] [--seed N] [--anchor YYYY-MM-DD]
                        [--faults name=value,...]
      faults: latency_ms, server_errors, burst_429, retry_after_s, truncated, malformed,
              dropped, token_life_s, seed (shares between 0 and 1)
  offpeak-sandbox bench [--dataset demo|season|decade]
  offpeak-sandbox approve URL
  offpeak-sandbox deny URL";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match (args.first().map(String::as_str), args.len()) {
        (Some("serve"), _) => serve(&args[1..]).await,
        (Some("bench"), _) => bench(&args[1..]).await,
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
    variant: Variant,
    dataset: DatasetSize,
    faults: FaultPlan,
}

fn parse_serve(args: &[String]) -> Result<ServeArgs, String> {
    let mut parsed = ServeArgs {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        seed: 42,
        anchor: chrono::Local::now().date_naive(),
        variant: Variant::VeloPeak,
        dataset: DatasetSize::Demo,
        faults: FaultPlan::default(),
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
            "--variant" => {
                let v = value()?;
                parsed.variant = Variant::parse(&v).ok_or_else(|| {
                    format!("--variant: velopeak, velocity or intervals, not {v}")
                })?;
            }
            "--dataset" => {
                let v = value()?;
                parsed.dataset = DatasetSize::parse(&v)
                    .ok_or_else(|| format!("--dataset: demo, season or decade, not {v}"))?;
            }
            "--faults" => parsed.faults = FaultPlan::parse_flag(&value()?)?,
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(parsed)
}

async fn serve(args: &[String]) -> Result<(), String> {
    let args = parse_serve(args)?;
    let config = SandboxConfig {
        seed: args.seed,
        dataset: args.dataset,
        faults: args.faults,
        ..SandboxConfig::for_variant(args.variant, args.anchor)
    };
    let started = Instant::now();
    let sandbox = RunningSandbox::start(config, args.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    let ready = started.elapsed();
    let truth = sandbox.truth();
    let origin = sandbox.origin();
    let mut stdout = std::io::stdout();
    let lines = [
        format!("listening on {origin}"),
        format!(
            "{} server, {} data set: {} athletes, {} planned workouts, {} activities; ready in {} ms",
            args.variant.as_str(),
            args.dataset.as_str(),
            truth.athletes.len(),
            truth.workouts.len(),
            truth.activities.len(),
            ready.as_millis()
        ),
        format!("connected apps: {origin}/settings/connected-apps"),
        format!("control (this machine only): {origin}/_control/state"),
    ];
    for line in lines {
        writeln!(stdout, "{line}").map_err(|e| e.to_string())?;
    }
    if args.variant == Variant::Intervals {
        writeln!(
            stdout,
            "API key of {}: {DEMO_INTERVALS_KEY}",
            truth.owner().name
        )
        .map_err(|e| e.to_string())?;
    }
    stdout.flush().map_err(|e| e.to_string())?;
    let stopped = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    stopped.map_err(|e| format!("cannot wait for Ctrl-C: {e}"))
}

async fn bench(args: &[String]) -> Result<(), String> {
    let dataset = match args {
        [] => DatasetSize::Decade,
        [flag, value] if flag == "--dataset" => DatasetSize::parse(value)
            .ok_or_else(|| format!("--dataset: demo, season or decade, not {value}"))?,
        _ => return Err(USAGE.to_string()),
    };
    let report = offpeak_sandbox::bench::run(dataset)
        .await
        .map_err(|e| format!("benchmark failed: {e}"))?;
    println!("{report}");
    Ok(())
}
