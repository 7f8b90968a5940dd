//! The stream codec: how one series of an activity is kept as a compact blob.
//!
//! Format 1, front to back:
//! - the format version (one byte, [`FORMAT_VERSION`]);
//! - the kind of series: 0 scalar, 1 latitude/longitude;
//! - how the body is packed: 0 stored as is, 1 one zstd frame (with its size and checksum);
//! - the number of samples, a varint (at most [`MAX_SAMPLES`]);
//! - the body: which samples are present (run lengths), then one channel of numbers per
//!   coordinate — the scalar values, or all latitudes then all longitudes — present samples
//!   only, as delta-coded fixed point with the fewest decimals (0 to 7) that reproduce every
//!   value bit for bit, or as raw `f64`s when no such number of decimals exists.
//!
//! So decoding gives back exactly what was encoded: values that came from JSON decimals with up
//! to seven places compress as integers, anything else (NaN included) is kept raw. Decoding
//! checks everything it reads and reports a damaged or foreign blob as a [`CodecError`].

mod channel;
mod presence;
mod varint;

use offpeak_domain::StreamData;
use varint::Reader;

/// The version byte this code writes and reads.
pub const FORMAT_VERSION: u8 = 1;

/// The most samples a blob may hold: 2^24, over 190 days at one sample a second. Decoding
/// refuses more, so that a damaged sample count cannot make it allocate without bound.
pub const MAX_SAMPLES: u64 = 1 << 24;

/// The zstd level. Measured on the eight series of a six-hour ride (21,600 samples each):
/// levels 1, 3, 6, 9 and 19 pack them into 24.2, 23.6, 23.0, 22.9 and 21.4 kB. Past level 6
/// the size barely shrinks until level 19, which costs about 2 ms more per series. Level 1 is
/// kept: a full sync of ten years (about 4,000 activities, `cargo bench -p offpeak-sync`)
/// spent more processor time in level 6's compression than in anything else of its own bar
/// reading the JSON, for 5% smaller blobs. Decoding speed hardly depends on the level.
const ZSTD_LEVEL: i32 = 1;

const SCALAR: u8 = 0;
const LATLNG: u8 = 1;

const STORED: u8 = 0;
const ZSTD: u8 = 1;

/// A blob that does not decode (a cache written by a newer Offpeak, or damaged).
#[derive(Debug, thiserror::Error)]
#[error("a stored stream does not decode: {0}")]
pub struct CodecError(pub String);

/// Encodes one series (with a zstd context of its own: to encode many, use an [`Encoder`]).
pub fn encode(data: &StreamData) -> Vec<u8> {
    Encoder::new().encode(data)
}

/// Encodes series one after another with one zstd context, which costs more to set up than
/// compressing a small series does. Its blobs are those [`encode`] makes.
pub struct Encoder {
    /// `None` if zstd could not be set up: series are then stored as is.
    compressor: Option<zstd::bulk::Compressor<'static>>,
}

impl Default for Encoder {
    fn default() -> Encoder {
        Encoder::new()
    }
}

impl Encoder {
    pub fn new() -> Encoder {
        let compressor = zstd::bulk::Compressor::new(ZSTD_LEVEL)
            .and_then(|mut compressor| {
                compressor.set_parameter(zstd::zstd_safe::CParameter::ChecksumFlag(true))?;
                Ok(compressor)
            })
            .ok();
        Encoder { compressor }
    }

    /// Encodes one series.
    pub fn encode(&mut self, data: &StreamData) -> Vec<u8> {
        let count = data.len();
        // Room for a few bytes a value: most deltas of a recording take one or two.
        let mut body = Vec::with_capacity(16 + 4 * count);
        let kind = match data {
            StreamData::Scalar(values) => {
                presence::write(values.iter().map(Option::is_some), &mut body);
                channel::write(values.iter().flatten().copied(), count, &mut body);
                SCALAR
            }
            StreamData::LatLng(points) => {
                presence::write(points.iter().map(Option::is_some), &mut body);
                let latitudes = points.iter().flatten().map(|point| point[0]);
                channel::write(latitudes, count, &mut body);
                let longitudes = points.iter().flatten().map(|point| point[1]);
                channel::write(longitudes, count, &mut body);
                LATLNG
            }
        };
        let mut blob = vec![FORMAT_VERSION, kind];
        match self.compress(&body) {
            Some(frame) if frame.len() < body.len() => {
                blob.push(ZSTD);
                varint::write_u64(data.len() as u64, &mut blob);
                blob.extend_from_slice(&frame);
            }
            _ => {
                blob.push(STORED);
                varint::write_u64(data.len() as u64, &mut blob);
                blob.extend_from_slice(&body);
            }
        }
        blob
    }

