//! VeloPeak's streams body, `{"activity_id","resolution_s","streams":{"time":[…],"latlng":
//! [[lat,lng]|null,…],…}}`, read into domain [`Streams`]: unknown types skipped, dropouts kept
//! as missing samples, and all series required to be the same length.

use crate::ProviderError;
use crate::streams::same_lengths;
use offpeak_domain::{StreamData, StreamKind, Streams};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
pub(super) struct StreamsDto {
    streams: BTreeMap<String, SeriesDto>,
}

/// One series as sent: numbers, `[lat, lng]` pairs, or something this version does not read.
#[derive(Deserialize)]
#[serde(untagged)]
enum SeriesDto {
    Scalar(Vec<Option<f64>>),
    Pairs(Vec<Option<[f64; 2]>>),
    Other(serde::de::IgnoredAny),
}

impl StreamsDto {
    pub(super) fn into_streams(self, activity_id: &str) -> Result<Streams, ProviderError> {
        let mut streams = Streams::default();
        for (name, series) in self.streams {
            let Some(kind) = StreamKind::parse(&name) else {
                continue;
            };
            let data = match (kind, series) {
                (StreamKind::Latlng, SeriesDto::Pairs(points)) => StreamData::LatLng(points),
                // Only dropouts (or nothing): no pair to tell the shape by.
                (StreamKind::Latlng, SeriesDto::Scalar(values))
                    if values.iter().all(Option::is_none) =>
                {
                    StreamData::LatLng(vec![None; values.len()])
                }
                (StreamKind::Latlng, _) | (_, SeriesDto::Pairs(_) | SeriesDto::Other(_)) => {
                    return Err(ProviderError::BadResponse(format!(
                        "the {name} stream of activity {activity_id} is not a list of samples"
                    )));
                }
                (_, SeriesDto::Scalar(values)) => StreamData::Scalar(values),
            };
            streams.insert(kind, data);
        }
        same_lengths(streams, activity_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Streams, ProviderError> {
        serde_json::from_str::<StreamsDto>(json)
            .unwrap()
            .into_streams("act_1")
    }

    #[test]
    fn series_map_with_their_dropouts_and_unknown_types_are_skipped() {
        let streams = read(
            r#"{"activity_id":"act_1","resolution_s":1,"streams":{
                "time":[0,1,2],"watts":[210,null,230],"latlng":[[40.41,-3.70],null,[40.42,-3.71]],
                "smo2":[55,56,57],"gear":["a","b","c"]}}"#,
        )
        .unwrap();
        assert_eq!(streams.len(), 3);
        assert_eq!(
            streams.scalar(StreamKind::Watts),
            Some(&[Some(210.0), None, Some(230.0)][..])
        );
        assert_eq!(
            streams.get(StreamKind::Latlng),
            Some(&StreamData::LatLng(vec![
                Some([40.41, -3.70]),
                None,
                Some([40.42, -3.71])
            ]))
        );
        let kinds: Vec<StreamKind> = streams.series.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            kinds,
            [StreamKind::Time, StreamKind::Watts, StreamKind::Latlng]
        );
    }

    #[test]
    fn a_route_of_dropouts_only_is_still_a_route() {
        let streams = read(r#"{"streams":{"time":[0,1],"latlng":[null,null]}}"#).unwrap();
        assert_eq!(
            streams.get(StreamKind::Latlng),
            Some(&StreamData::LatLng(vec![None, None]))
        );
    }

    #[test]
    fn series_that_do_not_line_up_or_have_the_wrong_shape_are_refused() {
        assert!(read(r#"{"streams":{"time":[0,1,2],"watts":[1,2]}}"#).is_err());
        assert!(read(r#"{"streams":{"time":[0,1],"latlng":[1,2]}}"#).is_err());
        assert!(read(r#"{"streams":{"time":[[0,1],[1,2]]}}"#).is_err());
    }
}
