//! `offpeak-cli sync`: syncs the connected accounts one after the other, printing each
//! progress report as a line (phase, items, bytes, time left) so a long first sync is never
//! silent.

use offpeak_domain::{ConnectionId, ConnectionStatus};
use offpeak_store::Store;
use offpeak_sync::{SyncError, SyncProgress, Syncer};

pub async fn run(store: &Store, syncer: &Syncer, named: Option<String>) -> Result<(), SyncError> {
    let connections = store.connections().await?;
    if connections.is_empty() {
        println!("No account is connected. Run: offpeak-cli login velopeak --client-id ID");
        return Ok(());
    }
    if let Some(name) = &named
        && !connections.iter().any(|c| &c.id.0 == name)
    {
        return Err(SyncError::UnknownConnection(name.clone()));
    }
    let mut reports = syncer.progress().subscribe();
    let printer = tokio::spawn(async move {
        while let Ok(report) = reports.recv().await {
            println!("{}", line(&report));
        }
    });
    let mut failed = None;
    for c in connections {
        if c.status == ConnectionStatus::Disconnected
            || named.as_ref().is_some_and(|n| n != &c.id.0)
        {
            continue;
        }
        match syncer.sync(&c.id).await {
            Ok(r) => println!(
                "{} ({}): {} planned workouts, {} activities, {} streams fetched; {} requests, {}.",
                c.athlete_name,
                c.id,
                r.workouts,
                r.activities,
                r.streams_fetched,
                r.requests,
                bytes(r.bytes)
            ),
            Err(e) => {
                println!("{} ({}): {}", c.athlete_name, c.id, e.message());
                failed = Some(e);
            }
        }
    }
    printer.abort();
    failed.map_or(Ok(()), Err)
}

fn line(report: &SyncProgress) -> String {
    let ConnectionId(id) = &report.connection_id;
    let count = match report.total {
        Some(total) => format!("{}/{}", report.done, total),
        None => report.done.to_string(),
    };
    let eta = report
        .eta_s
        .map(|s| format!(", about {}:{:02} left", s / 60, s % 60))
        .unwrap_or_default();
    let message = report
        .message
        .as_deref()
        .map(|m| format!(" — {m}"))
        .unwrap_or_default();
    format!(
        "[{id}] {}: {count} ({}{eta}){message}",
        report.phase.as_str(),
        bytes(report.bytes)
    )
}

fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / f64::from(1 << 20)),
        n if n >= 1 << 10 => format!("{:.0} kB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}
