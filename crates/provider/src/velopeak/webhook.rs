//! What a webhook receiver needs, without being a server: checking the
//! `X-VeloPeak-Signature` header over the raw body (`t=<unix>,v1=<hex HMAC-SHA256(secret,
//! "<t>.<raw body>")>`, several `v1` allowed while a secret rotates, at most five minutes
//! old), and reading a delivery's body.

use crate::ProviderError;
use crate::convert::instant;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;

/// How far a signature's time may be from the receiver's clock, in seconds.
pub const TOLERANCE_S: i64 = 300;

/// Why a delivery's signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the signature header is not in the form t=…,v1=…")]
    Malformed,
    #[error("the signature is {age_s} seconds away from now, more than five minutes")]
    Stale { age_s: i64 },
    #[error("the signature does not match the body")]
    Mismatch,
}

/// Checks `header` (the `X-VeloPeak-Signature` value) for `raw_body`, exactly as received,
/// signed with `secret` no more than [`TOLERANCE_S`] seconds from `now_unix`. Any one `v1` that
/// matches is enough; each is compared in constant time. Returns the signature's time.
pub fn verify_signature(
    secret: &str,
    header: &str,
    raw_body: &[u8],
    now_unix: i64,
) -> Result<i64, SignatureError> {
    let mut t = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        let (key, value) = part
            .trim()
            .split_once('=')
            .ok_or(SignatureError::Malformed)?;
        match key {
            "t" => {
                let value = value
                    .parse::<i64>()
                    .map_err(|_| SignatureError::Malformed)?;
                if t.replace(value).is_some() {
                    return Err(SignatureError::Malformed);
                }
            }
            "v1" => signatures.push(value),
            _ => {} // schemes this version does not know
        }
    }
    let t = t.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    let age_s = now_unix.saturating_sub(t);
    if age_s.abs() > TOLERANCE_S {
        return Err(SignatureError::Stale { age_s });
    }
    let mut expected =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    expected.update(t.to_string().as_bytes());
    expected.update(b".");
    expected.update(raw_body);
    let matches = signatures
        .into_iter()
        .filter_map(from_hex)
        .any(|candidate| expected.clone().verify_slice(&candidate).is_ok());
    if matches {
        Ok(t)
    } else {
        Err(SignatureError::Mismatch)
    }
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

/// One delivery: what happened to which object of which athlete, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// `dlv_…`; the same delivery may come twice, so a receiver skips ids it has seen.
    pub id: String,
    pub kind: DeliveryKind,
    pub athlete_id: String,
    pub object_id: Option<String>,
    pub occurred_at: DateTime<Utc>,
}

/// What a delivery reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryKind {
    /// `workout.created` or `workout.updated`.
    WorkoutChanged,
    WorkoutDeleted,
    /// `activity.created` or `activity.updated`.
    ActivityChanged,
    ActivityDeleted,
    /// The athlete took the app's access away.
    Deauthorized,
    /// `webhook.ping`: the platform proving the callback.
    Ping,
    /// A type this version does not know.
    Other(String),
}

impl DeliveryKind {
    fn parse(name: &str) -> DeliveryKind {
        match name {
            "workout.created" | "workout.updated" => DeliveryKind::WorkoutChanged,
            "workout.deleted" => DeliveryKind::WorkoutDeleted,
            "activity.created" | "activity.updated" => DeliveryKind::ActivityChanged,
            "activity.deleted" => DeliveryKind::ActivityDeleted,
            "athlete.deauthorized" => DeliveryKind::Deauthorized,
            "webhook.ping" => DeliveryKind::Ping,
            other => DeliveryKind::Other(other.to_owned()),
        }
    }
}

#[derive(Deserialize)]
struct DeliveryDto {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    athlete_id: String,
    #[serde(default)]
    object_id: Option<String>,
    occurred_at: String,
}

/// Reads a delivery's body; check its signature with [`verify_signature`] first.
pub fn parse_delivery(raw_body: &[u8]) -> Result<Delivery, ProviderError> {
    let dto: DeliveryDto = serde_json::from_slice(raw_body)
        .map_err(|e| ProviderError::BadResponse(format!("a webhook delivery: {e}")))?;
    Ok(Delivery {
        occurred_at: instant(&dto.occurred_at, &dto.id)?,
        kind: DeliveryKind::parse(&dto.kind),
        object_id: dto.object_id.filter(|id| !id.is_empty()),
        athlete_id: dto.athlete_id,
        id: dto.id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_reads_pairs_only() {
        assert_eq!(from_hex("00fFa5"), Some(vec![0, 0xff, 0xa5]));
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("zz"), None);
        assert_eq!(from_hex("é1"), None);
    }

    #[test]
    fn deliveries_read_their_kind_and_object() {
        let d = parse_delivery(
            br#"{"id":"dlv_1","type":"activity.updated","athlete_id":"a_1","object_id":"act_9",
                 "occurred_at":"2026-11-23T10:00:00.5Z","brand_new":1}"#,
        )
        .unwrap();
        assert_eq!(d.kind, DeliveryKind::ActivityChanged);
        assert_eq!(d.object_id.as_deref(), Some("act_9"));
        let other =
            parse_delivery(br#"{"id":"dlv_2","type":"gear.added","athlete_id":"a_1","occurred_at":"2026-11-23T10:00:00Z"}"#)
                .unwrap();
        assert_eq!(other.kind, DeliveryKind::Other("gear.added".into()));
        assert!(other.object_id.is_none());
        assert!(parse_delivery(b"not json").is_err());
    }
}
