//! What both platforms' JSON translations share: whole numbers (seconds, watts, beats) and
//! instants with an offset, each failing the item it belongs to by its id.

use crate::ProviderError;
use chrono::{DateTime, Utc};

/// A duration in seconds as whole seconds, rounded and kept within `u32`.
pub(crate) fn seconds(value: f64) -> u32 {
    whole(value)
}

/// A measure (watts, beats per minute, seconds per km) rounded to a whole number within `u32`.
pub(crate) fn whole(value: f64) -> u32 {
    value.round().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// An RFC 3339 instant (`2025-04-01T10:00:00.000Z`) in UTC; unreadable, it fails item `id`.
pub(crate) fn instant(text: &str, id: &str) -> Result<DateTime<Utc>, ProviderError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| ProviderError::BadResponse(format!("item {id} has the time “{text}”")))
}
