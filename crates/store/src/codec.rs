//! The stream codec: how one series of an activity is kept as a compact blob.

use offpeak_domain::StreamData;

/// A blob that does not decode (a cache written by a newer Offpeak, or damaged).
#[derive(Debug, thiserror::Error)]
#[error("a stored stream does not decode: {0}")]
pub struct CodecError(pub String);

/// Encodes one series.
pub fn encode(data: &StreamData) -> Vec<u8> {
    serde_json::to_vec(data).unwrap_or_default()
}

/// Decodes a blob made by [`encode`].
pub fn decode(bytes: &[u8]) -> Result<StreamData, CodecError> {
    serde_json::from_slice(bytes).map_err(|e| CodecError(e.to_string()))
}