    /// One zstd frame with the body's size and a checksum; `None` if zstd fails (the body is
    /// then stored as is).
    fn compress(&mut self, body: &[u8]) -> Option<Vec<u8>> {
        self.compressor.as_mut()?.compress(body).ok()
    }
}

/// Decodes a blob made by [`encode`].
pub fn decode(bytes: &[u8]) -> Result<StreamData, CodecError> {
    let mut header = Reader::new(bytes);
    let version = header.byte("format version")?;
    if version != FORMAT_VERSION {
        return Err(CodecError(format!(
            "format version {version} is not the version {FORMAT_VERSION} this Offpeak reads"
        )));
    }
    let kind = header.byte("kind")?;
    let channels = match kind {
        SCALAR => 1,
        LATLNG => 2,
        other => return Err(CodecError(format!("unknown series kind {other}"))),
    };
    let packing = header.byte("packing")?;
    let count = header.u64("sample count")?;
    if count > MAX_SAMPLES {
        return Err(CodecError(format!(
            "it claims {count} samples, more than {MAX_SAMPLES}"
        )));
    }
    let count = count as usize;
    let payload = header.rest();
    let unpacked;
    let body = match packing {
        STORED => payload,
        ZSTD => {
            unpacked = decompress(payload, body_limit(count, channels))?;
            &unpacked[..]
        }
        other => return Err(CodecError(format!("unknown packing {other}"))),
    };

    let mut reader = Reader::new(body);
    let present = presence::read(&mut reader, count)?;
    let present_count = present.iter().filter(|&&p| p).count();
    let data = if kind == SCALAR {
        let values = channel::read(&mut reader, present_count)?;
        StreamData::Scalar(spread(&present, values))
    } else {
        let latitudes = channel::read(&mut reader, present_count)?;
        let longitudes = channel::read(&mut reader, present_count)?;
        let points = latitudes
            .into_iter()
            .zip(longitudes)
            .map(|(lat, lng)| [lat, lng]);
        StreamData::LatLng(spread(&present, points))
    };
    reader.finish()?;
    Ok(data)
}

/// Puts the present values back between the missing samples.
fn spread<T>(present: &[bool], values: impl IntoIterator<Item = T>) -> Vec<Option<T>> {
    let mut values = values.into_iter();
    present
        .iter()
        .map(|&p| if p { values.next() } else { None })
        .collect()
}

/// The largest body `count` samples of `channels` channels can have: presence runs and every
/// value at their longest (ten-byte varints).
fn body_limit(count: usize, channels: usize) -> usize {
    const LONGEST_VARINT: usize = 10;
    (count + 1) * LONGEST_VARINT + channels * (1 + count * LONGEST_VARINT)
}

/// Unpacks one zstd frame whose recorded size is at most `limit`.
fn decompress(frame: &[u8], limit: usize) -> Result<Vec<u8>, CodecError> {
    let size = match zstd::zstd_safe::get_frame_content_size(frame) {
        Ok(Some(size)) => size,
        Ok(None) => return Err(CodecError("its zstd frame does not record its size".into())),
        Err(_) => return Err(CodecError("its body is not a zstd frame".into())),
    };
    if size > limit as u64 {
        return Err(CodecError(format!(
            "its zstd frame unpacks to {size} bytes, more than its samples can take"
        )));
    }
    zstd::bulk::decompress(frame, size as usize)
        .map_err(|e| CodecError(format!("its zstd frame is damaged: {e}")))
}
