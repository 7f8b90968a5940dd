//! Streams as the platform lists them, `[{type, data, data2?, …}]`: `latlng` puts latitudes in
//! `data` and longitudes in `data2`; `raw_watts` (what `watts` is called when types are not
//! asked for) is watts; types Offpeak does not know are skipped.

use crate::ProviderError;
use crate::streams::same_lengths;
use offpeak_domain::{StreamData, StreamKind, Streams};
use serde::Deserialize;

#[derive(Deserialize)]
pub(in crate::intervals) struct StreamDto {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    data: Option<Values>,
    #[serde(default)]
    data2: Option<Values>,
}

/// A list of numbers, or something this version does not read.
#[derive(Deserialize)]
#[serde(untagged)]
enum Values {
    Numbers(Vec<Option<f64>>),
    Other(serde::de::IgnoredAny),
}

impl StreamDto {
    /// The activity's streams from the platform's list.
    pub(in crate::intervals) fn into_streams(
        list: Vec<StreamDto>,
        activity_id: &str,
    ) -> Result<Streams, ProviderError> {
        let mut streams = Streams::default();
        for stream in list {
            let Some(kind) = StreamKind::parse(&stream.kind) else {
                continue;
            };
            let unreadable = || {
                ProviderError::BadResponse(format!(
                    "the {} stream of activity {activity_id} is not a list of samples",
                    stream.kind
                ))
            };
            let Some(Values::Numbers(data)) = &stream.data else {
                return Err(unreadable());
            };
            let series = if kind == StreamKind::Latlng {
                let Some(Values::Numbers(longitudes)) = &stream.data2 else {
                    return Err(unreadable());
                };
                if longitudes.len() != data.len() {
                    return Err(unreadable());
                }
                StreamData::LatLng(
                    data.iter()
                        .zip(longitudes)
                        .map(|(lat, lng)| Some([(*lat)?, (*lng)?]))
                        .collect(),
                )
            } else {
                StreamData::Scalar(data.clone())
            };
            streams.insert(kind, series);
        }
        same_lengths(streams, activity_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Streams, ProviderError> {
        let list: Vec<StreamDto> = serde_json::from_str(json).unwrap();
        StreamDto::into_streams(list, "i56")
    }

    #[test]
    fn latlng_pairs_come_from_data_and_data2_and_raw_watts_is_watts() {
        let streams = read(
            r#"[{"type":"time","name":null,"data":[0,1,2],"allNull":false},
                {"type":"latlng","data":[40.4,null,40.5],"data2":[-3.7,null,-3.6]},
                {"type":"raw_watts","data":[200,null,220]},
                {"type":"hrv","data":[[1,2],[3]],"valueTypeIsArray":true}]"#,
        )
        .unwrap();
        assert_eq!(
            streams.get(StreamKind::Latlng),
            Some(&StreamData::LatLng(vec![
                Some([40.4, -3.7]),
                None,
                Some([40.5, -3.6])
            ]))
        );
        assert_eq!(
            streams.scalar(StreamKind::Watts),
            Some(&[Some(200.0), None, Some(220.0)][..])
        );
        assert_eq!(streams.series.len(), 3);
    }

    #[test]
    fn a_route_without_longitudes_or_series_of_different_lengths_are_refused() {
        assert!(read(r#"[{"type":"time","data":[0,1]},{"type":"latlng","data":[1,2]}]"#).is_err());
        assert!(read(r#"[{"type":"time","data":[0,1]},{"type":"watts","data":[1]}]"#).is_err());
        assert!(read(r#"[{"type":"watts","data":"none"}]"#).is_err());
    }
}
