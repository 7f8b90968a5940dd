//! VeloPeak's streams body, `{"activity_id","resolution_s","streams":{"time":[…],"latlng":
//! [[lat,lng]|null,…],…}}`, read into domain [`Streams`]: unknown types skipped, dropouts kept
//! as missing samples, and all series required to be the same length.
//!
//! A long ride's body holds a few hundred thousand samples. The usual body is read by hand in
//! one pass ([`scan`]); any other goes through serde, also in one pass, each series straight
//! into the shape its kind has (numbers, or `[lat, lng]` pairs), sized like the series before
//! it. A series of another shape is noted and refused once the body is read.

mod scan;

use super::request::FromBody;
use crate::ProviderError;
use crate::streams::same_lengths;
use offpeak_domain::{StreamData, StreamKind, Streams};
use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The series of the known kinds, in the order sent; `None` for one of the wrong shape.
pub(super) struct StreamsDto {
    series: Vec<(StreamKind, Option<StreamData>)>,
}

impl FromBody for StreamsDto {
    fn from_body(body: &[u8]) -> Result<StreamsDto, serde_json::Error> {
        let series = match scan::series(body) {
            Some(series) => series,
            None => serde_json::from_slice::<StreamsJson>(body)?.streams.0,
        };
        Ok(StreamsDto { series })
    }
}

impl StreamsDto {
    pub(super) fn into_streams(self, activity_id: &str) -> Result<Streams, ProviderError> {
        let mut streams = Streams::default();
        for (kind, data) in self.series {
            let data = data.ok_or_else(|| {
                ProviderError::BadResponse(format!(
                    "the {} stream of activity {activity_id} is not a list of samples",
                    kind.as_str()
                ))
            })?;
            streams.insert(kind, data);
        }
        same_lengths(streams, activity_id)
    }
}

/// The body as serde reads it.
#[derive(Deserialize)]
struct StreamsJson {
    streams: SeriesByKind,
}

/// The series of the known kinds, in the order sent; `None` for one of the wrong shape.
struct SeriesByKind(Vec<(StreamKind, Option<StreamData>)>);

impl<'de> Deserialize<'de> for SeriesByKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(SeriesByKindVisitor)
    }
}

struct SeriesByKindVisitor;

impl<'de> Visitor<'de> for SeriesByKindVisitor {
    type Value = SeriesByKind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("streams by type")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SeriesByKind, A::Error> {
        let mut series = Vec::new();
        let mut expected_len = 0;
        while let Some(name) = map.next_key::<String>()? {
            let Some(kind) = StreamKind::parse(&name) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let shape = if kind == StreamKind::Latlng {
                Shape::Pairs
            } else {
                Shape::Numbers
            };
            let data = map.next_value_seed(Series {
                shape,
                capacity: expected_len,
            })?;
            if let Some(data) = &data {
                expected_len = data.len();
            }
            series.push((kind, data));
        }
        Ok(SeriesByKind(series))
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Numbers,
    Pairs,
}

/// One series read in `shape`, with room for `capacity` samples to begin with.
struct Series {
    shape: Shape,
    capacity: usize,
}

impl<'de> DeserializeSeed<'de> for Series {
    type Value = Option<StreamData>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Series {
    type Value = Option<StreamData>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of samples")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut well_formed = true;
        let data = match self.shape {
            Shape::Numbers => {
                let mut values = Vec::with_capacity(self.capacity);
                while let Some(sample) = seq.next_element::<Sample>()? {
                    match sample {
                        Sample::Number(v) => values.push(Some(v)),
                        Sample::Missing => values.push(None),
                        Sample::Pair(_) | Sample::Other => well_formed = false,
                    }
                }
                StreamData::Scalar(values)
            }
            Shape::Pairs => {
                let mut points = Vec::with_capacity(self.capacity);
                while let Some(sample) = seq.next_element::<Sample>()? {
                    match sample {
                        Sample::Pair(p) => points.push(Some(p)),
                        Sample::Missing => points.push(None),
                        Sample::Number(_) | Sample::Other => well_formed = false,
                    }
                }
                StreamData::LatLng(points)
            }
        };
        Ok(well_formed.then_some(data))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// One element of a series: a number, a `[lat, lng]` pair, a dropout, or anything else.
enum Sample {
    Number(f64),
    Pair([f64; 2]),
    Missing,
    Other,
}

impl<'de> Deserialize<'de> for Sample {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SampleVisitor)
    }
}

struct SampleVisitor;

impl<'de> Visitor<'de> for SampleVisitor {
    type Value = Sample;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sample")
    }

