//! `offpeak-cli`: Offpeak from a terminal — the same crates, data directory and keychain entries
//! as the desktop app, no window. `offpeak-cli help` lists the commands.

mod args;
mod login;
mod print;
mod sync;

use args::Command;
use chrono::Local;
use offpeak_domain::{ConnectionId, Month};
use offpeak_store::Store;
use offpeak_sync::{SyncError, SyncSettings, Syncer, paths};
use offpeak_vault::Vault;
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
        Command::Login {
            provider,
            origin,
            client_id,
            athlete,
            ports,
        } => {
            let vault = Vault::system(offpeak_sync::KEYCHAIN_SERVICE).await?;
            let request = login::LoginArgs {
                provider,
                origin,
                client_id,
                athlete,
                ports,
            };
            let record = login::login(&store, &vault, request).await?;
            println!(
                "Connected {} on {} as {} ({}).",
                record.provider.display_name(),
                record.origin,
                record.athlete_name,
                record.id
            );
            Ok(())
        }
        Command::Logout {
            connection,
            purge,
            yes,
        } => {
            let vault = Vault::system(offpeak_sync::KEYCHAIN_SERVICE).await?;
            login::logout(&store, &vault, connection, purge, yes).await
        }
        Command::Sync { connection } => {
            let vault = Vault::system(offpeak_sync::KEYCHAIN_SERVICE).await?;
            let syncer = Syncer::new(store.clone(), vault, offpeak_provider::http_client());
            sync::run(&store, &syncer, connection).await
        }
        Command::Settings { interval, streams } => {
            let mut settings = SyncSettings::load(&store).await?;
            if let Some(minutes) = interval {
                settings.interval_minutes = minutes;
            }
            if let Some(policy) = streams {
                settings.streams = policy;
            }
            if interval.is_some() || streams.is_some() {
                settings.save(&store).await?;
            }
            print!("{}", print::settings(&settings));
            Ok(())
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
            print!(
                "{}",
                print::accounts(&offpeak_sync::accounts(&store).await?, chrono::Utc::now())
            );
            Ok(())
        }
    }
}

/// The connection a command is about: the one named, or the only one there is.
pub(crate) async fn chosen_connection(
    store: &Store,
    named: Option<String>,
) -> Result<ConnectionId, SyncError> {
    if let Some(id) = named {
        return Ok(ConnectionId(id));
    }
    let all = store.connections().await?;
    match all.as_slice() {
        [only] => Ok(only.id.clone()),
        [] => Err(SyncError::InvalidInput("no account is connected".into())),
        _ => Err(SyncError::InvalidInput(format!(
            "{} accounts are connected; name one (see offpeak-cli accounts)",
            all.len()
        ))),
    }
}
