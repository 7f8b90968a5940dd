//! An activity's streams as a platform sent them, and the rule every platform's streams keep:
//! one sample per instant in every series, so all series are as long as each other.

use crate::ProviderError;
use offpeak_domain::Streams;

/// An activity's streams, and how large their JSON was as received (after decompression).
#[derive(Debug, Clone, PartialEq)]
pub struct FetchedStreams {
    pub streams: Streams,
    pub json_bytes: u64,
}

/// `streams`, if all its series have the same length; otherwise the answer is refused.
pub(crate) fn same_lengths(streams: Streams, activity_id: &str) -> Result<Streams, ProviderError> {
    let expected = streams.len();
    match streams.series.iter().find(|(_, d)| d.len() != expected) {
        None => Ok(streams),
        Some((kind, data)) => Err(ProviderError::BadResponse(format!(
            "the streams of activity {activity_id} do not line up: {} has {} samples, {} has {expected}",
            kind.as_str(),
            data.len(),
            streams.series[0].0.as_str(),
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use offpeak_domain::{StreamData, StreamKind};

    #[test]
    fn series_of_different_lengths_are_refused() {
        let mut streams = Streams::default();
        streams.insert(
            StreamKind::Time,
            StreamData::Scalar(vec![Some(0.0), Some(1.0)]),
        );
        streams.insert(StreamKind::Latlng, StreamData::LatLng(vec![None, None]));
        let streams = same_lengths(streams, "act_1").unwrap();
        let mut short = streams.clone();
        short.insert(StreamKind::Watts, StreamData::Scalar(vec![Some(200.0)]));
        let message = same_lengths(short, "act_1").unwrap_err().to_string();
        assert!(
            message.contains("act_1") && message.contains("watts has 1"),
            "{message}"
        );
    }
}
