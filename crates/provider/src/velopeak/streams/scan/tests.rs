//! The hand reader against serde: whatever it reads, serde reads the same to the bit; whatever
//! serde refuses, it leaves to serde.

use super::super::StreamsJson;
use super::series;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

type Series = Vec<(
    offpeak_domain::StreamKind,
    Option<offpeak_domain::StreamData>,
)>;

fn through_serde(body: &[u8]) -> Result<Series, serde_json::Error> {
    serde_json::from_slice::<StreamsJson>(body).map(|json| json.streams.0)
}

/// Debug output tells every two different `f64`s apart, -0.0 and 0.0 included.
fn exactly(series: &Series) -> String {
    format!("{series:?}")
}

/// The rule: the hand reader reads only what serde reads, and reads it the same. Returns
/// whether it read `body`.
fn agrees(body: &[u8]) -> bool {
    let by_hand = series(body);
    if let Some(by_hand) = &by_hand {
        let by_serde = through_serde(body).unwrap_or_else(|e| {
            panic!(
                "serde refuses what was read by hand ({e}): {}",
                String::from_utf8_lossy(body)
            )
        });
        assert_eq!(
            exactly(by_hand),
            exactly(&by_serde),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    by_hand.is_some()
}

fn with_time(samples: &str) -> String {
    format!(r#"{{"streams":{{"time":[{samples}]}}}}"#)
}

const RIDE: &str = r#"{"activity_id":"act_\u00e9 1","resolution_s":1,"streams":{
    "time":[0,1,2,3],"distance":[0,4.5,9.1,13.75],"altitude":[612.3,612.4,-1.5,0],
    "velocity":[0,4.51,4.6,4.65],"heartrate":[null,121,122,null],"cadence":[0,88,90,91],
    "watts":[null,null,250,251],"temp":[21,21,21,20],
    "latlng":[null,[40.416812,-3.703822],[40.41682,-3.70383],null]}}"#;

#[test]
fn a_usual_body_is_read_by_hand_as_serde_reads_it() {
    assert!(agrees(RIDE.as_bytes()));
    assert!(agrees(RIDE.replace("\n    ", "").as_bytes()));
}

#[test]
fn whitespace_anywhere_between_tokens_is_read_by_hand() {
    let spaced: String = RIDE
        .replace("\\u00e9 ", "")
        .chars()
        .flat_map(|c| match c {
            '{' | '}' | '[' | ']' | ',' | ':' => vec![' ', c, '\t', '\r', '\n'],
            _ => vec![c],
        })
        .collect();
    assert!(agrees(format!("\n {spaced} \t").as_bytes()));
}

#[test]
fn empty_series_duplicate_kinds_and_unknown_members_are_read_by_hand() {
    for body in [
        r#"{"streams":{}}"#,
        r#"{"streams":{"time":[],"latlng":[]}}"#,
        r#"{"streams":{"time":[1,2],"watts":[3,4],"time":[5,6]}}"#,
        r#"{"streams":{"time":[1],"velocity_smooth":[2.5],"raw_watts":[3]}}"#,
        r#"{"x":{"a":[1,{"b\n":null}],"c":-1.5e400,"d":[true,false,"\"\u00E9\/"]},"streams":{"time":[0],
            "gear":["a","b"],"laps":[{"n":0.0001E-2}],"n":-0,"e":[[[]]],"o":{}},"y":null}"#,
    ] {
        assert!(agrees(body.as_bytes()), "{body}");
    }
}

#[test]
fn edge_numbers_are_read_to_the_bit() {
    let by_hand = [
        "0",
        "-0",
        "0.0",
        "-0.0",
        "-0.000",
        "0e0",
        "-0E-0",
        "7",
        "-7",
        "1e5",
        "1E+5",
        "1e-5",
        "-1.5e-3",
        "2.5e+22",
        "1e22",
        "1e-22",
        "0.1",
        "0.2",
        "0.30000000000000004",
        "40.416812",
        "-3.703822",
        "123456789012345678",
        "9007199254740993",
        "9007199254740993.5",
        "9999999999999999999",
        "-9223372036854775808",
        "-9223372036854775809",
        "-9999999999999999999",
        "1234567890.123456789",
        "0.000000000000000001",
    ];
    for token in by_hand {
        assert!(agrees(with_time(token).as_bytes()), "{token}");
    }
    // More than 19 digits (serde_json's long path once past a u64), or powers beyond 1e22.
    for token in [
        "18446744073709551615",
        "-18446744073709551615",
        "1844674407370955161.5",
        "0.0000000000000000001",
        "18446744073709551616",
        "-18446744073709551616",
        "1.8446744073709551616",
        "1e23",
        "1e-23",
        "1.7976931348623157e308",
        "5e-324",
        "1e400",
        "1e99999999999",
    ] {
        assert!(!agrees(with_time(token).as_bytes()), "{token}");
    }
}

