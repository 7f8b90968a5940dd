//! The athletes a connection reads and their profiles (FTP, thresholds, zones), refreshed at
//! the start of every sync: a coach gains and loses clients, an athlete's FTP changes. A
//! profile unchanged since the last sync answers 304 to its ETag.

use super::session::{Platform, Session};
use crate::SyncError;
use crate::progress::SyncPhase;
use offpeak_provider::ProviderError;
use offpeak_provider::velopeak::Conditional;
use offpeak_store::{AthleteRecord, PageCheckpoint};

const PROFILE: &str = "profile";

/// The athlete ids to sync, the connection's own first.
pub(crate) async fn refresh(session: &Session<'_>) -> Result<Vec<String>, SyncError> {
    session.phase(SyncPhase::Profile, None);
    let record = &session.record;
    let store = session.store;
    match &session.platform {
        Platform::Velopeak(client) => {
            let athletes = session
                .call(|token| async move { client.athletes(&token).await })
                .await?;
            let records: Vec<AthleteRecord> = athletes
                .iter()
                .map(|a| AthleteRecord {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    is_self: a.id == record.athlete_id,
                })
                .collect();
            store.save_athletes(&record.id, &records).await?;
            let mut readable = Vec::new();
            for athlete in &athletes {
                let etag = store.checkpoint(&record.id, &athlete.id, PROFILE).await?;
                let answer = session
                    .call(|token| {
                        let (id, etag) = (athlete.id.as_str(), etag.as_deref());
                        async move { client.athlete_profile(&token, id, etag).await }
                    })
                    .await;
                match answer {
                    Ok(Conditional::NotModified) => {}
                    Ok(Conditional::Fresh { value, etag }) => {
                        store.save_athlete_profile(&record.id, &value).await?;
                        if let Some(etag) = etag {
                            let checkpoint = PageCheckpoint {
                                athlete_id: &athlete.id,
                                resource: PROFILE,
                                state: &etag,
                            };
                            store.save_checkpoint(&record.id, &checkpoint).await?;
                        }
                    }
                    // A client who stopped sharing between the list and this request.
                    Err(SyncError::Provider(
                        ProviderError::AthleteNotShared { .. } | ProviderError::NotFound(_),
                    )) if athlete.id != record.athlete_id => {
                        tracing::info!(athlete = %athlete.id, "athlete no longer readable; skipped");
                        continue;
                    }
                    Err(e) => return Err(e),
                }
                readable.push(athlete.id.clone());
            }
            session.advance(readable.len() as u64);
            Ok(readable)
        }
        Platform::Intervals(client) => {
            let profile = session.run(client.profile(&record.athlete_id)).await?;
            store.save_athlete_profile(&record.id, &profile).await?;
            session.advance(1);
            Ok(vec![record.athlete_id.clone()])
        }
    }
}
