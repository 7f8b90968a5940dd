//! Streams: an activity's time series, one column per kind, every column the same length
//! (one sample per recorded instant). A sample may be missing (a sensor dropout).

use serde::{Deserialize, Serialize};

/// The kinds of series a platform records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StreamKind {
    /// Seconds from the start.
    Time,
    /// Metres from the start.
    Distance,
    /// Metres above sea level.
    Altitude,
    /// Metres per second.
    Velocity,
    /// Beats per minute.
    Heartrate,
    /// Revolutions (or steps) per minute.
    Cadence,
    /// Watts.
    Watts,
    /// Degrees Celsius.
    Temp,
    /// Latitude and longitude, degrees.
    Latlng,
}

impl StreamKind {
    pub const ALL: [StreamKind; 9] = [
        StreamKind::Time,
        StreamKind::Distance,
        StreamKind::Altitude,
        StreamKind::Velocity,
        StreamKind::Heartrate,
        StreamKind::Cadence,
        StreamKind::Watts,
        StreamKind::Temp,
        StreamKind::Latlng,
    ];

    /// The VeloPeak name, also the name kept in the cache.
    pub fn as_str(self) -> &'static str {
        match self {
            StreamKind::Time => "time",
            StreamKind::Distance => "distance",
            StreamKind::Altitude => "altitude",
            StreamKind::Velocity => "velocity",
            StreamKind::Heartrate => "heartrate",
            StreamKind::Cadence => "cadence",
            StreamKind::Watts => "watts",
            StreamKind::Temp => "temp",
            StreamKind::Latlng => "latlng",
        }
    }

    /// Reads a VeloPeak or Intervals.icu stream name; unknown names are `None` (and skipped).
    pub fn parse(name: &str) -> Option<StreamKind> {
        Some(match name {
            "time" => StreamKind::Time,
            "distance" => StreamKind::Distance,
            "altitude" => StreamKind::Altitude,
            "velocity" | "velocity_smooth" => StreamKind::Velocity,
            "heartrate" => StreamKind::Heartrate,
            "cadence" => StreamKind::Cadence,
            "watts" | "raw_watts" => StreamKind::Watts,
            "temp" => StreamKind::Temp,
            "latlng" => StreamKind::Latlng,
            _ => return None,
        })
    }
}

/// The samples of one series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StreamData {
    Scalar(Vec<Option<f64>>),
    LatLng(Vec<Option<[f64; 2]>>),
}

impl StreamData {
    pub fn len(&self) -> usize {
        match self {
            StreamData::Scalar(v) => v.len(),
            StreamData::LatLng(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One activity's series, in [`StreamKind`] order, at most one per kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Streams {
    pub series: Vec<(StreamKind, StreamData)>,
}

impl Streams {
    /// Adds or replaces the series of `kind`, keeping kind order.
    pub fn insert(&mut self, kind: StreamKind, data: StreamData) {
        self.series.retain(|(k, _)| *k != kind);
        let at = self.series.partition_point(|(k, _)| *k < kind);
        self.series.insert(at, (kind, data));
    }

    pub fn get(&self, kind: StreamKind) -> Option<&StreamData> {
        self.series.iter().find(|(k, _)| *k == kind).map(|(_, d)| d)
    }

    /// A scalar series, if present.
    pub fn scalar(&self, kind: StreamKind) -> Option<&[Option<f64>]> {
        match self.get(kind)? {
            StreamData::Scalar(v) => Some(v),
            StreamData::LatLng(_) => None,
        }
    }

    /// Samples per series (0 when there is none).
    pub fn len(&self) -> usize {
        self.series.first().map_or(0, |(_, d)| d.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_platform_aliases_read() {
        for kind in StreamKind::ALL {
            assert_eq!(StreamKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(StreamKind::parse("raw_watts"), Some(StreamKind::Watts));
        assert_eq!(StreamKind::parse("smo2"), None);
    }

    #[test]
    fn series_stay_in_kind_order_and_replace_by_kind() {
        let mut streams = Streams::default();
        streams.insert(StreamKind::Watts, StreamData::Scalar(vec![Some(200.0)]));
        streams.insert(StreamKind::Time, StreamData::Scalar(vec![Some(0.0)]));
        streams.insert(StreamKind::Watts, StreamData::Scalar(vec![None]));
        let kinds: Vec<StreamKind> = streams.series.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, [StreamKind::Time, StreamKind::Watts]);
        assert_eq!(streams.scalar(StreamKind::Watts), Some(&[None][..]));
        assert_eq!(streams.len(), 1);
    }
}