fn digits(rng: &mut StdRng, count: usize) -> String {
    (0..count)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect()
}

/// A number of JSON's grammar: sign, integer part, fraction and exponent, each of any length.
fn random_number(rng: &mut StdRng) -> String {
    let mut token = String::new();
    if rng.random_bool(0.3) {
        token.push('-');
    }
    let integer_len = rng.random_range(1..=21);
    if integer_len == 1 || rng.random_bool(0.2) {
        token.push(char::from(b'0' + rng.random_range(0..10u8)));
    } else {
        token.push(char::from(b'1' + rng.random_range(0..9u8)));
        token.push_str(&digits(rng, integer_len - 1));
    }
    if rng.random_bool(0.6) {
        token.push('.');
        let fraction_len = rng.random_range(1..=14);
        token.push_str(&digits(rng, fraction_len));
    }
    if rng.random_bool(0.3) {
        token.push(if rng.random_bool(0.5) { 'e' } else { 'E' });
        match rng.random_range(0..3) {
            0 => token.push('-'),
            1 => token.push('+'),
            _ => {}
        }
        token.push_str(&rng.random_range(0..30).to_string());
    }
    token
}

#[test]
fn random_numbers_are_read_to_the_bit_as_serde_reads_them() {
    let mut rng = StdRng::seed_from_u64(20261124);
    let mut read = 0;
    let total = 20_000;
    for _ in 0..total {
        let token = random_number(&mut rng);
        if agrees(with_time(&token).as_bytes()) {
            read += 1;
        }
        let pair = format!(r#"{{"streams":{{"latlng":[[{token},{token}],null]}}}}"#);
        agrees(pair.as_bytes());
    }
    // Most random numbers fit a u64 and a power up to 1e22: the hand reader must take those.
    assert!(read > total / 2, "{read} of {total} read by hand");
}

#[test]
fn bodies_serde_refuses_are_left_to_it() {
    for body in [
        with_time("1,"),
        with_time("01"),
        with_time("1."),
        with_time(".5"),
        with_time("+1"),
        with_time("-"),
        with_time("1e"),
        with_time("1e+"),
        with_time("NaN"),
        with_time("Infinity"),
        with_time("nul"),
        with_time("1 2"),
        with_time("1.5.3"),
        with_time("[1,2]"),
        with_time("\"1\""),
        r#"{"streams":{"time":[0,1]}}x"#.to_owned(),
        r#"{"streams":{"time":[0,1]},}"#.to_owned(),
        r#"{"other":1}"#.to_owned(),
        r#"{"streams":{"time":[0]},"streams":{"time":[1]}}"#.to_owned(),
        r#"{"streams":{"time":[0],"latlng":[[1,2,3]]}}"#.to_owned(),
        r#"{"streams":{"time":[0],"latlng":[[1]]}}"#.to_owned(),
        r#"{"streams":{"time":[0],"latlng":[5]}}"#.to_owned(),
        r#"{"streams":{"time":null}}"#.to_owned(),
        r#"{"streams":[]}"#.to_owned(),
        r#"[{"time":[0]}]"#.to_owned(),
        r#"{"str\u0065ams":{"time":[0]}}"#.to_owned(),
        r#"{"streams":{"ti\u006de":[0]}}"#.to_owned(),
    ] {
        assert!(!agrees(body.as_bytes()), "{body}");
    }
    assert!(!agrees(b"{\"streams\":{\"time\":[0]},\"\xff\":1}"));
    assert!(!agrees(b"{\"streams\":{\"time\":[0]},\"x\":\"\\u12\"}"));
    assert!(!agrees(b"{\"streams\":{\"time\":[0]},\"x\":\"\\q\"}"));
    assert!(!agrees(b"{\"streams\":{\"time\":[0]},\"x\":\"\x01\"}"));
}

#[test]
fn every_cut_of_a_body_is_left_to_serde() {
    for end in 0..RIDE.len() {
        let cut = &RIDE.as_bytes()[..end];
        assert!(!agrees(cut), "{}", String::from_utf8_lossy(cut));
        assert!(through_serde(cut).is_err());
    }
}

#[test]
fn mangled_bodies_are_read_as_serde_reads_them_or_left_to_it() {
    let mut rng = StdRng::seed_from_u64(7);
    let alphabet = b"{}[],:\"-+.eE0123456789 nul\\x";
    for _ in 0..20_000 {
        let mut body = RIDE.as_bytes().to_vec();
        for _ in 0..rng.random_range(1..4) {
            let at = rng.random_range(0..body.len());
            let byte = alphabet[rng.random_range(0..alphabet.len())];
            match rng.random_range(0..3) {
                0 => body[at] = byte,
                1 => body.insert(at, byte),
                _ => {
                    body.remove(at);
                }
            }
        }
        agrees(&body);
    }
}
