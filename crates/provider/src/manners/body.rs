//! Reading an answer's body in chunks, counting what arrives and stopping at a cap, so that a
//! runaway answer cannot fill the computer's memory.

use std::sync::atomic::{AtomicU64, Ordering};

/// Why a body could not be read whole.
pub(crate) enum BodyError {
    /// It grew past the cap.
    TooLarge,
    /// The connection failed, or the compressed stream broke, before the end.
    Cut(reqwest::Error),
}

/// The whole body of `response` (decompressed), at most `cap` bytes; every chunk is added to
/// `received` as it arrives.
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    cap: u64,
    received: &AtomicU64,
) -> Result<Vec<u8>, BodyError> {
    // The chunks are kept as they come and copied once into a body of the right size: a
    // long ride's streams are hundreds of kilobytes, which a growing buffer would copy again
    // at every doubling.
    let mut chunks = Vec::new();
    let mut len = 0u64;
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Cut)? {
        received.fetch_add(chunk.len() as u64, Ordering::Relaxed);
        len += chunk.len() as u64;
        if len > cap {
            return Err(BodyError::TooLarge);
        }
        chunks.push(chunk);
    }
    let mut body = Vec::with_capacity(len as usize);
    for chunk in chunks {
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
