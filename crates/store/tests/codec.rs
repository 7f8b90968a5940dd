//! The stream codec: exact round trips on random and edge-case series, errors (never panics) on
//! damaged blobs, and the size of a realistic ride against its JSON.

use chrono::NaiveDate;
use offpeak_domain::{StreamData, StreamKind};
use offpeak_sandbox::DatasetSize;
use offpeak_sandbox::data::streams::{self, StreamContext, TYPES};
use offpeak_sandbox::data::{Dataset, Sport};
use offpeak_store::codec::{
    self, CodecError, Encoder, FORMAT_VERSION, MAX_SAMPLES, decode, encode,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// A series as bit patterns, so that `-0.0`, NaN and 1-ulp differences all count.
fn bits(data: &StreamData) -> (bool, Vec<Option<Vec<u64>>>) {
    match data {
        StreamData::Scalar(v) => (
            false,
            v.iter().map(|x| x.map(|x| vec![x.to_bits()])).collect(),
        ),
        StreamData::LatLng(v) => (
            true,
            v.iter()
                .map(|p| p.map(|[a, b]| vec![a.to_bits(), b.to_bits()]))
                .collect(),
        ),
    }
}

fn assert_round_trip(data: &StreamData) -> Vec<u8> {
    let blob = encode(data);
    let back = decode(&blob).unwrap_or_else(|e| panic!("{e} for {data:?}"));
    assert_eq!(bits(&back), bits(data));
    assert_eq!(&back, data);
    blob
}

/// A value with `decimals` places as a JSON parser reads it: an integer over a power of ten.
fn decimal(rng: &mut StdRng, magnitude: i64, decimals: u32) -> f64 {
    let scaled = rng.random_range(-magnitude..=magnitude);
    let text = format!("{scaled}e-{decimals}");
    text.parse().expect("a decimal")
}

/// A random walk of decimals with dropouts, the way sensors record.
fn walk(rng: &mut StdRng, len: usize, decimals: u32, missing: f64) -> Vec<Option<f64>> {
    let mut scaled: i64 = rng.random_range(-1_000_000..1_000_000);
    (0..len)
        .map(|_| {
            scaled += rng.random_range(-500..=500);
            let value = format!("{scaled}e-{decimals}").parse().expect("a decimal");
            (!rng.random_bool(missing)).then_some(value)
        })
        .collect()
}

#[test]
fn random_decimal_series_round_trip_exactly() {
    let mut rng = StdRng::seed_from_u64(0x5eed);
    for round in 0..400 {
        let len = rng.random_range(0..1500);
        let decimals = rng.random_range(0..=7);
        let missing = [0.0, 0.01, 0.3, 0.9, 1.0][round % 5];
        let series = if round % 2 == 0 {
            walk(&mut rng, len, decimals, missing)
        } else {
            let magnitude = [10, 1_000, 1 << 40, 1 << 53][round % 4];
            (0..len)
                .map(|_| {
                    (!rng.random_bool(missing)).then(|| decimal(&mut rng, magnitude, decimals))
                })
                .collect()
        };
        assert_round_trip(&StreamData::Scalar(series));
    }
}

#[test]
fn random_tracks_round_trip_exactly() {
    let mut rng = StdRng::seed_from_u64(7);
    for round in 0..100 {
        let len = rng.random_range(0..2000);
        let missing = [0.0, 0.05, 1.0][round % 3];
        let lat = walk(&mut rng, len, 6, 0.0);
        let lng_decimals = rng.random_range(0..=7);
        let lng = walk(&mut rng, len, lng_decimals, 0.0);
        let points = lat
            .into_iter()
            .zip(lng)
            .map(|(a, b)| a.zip(b).map(|(a, b)| [a, b]))
            .map(|p| p.filter(|_| !rng.random_bool(missing)))
            .collect();
        assert_round_trip(&StreamData::LatLng(points));
    }
}

#[test]
fn arbitrary_floats_round_trip_raw() {
    let mut rng = StdRng::seed_from_u64(42);
    for _ in 0..50 {
        let series: Vec<Option<f64>> = (0..rng.random_range(1..500))
            .map(|_| {
                let value = f64::from_bits(rng.random());
                (!value.is_nan() && rng.random_bool(0.95)).then_some(value)
            })
            .collect();
        assert_round_trip(&StreamData::Scalar(series));
    }
    let mixed = [
        0.1 + 0.2,
        1e300,
        -1e300,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        -0.0,
        12.3,
    ];
    assert_round_trip(&StreamData::Scalar(
        mixed.iter().map(|&v| Some(v)).collect(),
    ));
    let huge = [
        9_007_199_254_740_992.0,
        -9_007_199_254_740_992.0,
        1.8e19,
        -4.2e25,
    ];
    assert_round_trip(&StreamData::Scalar(huge.iter().map(|&v| Some(v)).collect()));
    // Latitude kept as fixed point, longitude raw.
    let track = vec![Some([40.416775, 0.1 + 0.2]), None, Some([40.41678, -3.7])];
    assert_round_trip(&StreamData::LatLng(track));
}

#[test]
fn empty_single_and_all_missing_series_round_trip() {
    let cases = [
        StreamData::Scalar(vec![]),
        StreamData::LatLng(vec![]),
        StreamData::Scalar(vec![Some(-12.5)]),
        StreamData::Scalar(vec![None]),
        StreamData::LatLng(vec![Some([-33.868820, 151.209296])]),
        StreamData::LatLng(vec![None]),
        StreamData::Scalar(vec![None; 21_600]),
        StreamData::LatLng(vec![None; 5_000]),
        StreamData::Scalar(vec![Some(0.0); 21_600]),
    ];
    for data in &cases {
        let blob = assert_round_trip(data);
        assert!(blob.len() < 64, "{} bytes for {data:?}", blob.len());
    }
}

#[test]
fn fixed_point_is_far_smaller_than_raw() {
    // Altitude-like: one decimal, drifting a few tenths a second.
    let mut rng = StdRng::seed_from_u64(3);
    let mut tenths: i64 = 6_500;
    let decimals: Vec<Option<f64>> = (0..10_000)
        .map(|_| {
            tenths += rng.random_range(-3..=3);
            Some(format!("{tenths}e-1").parse().expect("a decimal"))
        })
        .collect();
    let raw: Vec<Option<f64>> = decimals.iter().map(|v| v.map(|v| v + 1e-9)).collect();
    let small = encode(&StreamData::Scalar(decimals)).len();
    let large = encode(&StreamData::Scalar(raw)).len();
    assert!(
        small * 2 < large,
        "fixed point {small} bytes, raw {large} bytes"
    );
}

fn error_of(bytes: &[u8]) -> CodecError {
    match decode(bytes) {
        Ok(data) => panic!("{bytes:?} decoded as {data:?}"),
        Err(e) => e,
    }
}

#[test]
fn foreign_headers_are_plain_errors() {
    let blob = encode(&StreamData::Scalar(vec![Some(1.0), None, Some(2.5)]));
    assert!(error_of(&[]).to_string().contains("format version"));
    let mut newer = blob.clone();
    newer[0] = FORMAT_VERSION + 1;
    assert!(error_of(&newer).to_string().contains("format version"));
    let mut kind = blob.clone();
    kind[1] = 9;
    assert!(error_of(&kind).to_string().contains("kind"));
    let mut packing = blob.clone();
    packing[2] = 7;
    assert!(error_of(&packing).to_string().contains("packing"));
    let mut count = vec![FORMAT_VERSION, 0, 0];
    let mut n = MAX_SAMPLES + 1;
    while n >= 0x80 {
        count.push((n as u8) | 0x80);
        n >>= 7;
    }
    count.push(n as u8);
    assert!(error_of(&count).to_string().contains("samples"));
    assert!(
        error_of(b"[1.0,null,2.5]")
            .to_string()
            .contains("format version")
    );
}

#[test]
fn every_truncation_and_any_extra_byte_is_an_error() {
    let mut rng = StdRng::seed_from_u64(11);
    let series = [
        StreamData::Scalar(walk(&mut rng, 3_000, 1, 0.02)),
        StreamData::Scalar(vec![Some(1.5), None, Some(f64::MAX)]),
        StreamData::LatLng(vec![Some([40.416775, -3.70379]), None]),
    ];
    for data in &series {
        let blob = encode(data);
        for len in 0..blob.len() {
            error_of(&blob[..len]);
        }
        let mut longer = blob.clone();
        longer.push(0);
        error_of(&longer);
    }
}

/// A blob of format 1 around a hand-made body, stored or zstd-packed.
fn blob_around(kind: u8, count: u8, body: &[u8], packed: bool) -> Vec<u8> {
    let mut blob = vec![FORMAT_VERSION, kind, u8::from(packed), count];
    if packed {
        blob.extend(zstd::bulk::compress(body, 3).expect("compresses"));
    } else {
        blob.extend_from_slice(body);
    }
    blob
}

#[test]
fn inconsistent_bodies_are_errors() {
    for packed in [false, true] {
        // Two samples present, 0 decimals, deltas 1 and 1: the one valid body here.
        let valid = blob_around(0, 2, &[2, 0, 2, 2], packed);
        assert_eq!(
            decode(&valid).expect("valid"),
            StreamData::Scalar(vec![Some(1.0), Some(2.0)])
        );
        for body in [
            &[3, 0, 2, 2][..],   // a run past the last sample
            &[2, 9, 2, 2],       // unknown channel tag
            &[2, 0, 2],          // a value missing
            &[2, 0, 2, 2, 2],    // a byte left over
            &[2, 0xFF, 0, 0, 0], // a raw value cut short
            &[2, 0, 0xFF, 0xFF], // a varint cut short
            &[],                 // nothing at all
        ] {
            error_of(&blob_around(0, 2, body, packed));
        }
        error_of(&blob_around(1, 2, &[2, 0, 2, 2], packed)); // a track without longitudes
    }
}

#[test]
fn garbage_and_damaged_blobs_never_panic() {
    let mut rng = StdRng::seed_from_u64(99);
    let blob = encode(&StreamData::Scalar(walk(&mut rng, 2_000, 1, 0.01)));
    let stored = blob_around(0, 100, &[100], false);
    let mut decoded = 0;
    for round in 0..20_000 {
        let bytes: Vec<u8> = match round % 3 {
            0 => (0..rng.random_range(0..64)).map(|_| rng.random()).collect(),
            1 => {
                let mut damaged = blob.clone();
                for _ in 0..rng.random_range(1..4) {
                    let at = rng.random_range(0..damaged.len());
                    damaged[at] ^= 1 << rng.random_range(0..8);
                }
                damaged
            }
            _ => {
                // A valid header before a random body, stored as is.
                let mut body = stored[..4].to_vec();
                body.extend((0..rng.random_range(0..200)).map(|_| rng.random::<u8>()));
                body
            }
        };
        decoded += usize::from(decode(&bytes).is_ok());
    }
    // The zstd checksum catches damage inside the frame: almost nothing random decodes.
    assert!(decoded < 2_000, "{decoded} random blobs decoded");
}

/// A 1–2 h outdoor ride of the sandbox's demo data set, as its platform's JSON body.
fn sandbox_ride() -> serde_json::Value {
    let anchor = NaiveDate::from_ymd_opt(2026, 6, 15).expect("a date");
    let data = Dataset::generate(2026, anchor, DatasetSize::Demo);
    let ride = data
        .activities
        .iter()
        .find(|a| {
            a.sport == Sport::Ride
                && !a.trainer
                && (3600..=7200).contains(&a.elapsed_time_s)
                && a.stream_types.iter().any(|t| t == "latlng")
        })
        .expect("the demo data set has an outdoor ride of one to two hours");
    let athlete = data.athlete(&ride.athlete_id).expect("the ride's athlete");
    let context = StreamContext {
        seed: 2026,
        athlete,
        plan: ride
            .planned_workout_id
            .as_deref()
            .and_then(|id| data.workout(id)),
        home: ride.start_latlng.unwrap_or(athlete.home),
    };
    let json = streams::generate(ride, &context).to_json(&ride.id, &TYPES);
    serde_json::from_str(&json).expect("the sandbox writes JSON")
}

/// Each series of a streams body: its kind, its samples as a JSON parser reads them, and its
/// compact JSON size.
fn series_of(body: &serde_json::Value) -> Vec<(StreamKind, StreamData, usize)> {
    let streams = body["streams"].as_object().expect("a streams object");
    streams
        .iter()
        .map(|(name, samples)| {
            let kind = StreamKind::parse(name).expect("a known stream type");
            let samples = samples.as_array().expect("an array");
            let data = if kind == StreamKind::Latlng {
                StreamData::LatLng(
                    samples
                        .iter()
                        .map(|p| {
                            p.as_array()
                                .map(|p| [p[0].as_f64().unwrap(), p[1].as_f64().unwrap()])
                        })
                        .collect(),
                )
            } else {
                StreamData::Scalar(samples.iter().map(serde_json::Value::as_f64).collect())
            };
            let json_size = serde_json::to_string(samples).expect("serializes").len();
            (kind, data, json_size)
        })
        .collect()
}

#[test]
fn a_realistic_ride_packs_within_35_percent_of_its_json() {
    let series = series_of(&sandbox_ride());
    assert!(series.len() >= 8, "every type of an outdoor ride");
    assert!((3600..=7200).contains(&series[0].1.len()));
    let (mut encoded, mut json) = (0, 0);
    for (kind, data, json_size) in &series {
        let blob = assert_round_trip(data);
        println!(
            "{:>9}: {:>7} B JSON, {:>6} B encoded ({:.1}%)",
            kind.as_str(),
            json_size,
            blob.len(),
            100.0 * blob.len() as f64 / *json_size as f64
        );
        encoded += blob.len();
        json += json_size;
    }
    let ratio = encoded as f64 / json as f64;
    println!(
        "all series: {json} B JSON, {encoded} B encoded, ratio {:.1}%",
        100.0 * ratio
    );
    assert!(ratio <= 0.35, "ratio {ratio}");
}

#[test]
fn one_encoder_makes_the_blobs_a_fresh_one_makes() {
    let mut rng = StdRng::seed_from_u64(11);
    let mut encoder = Encoder::new();
    for len in [20_000, 10, 0, 5_000, 1, 30_000, 300] {
        let series = [
            StreamData::Scalar(walk(&mut rng, len, 1, 0.05)),
            StreamData::Scalar((0..len).map(|i| Some(i as f64)).collect()),
        ];
        for data in &series {
            let blob = encoder.encode(data);
            assert_eq!(blob, encode(data), "{len} samples");
            assert_eq!(bits(&decode(&blob).unwrap()), bits(data));
        }
    }
}

/// Encode and decode speed on a realistic ride, stretched to six hours (21,600 samples):
/// `cargo test --release -p offpeak-store --test codec -- --ignored --nocapture`.
#[test]
#[ignore = "a timing run, not a check"]
fn codec_speed_on_a_six_hour_ride() {
    let series = series_of(&sandbox_ride());
    let runs = 50;
    let (mut encoding, mut decoding) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    let mut bytes = 0;
    for (kind, data, _) in &series {
        let long = stretch(data, 21_600);
        let started = std::time::Instant::now();
        let mut blob = Vec::new();
        for _ in 0..runs {
            blob = encode(&long);
        }
        let encode_each = started.elapsed() / runs;
        let started = std::time::Instant::now();
        for _ in 0..runs {
            std::hint::black_box(codec::decode(&blob).expect("decodes"));
        }
        let decode_each = started.elapsed() / runs;
        println!(
            "{:>9}: {:>6} B, encode {encode_each:?}, decode {decode_each:?}",
            kind.as_str(),
            blob.len()
        );
        encoding += encode_each;
        decoding += decode_each;
        bytes += blob.len();
    }
    println!("all series of 21,600 samples: {bytes} B, encode {encoding:?}, decode {decoding:?}");
    for len in [21_600, 3_600] {
        let long: Vec<StreamData> = series.iter().map(|(_, d, _)| stretch(d, len)).collect();
        let started = std::time::Instant::now();
        for _ in 0..runs {
            for data in &long {
                std::hint::black_box(encode(data));
            }
        }
        let fresh = started.elapsed() / runs;
        let started = std::time::Instant::now();
        for _ in 0..runs {
            let mut encoder = Encoder::new();
            for data in &long {
                std::hint::black_box(encoder.encode(data));
            }
        }
        let reused = started.elapsed() / runs;
        println!("all series of {len} samples: a context each {fresh:?}, one for all {reused:?}");
    }
}

/// The series repeated up to `len` samples.
fn stretch(data: &StreamData, len: usize) -> StreamData {
    match data {
        StreamData::Scalar(v) => StreamData::Scalar(v.iter().copied().cycle().take(len).collect()),
        StreamData::LatLng(v) => StreamData::LatLng(v.iter().copied().cycle().take(len).collect()),
    }
}
