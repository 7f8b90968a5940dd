//! `login` and `logout`: the same sign-in, API-key and disconnect code as the app, with the
//! browser address printed for the person and secrets read from the environment or input,
//! never from the command line (where other users could see them).

use crate::chosen_connection;
use offpeak_domain::{ProviderKind, Sensitive};
use offpeak_store::{ConnectionRecord, Store};
use offpeak_sync::{ApiKeyInput, LoginControl, RegistrationInput, SyncError, Syncer};
use offpeak_vault::Vault;
use std::io::{BufRead, Write};

pub struct LoginArgs {
    pub provider: ProviderKind,
    pub origin: Option<String>,
    pub client_id: Option<String>,
    pub athlete: Option<String>,
    pub ports: Vec<u16>,
}

fn from_env(name: &str) -> Option<Sensitive<String>> {
    std::env::var(name)
        .ok()
        .filter(|s| !s.trim().is_empty())
        .map(Sensitive::new)
}

pub async fn login(
    store: &Store,
    vault: &Vault,
    args: LoginArgs,
) -> Result<ConnectionRecord, SyncError> {
    let http = offpeak_provider::http_client();
    let origin = args.origin.unwrap_or_default();
    let Some(client_id) = args.client_id else {
        let key = match from_env("OFFPEAK_API_KEY") {
            Some(key) => key,
            None => read_line("Intervals.icu API key (Settings → Developer Settings): ")?,
        };
        let input = ApiKeyInput {
            provider: args.provider,
            origin,
            api_key: key,
            athlete_id: args.athlete.unwrap_or_default(),
        };
        return offpeak_sync::connect_api_key(store, vault, &http, input).await;
    };
    let input = RegistrationInput {
        provider: args.provider,
        origin,
        client_id,
        client_secret: from_env("OFFPEAK_CLIENT_SECRET"),
        redirect_ports: args.ports,
    };
    let registration = offpeak_sync::register_app(store, vault, input).await?;
    // Ctrl-C stops waiting for the browser and closes the listener.
    let control = LoginControl::default();
    let cancel = control.cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            cancel.cancel();
        }
    });
    offpeak_sync::connect_oauth(store, vault, &http, &registration.id, control, |url| {
        println!("Open this address in your browser to sign in:\n{url}");
        std::io::stdout().flush().map_err(|e| e.to_string())
    })
    .await
}

pub async fn logout(
    store: &Store,
    vault: &Vault,
    named: Option<String>,
    purge: bool,
    yes: bool,
) -> Result<(), SyncError> {
    let id = chosen_connection(store, named).await?;
    if purge && !yes {
        let usage = store.cache_usage(&id).await?;
        let answer = read_line(&format!(
            "Delete {} planned workouts and {} activities from this computer? [y/N] ",
            usage.workouts, usage.activities
        ))?;
        if !matches!(answer.expose().trim(), "y" | "Y" | "yes") {
            println!("Nothing was changed.");
            return Ok(());
        }
    }
    let http = offpeak_provider::http_client();
    let syncer = Syncer::new(store.clone(), vault.clone(), http.clone());
    let outcome =
        offpeak_sync::disconnect(store, vault, &http, syncer.tokens(), &id, purge).await?;
    println!("{}", outcome.message);
    Ok(())
}

/// A prompt and one line of input, which may be a secret.
fn read_line(prompt: &str) -> Result<Sensitive<String>, SyncError> {
    eprint!("{prompt}");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| SyncError::InvalidInput(format!("could not read the input ({e})")))?;
    Ok(Sensitive::new(line.trim().to_owned()))
}