    fn visit_f64<E>(self, v: f64) -> Result<Sample, E> {
        Ok(Sample::Number(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Sample, E> {
        Ok(Sample::Number(v as f64))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Sample, E> {
        Ok(Sample::Number(v as f64))
    }

    fn visit_unit<E>(self) -> Result<Sample, E> {
        Ok(Sample::Missing)
    }

    fn visit_none<E>(self) -> Result<Sample, E> {
        Ok(Sample::Missing)
    }

    /// Exactly two numbers make a pair.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Sample, A::Error> {
        let mut numbers = [0.0; 2];
        let mut count = 0;
        let mut other = false;
        while let Some(element) = seq.next_element::<Sample>()? {
            match element {
                Sample::Number(v) if count < 2 => numbers[count] = v,
                _ => other = true,
            }
            count += 1;
        }
        Ok(if count == 2 && !other {
            Sample::Pair(numbers)
        } else {
            Sample::Other
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Sample, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Sample::Other)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Sample, E> {
        Ok(Sample::Other)
    }

    fn visit_str<E>(self, _: &str) -> Result<Sample, E> {
        Ok(Sample::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Streams, ProviderError> {
        StreamsDto::from_body(json.as_bytes())
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
    fn each_type_is_read_in_its_shape_and_any_other_is_refused() {
        let streams = read(
            r#"{"streams":{"time":[0,1,2],"watts":[null,null,250],
                "latlng":[null,[40.4,-3.7],null]}}"#,
        )
        .unwrap();
        assert_eq!(
            streams.scalar(StreamKind::Watts),
            Some(&[None, None, Some(250.0)][..])
        );
        assert_eq!(
            streams.get(StreamKind::Latlng),
            Some(&StreamData::LatLng(vec![None, Some([40.4, -3.7]), None]))
        );
        assert!(read(r#"{"streams":{"time":[0,[1,2]]}}"#).is_err());
        assert!(read(r#"{"streams":{"time":[0,1],"latlng":[[1,2],[1,2,3]]}}"#).is_err());
        assert!(read(r#"{"streams":{"time":[0,1],"latlng":[[1,2],5]}}"#).is_err());
        assert!(read(r#"{"streams":{"time":[0,1],"latlng":[[1,null],[1,2]]}}"#).is_err());
        assert!(read(r#"{"streams":{"time":[0,"1"]}}"#).is_err());
        assert!(read(r#"{"streams":{"time":null}}"#).is_err());
    }

    #[test]
    fn unknown_types_may_hold_anything() {
        let streams = read(
            r#"{"streams":{"time":[0],"laps":[{"a":[1,{"b":null}]}],"note":"x","n":3,
                "flags":[true],"empty":{}}}"#,
        )
        .unwrap();
        assert_eq!(streams.len(), 1);
        assert_eq!(streams.series.len(), 1);
    }

    #[test]
    fn series_that_do_not_line_up_or_have_the_wrong_shape_are_refused() {
        assert!(read(r#"{"streams":{"time":[0,1,2],"watts":[1,2]}}"#).is_err());
        assert!(read(r#"{"streams":{"time":[0,1],"latlng":[1,2]}}"#).is_err());
        assert!(read(r#"{"streams":{"time":[[0,1],[1,2]]}}"#).is_err());
    }
}
