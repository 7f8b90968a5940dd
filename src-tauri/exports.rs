//! Exports: the plan of a range as iCalendar, the activities of a range as CSV, and a chart as
//! SVG or PNG, written to the exports folder. A file appears whole or not at all: it is written
//! under a temporary name and renamed, and an existing file is never overwritten.

use crate::app::App;
use crate::error::ApiError;
use crate::export_formats;
use crate::export_views::{ChartExport, ChartFormat, ExportRequest, ExportedFile};
use base64::Engine;
use chrono::{NaiveDate, Utc};
use offpeak_domain::ConnectionId;
use std::path::{Path, PathBuf};

/// The largest chart accepted, so a runaway request cannot fill the disk.
const MAX_CHART_BYTES: usize = 32 * 1024 * 1024;
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

impl App {
    /// The athlete's planned workouts on `from..=to` as an `.ics` file.
    pub async fn export_plan_ics(&self, request: ExportRequest) -> Result<ExportedFile, ApiError> {
        let (from, to) = range(&request)?;
        let (athlete, name) = self.athlete_or_first(Some(request.athlete)).await?;
        let connection = ConnectionId(athlete.connection_id.clone());
        let workouts = self
            .store
            .workouts_of(&connection, &athlete.athlete_id, from, to)
            .await?;
        let text = export_formats::plan_ics(&workouts, &name, &connection.0, Utc::now());
        let stem = format!("offpeak-plan-{}-{from}_{to}", slug(&name));
        let items = count(workouts.len());
        self.write_export(&stem, "ics", text.as_bytes(), items)
            .await
    }

    /// The athlete's activities on `from..=to` as a `.csv` file.
    pub async fn export_activities_csv(
        &self,
        request: ExportRequest,
    ) -> Result<ExportedFile, ApiError> {
        let (from, to) = range(&request)?;
        let (athlete, name) = self.athlete_or_first(Some(request.athlete)).await?;
        let connection = ConnectionId(athlete.connection_id.clone());
        let who = athlete.athlete_id.as_str();
        let activities = self.store.activities_of(&connection, who, from, to).await?;
        let loads = crate::browsing::computed_loads(
            self.store.figures_of(&connection, who, from, to).await?,
        );
        let text =
            export_formats::activities_csv(&activities, |a| loads.get(&a.id).copied().or(a.load));
        let stem = format!("offpeak-activities-{}-{from}_{to}", slug(&name));
        let items = count(activities.len());
        self.write_export(&stem, "csv", text.as_bytes(), items)
            .await
    }

    /// A chart the screen shows, as SVG text or PNG bytes (base64).
    pub async fn export_chart(&self, request: ChartExport) -> Result<ExportedFile, ApiError> {
        let (bytes, extension) = match request.format {
            ChartFormat::Svg => {
                let text = request.data.trim_start();
                if !(text.starts_with("<svg") || text.starts_with("<?xml")) {
                    return Err(ApiError::invalid_input("That chart is not an SVG image."));
                }
                (request.data.into_bytes(), "svg")
            }
            ChartFormat::Png => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(request.data.trim())
                    .map_err(|_| ApiError::invalid_input("That chart is not a PNG image."))?;
                if !bytes.starts_with(PNG_SIGNATURE) {
                    return Err(ApiError::invalid_input("That chart is not a PNG image."));
                }
                (bytes, "png")
            }
        };
        if bytes.len() > MAX_CHART_BYTES {
            return Err(ApiError::invalid_input("That chart is too large to save."));
        }
        let stem = slug(&request.name);
        self.write_export(&stem, extension, &bytes, 1).await
    }

    async fn write_export(
        &self,
        stem: &str,
        extension: &str,
        bytes: &[u8],
        items: u32,
    ) -> Result<ExportedFile, ApiError> {
        let dir = self.exports_dir.clone();
        let stem = if stem.is_empty() {
            "offpeak-export"
        } else {
            stem
        }
        .to_owned();
        let extension = extension.to_owned();
        let bytes = bytes.to_vec();
        let path =
            tokio::task::spawn_blocking(move || write_new_file(&dir, &stem, &extension, &bytes))
                .await
                .map_err(|e| {
                    ApiError::internal(format!("The export stopped unexpectedly: {e}."))
                })??;
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Ok(ExportedFile {
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: path.to_string_lossy().into_owned(),
            bytes: u32::try_from(size).unwrap_or(u32::MAX),
            items,
        })
    }
}

fn range(request: &ExportRequest) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let parse = |text: &str| {
        text.trim().parse::<NaiveDate>().map_err(|_| {
            ApiError::invalid_input(format!(
                "“{text}” is not a date; write it as YYYY-MM-DD, for example 2026-11-23"
            ))
        })
    };
    let (from, to) = (parse(&request.from)?, parse(&request.to)?);
    if from > to {
        return Err(ApiError::invalid_input(
            "The export's first day comes after its last day.",
        ));
    }
    Ok((from, to))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A file-name-safe version of `text`: letters and digits kept (any script), everything else a
/// single `-`, at most 80 characters.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(80).collect()
}

/// Writes `bytes` to `dir/stem.extension` — or `stem-2`, `stem-3`, … when taken — through a
/// temporary file renamed into place, so no half-written export is ever left behind.
fn write_new_file(
    dir: &Path,
    stem: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<PathBuf, ApiError> {
    let failed = |e: std::io::Error| ApiError {
        code: "export_failed".into(),
        message: format!(
            "The export could not be written to {}: {e}. Check that the folder exists and has \
             free space, then try again.",
            dir.display()
        ),
    };
    std::fs::create_dir_all(dir).map_err(failed)?;
    let temporary = dir.join(format!(".{stem}.{extension}.part"));
    std::fs::write(&temporary, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        failed(e)
    })?;
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem}-{n}.{extension}")
        };
        let path = dir.join(name);
        // A hard link fails when the name is taken, so a file someone else just wrote survives.
        match std::fs::hard_link(&temporary, &path) {
            Ok(()) => {
                let _ = std::fs::remove_file(&temporary);
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // A folder that cannot hold hard links (a FAT stick): rename into a free name.
            Err(_) if !path.exists() => {
                return std::fs::rename(&temporary, &path)
                    .map(|()| path)
                    .map_err(|e| {
                        let _ = std::fs::remove_file(&temporary);
                        failed(e)
                    });
            }
            Err(e) => {
                let _ = std::fs::remove_file(&temporary);
                return Err(failed(e));
            }
        }
    }
    let _ = std::fs::remove_file(&temporary);
    Err(failed(std::io::Error::other(
        "too many files with that name",
    )))
}

#[cfg(test)]
#[path = "exports_tests.rs"]
mod tests;
