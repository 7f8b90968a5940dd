//! `offpeak-cli`: Offpeak from a terminal — the same crates, data directory and keychain entries
//! as the desktop app, no window.
//!
//! ```text
//! offpeak-cli login velopeak --origin URL --client-id ID   (secret from $OFFPEAK_CLIENT_SECRET)
//! offpeak-cli sync
//! offpeak-cli calendar [--month YYYY-MM]
//! offpeak-cli accounts
//! ```

mod args;
mod print;

use args::Command;
use chrono::Local;
use offpeak_domain::{Month, Sensitive};
use offpeak_store::Store;
use offpeak_sync::{ConnectRequest, SyncError, Syncer, connect_velopeak, paths};
use offpeak_vault::Vault;
use std::io::Write;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("OFFPEAK_LOG")
                .unwrap_or_else(|_| "error".into()),
        )
        .init();
    let command = match args::parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("{message}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    match run(command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", error.message());
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> Result<(), SyncError> {
    if let Command::Help = command {
        println!("{}", args::USAGE);
        return Ok(());
    }
    let store = Store::open(&paths::cache_file(&paths::data_dir())).await?;
    match command {
        Command::Help => Ok(()),
        Command::Login { origin, client_id } => {
            let vault = Vault::system(offpeak_sync::KEYCHAIN_SERVICE).await?;
            let secret = std::env::var("OFFPEAK_CLIENT_SECRET")
                .ok()
                .filter(|s| !s.is_empty())
                .map(Sensitive::new);
            let request = ConnectRequest {
                origin,
                client_id,
                client_secret: secret,
            };
            let http = offpeak_provider::http_client();
            let record = connect_velopeak(&store, &vault, &http, request, None, |url| {
                println!("Open this address in your browser to sign in:\n{url}");
                std::io::stdout().flush().map_err(|e| e.to_string())
            })
            .await?;
            println!(
                "Connected {} on {} as {} ({}).",
                record.provider.display_name(),
                record.origin,
                record.athlete_name,
                record.id
            );
            Ok(())
        }
        Command::Sync => {
            let vault = Vault::system(offpeak_sync::KEYCHAIN_SERVICE).await?;
            let syncer = Syncer::new(store.clone(), vault, offpeak_provider::http_client());
            let connections = store.connections().await?;
            if connections.is_empty() {
                println!(
                    "No account is connected. Run: offpeak-cli login velopeak --origin URL --client-id ID"
                );
            }
            let mut failed = None;
            for c in connections {
                match syncer.sync(&c.id).await {
                    Ok(r) => println!(
                        "{} ({}): {} planned workouts, {} activities.",
                        c.athlete_name, c.id, r.workouts, r.activities
                    ),
                    Err(e) => {
                        println!("{} ({}): {}", c.athlete_name, c.id, e.message());
                        failed = Some(e);
                    }
                }
            }
            failed.map_or(Ok(()), Err)
        }
        Command::Calendar { month } => {
            let today = Local::now().date_naive();
            let month = month.unwrap_or_else(|| Month::containing(today));
            let grid = month.grid();
            let workouts = store.workouts_between(grid.start, grid.end).await?;
            let activities = store.activities_between(grid.start, grid.end).await?;
            print!("{}", print::month(month, today, &workouts, &activities));
            Ok(())
        }
        Command::Accounts => {
            print!("{}", print::accounts(&store.connections().await?));
            Ok(())
        }
    }
}
