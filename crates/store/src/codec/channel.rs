//! One channel of numbers (a scalar series, or the latitudes or longitudes of a track), present
//! samples only: as fixed-point integers when every value has at most seven decimals, else as
//! raw `f64`s.
//!
//! A channel starts with one byte: its number of decimals `d` (0 to 7), or [`RAW`]. Fixed point
//! stores each value as the integer `s` with `value == s as f64 / 10^d` exactly (bit for bit), as
//! the zigzag varint of its difference from the previous one (the first from 0). That division
//! is what a JSON parser does with a decimal such as `12.3` (significand 123, exponent −1), so
//! the platform's values come back as the very `f64`s that were parsed. `|s|` stays within
//! 2^53, where every integer is an exact `f64`.

use super::CodecError;
use super::varint::{Reader, unzigzag, write_zigzag_deltas};

#[cfg(test)]
mod reference;

/// The channel tag of raw little-endian `f64`s.
const RAW: u8 = 0xFF;

const MAX_DECIMALS: u8 = 7;

/// `10^d` for `d` in `0..=MAX_DECIMALS`, all exact.
const POW10: [f64; MAX_DECIMALS as usize + 1] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7];

/// The largest fixed-point magnitude: 2^53.
const MAX_SCALED: i64 = 1 << 53;

/// Appends the channel of `values` (clonable: raw values are read again); `count` is how many
/// there are at most, to size the buffers once.
pub(super) fn write(values: impl Iterator<Item = f64> + Clone, count: usize, out: &mut Vec<u8>) {
    if let Some((decimals, scaled)) = fixed_point(values.clone(), count) {
        out.push(decimals);
        write_zigzag_deltas(&scaled, out);
        return;
    }
    out.push(RAW);
    out.reserve(8 * count);
    for value in values {
        out.extend_from_slice(&value.to_le_bytes());
    }
}

/// Reads a channel of `count` values.
pub(super) fn read(reader: &mut Reader<'_>, count: usize) -> Result<Vec<f64>, CodecError> {
    let tag = reader.byte("channel tag")?;
    // Each value takes at least one byte: a damaged count cannot reserve more than the blob holds.
    let mut values = Vec::with_capacity(count.min(reader.remaining()));
    if tag == RAW {
        for _ in 0..count {
            values.push(f64::from_le_bytes(reader.array("raw values")?));
        }
        return Ok(values);
    }
    let scale = *POW10
        .get(usize::from(tag))
        .ok_or_else(|| CodecError(format!("unknown channel tag {tag}")))?;
    let mut previous = 0i64;
    for _ in 0..count {
        let delta = unzigzag(reader.u64("values")?);
        previous = previous
            .checked_add(delta)
            .filter(|scaled| scaled.abs() <= MAX_SCALED)
            .ok_or_else(|| CodecError("a value is out of the format's range".into()))?;
        values.push(previous as f64 / scale);
    }
    Ok(values)
}

/// The values as fixed-point integers with the fewest decimals (at most seven) that reproduce
/// every one of them, or `None`. A value exact at `d` decimals as `s` is exact at `d + 1` as
/// `10·s` (while within 2^53: the same quotient of two exact `f64`s, so the same correctly
/// rounded result), so when a value needs more decimals the integers already found are scaled
/// up rather than recomputed. A value equal (bit for bit) to the one before has its integer.
fn fixed_point(mut values: impl Iterator<Item = f64>, count: usize) -> Option<(u8, Vec<i64>)> {
    let mut all_scaled: Vec<i64> = Vec::with_capacity(count);
    // The value before and its integer, starting from +0 (0 at any number of decimals).
    let mut previous = (0f64.to_bits(), 0i64);
    // Whole numbers first: at no decimals, multiplying and dividing by 1 change nothing, so the
    // check is the integer's own `f64`.
    let mut decimals = 0;
    for value in values.by_ref() {
        let bits = value.to_bits();
        if bits == previous.0 {
            all_scaled.push(previous.1);
            continue;
        }
        let whole = nearest_integer(value).filter(|&whole| (whole as f64).to_bits() == bits);
        let scaled = match whole {
            Some(whole) => whole,
            None => {
                let (more, scaled) = more_decimals(value, decimals, &mut all_scaled)?;
                decimals = more;
                scaled
            }
        };
        previous = (bits, scaled);
        all_scaled.push(scaled);
        if decimals > 0 {
            break;
        }
    }
    let mut scale = POW10[usize::from(decimals)];
    for value in values {
        let bits = value.to_bits();
        if bits == previous.0 {
            all_scaled.push(previous.1);
            continue;
        }
        let scaled = match scaled(value, scale) {
            Some(scaled) => scaled,
            None => {
                let (more, scaled) = more_decimals(value, decimals, &mut all_scaled)?;
                decimals = more;
                scale = POW10[usize::from(more)];
                scaled
            }
        };
        previous = (bits, scaled);
        all_scaled.push(scaled);
    }
    Some((decimals, all_scaled))
}

/// The fewest decimals beyond `decimals` at which `value` is exact, with its integer there,
/// the integers found so far scaled up to them; `None` when there are none (up to seven, within
/// 2^53).
#[cold]
#[inline(never)]
fn more_decimals(value: f64, mut decimals: u8, all_scaled: &mut [i64]) -> Option<(u8, i64)> {
    loop {
        decimals += 1;
        if decimals > MAX_DECIMALS {
            return None;
        }
        for earlier in all_scaled.iter_mut() {
            *earlier = earlier.checked_mul(10).filter(|s| s.abs() <= MAX_SCALED)?;
        }
        if let Some(scaled) = scaled(value, POW10[usize::from(decimals)]) {
            return Some((decimals, scaled));
        }
    }
}

/// `value × scale` (a power of ten) as an integer, when dividing it back gives `value` bit for
/// bit.
#[inline(always)]
fn scaled(value: f64, scale: f64) -> Option<i64> {
    let scaled = nearest_integer(value * scale)?;
    ((scaled as f64 / scale).to_bits() == value.to_bits()).then_some(scaled)
}

/// The integer nearest `x` (halves away from zero), if `|x| ≤ 2^53`; `None` for NaN and
/// infinities too. Truncation and an exact fraction instead of `f64::round`, which is a call
/// into libm on baseline x86-64.
fn nearest_integer(x: f64) -> Option<i64> {
    // Infinities fail the range check; NaN is named.
    if x.is_nan() || x.abs() > MAX_SCALED as f64 {
        return None;
    }
    let truncated = x as i64;
    let fraction = x - truncated as f64;
    Some(if fraction >= 0.5 {
        truncated + 1
    } else if fraction <= -0.5 {
        truncated - 1
    } else {
        truncated
    })
}

#[cfg(test)]
mod tests {
    use super::super::varint::{write_u64, zigzag};
    use super::*;

    fn decimals(values: &[f64]) -> Option<u8> {
        fixed_point(values.iter().copied(), values.len()).map(|(decimals, _)| decimals)
    }

    fn round_trip(values: &[f64]) -> (u8, Vec<f64>) {
        let mut out = Vec::new();
        write(values.iter().copied(), values.len(), &mut out);
        let mut reader = Reader::new(&out);
        let back = read(&mut reader, values.len()).expect("decodes");
        assert!(reader.finish().is_ok());
        (out[0], back)
    }

    #[test]
    fn nearest_integers_match_round() {
        for x in [
            0.0,
            0.49,
            0.5,
            1.5,
            2.5,
            -0.5,
            -1.5,
            -2.49,
            1e15 + 0.5,
            9.007_199_254_740_992e15,
        ] {
            assert_eq!(nearest_integer(x), Some(x.round() as i64), "{x}");
        }
        assert_eq!(nearest_integer(9.007_199_254_740_994e15), None);
        assert_eq!(nearest_integer(f64::NAN), None);
        assert_eq!(nearest_integer(f64::NEG_INFINITY), None);
    }

    #[test]
    fn the_fewest_decimals_are_found() {
        assert_eq!(decimals(&[]), Some(0));
        assert_eq!(decimals(&[215.0, 0.0, -3.0]), Some(0));
        assert_eq!(decimals(&[12.3, 7.0, 0.1]), Some(1));
        assert_eq!(decimals(&[40.416775, -3.70379]), Some(6));
        assert_eq!(decimals(&[0.000_000_1, 1234567.1234567]), Some(7));
        assert_eq!(decimals(&[0.000_000_01]), None);
        assert_eq!(
            decimals(&[0.1 + 0.2]),
            None,
            "0.30000000000000004 is not 0.3"
        );
        assert_eq!(decimals(&[-0.0]), None, "-0 would come back as +0");
        assert_eq!(decimals(&[f64::NAN]), None);
        assert_eq!(decimals(&[1e300]), None);
        assert_eq!(
            decimals(&[9_007_199_254_740_992.0, 0.5]),
            None,
            "2^53 has no room for a decimal"
        );
        let (_, scaled) = fixed_point([3.0, 0.25, -1.5].into_iter(), 3).expect("fixed point");
        assert_eq!(scaled, [300, 25, -150]);
    }

    #[test]
    fn values_parsed_from_json_come_back_bit_for_bit() {
        let text = "[12.3, 0.3, -0.1, 1234567.1234567, 40.416775, -3.703790, 900719.9254741, 5e-7]";
        let parsed: Vec<f64> = serde_json::from_str(text).expect("valid JSON");
        let (tag, back) = round_trip(&parsed);
        assert_eq!(tag, 7);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&back), bits(&parsed));
    }

    #[test]
    fn values_beyond_fixed_point_are_kept_raw() {
        let values = [
            0.1 + 0.2,
            -0.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            1.5,
        ];
        let (tag, back) = round_trip(&values);
        assert_eq!(tag, RAW);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&back), bits(&values));
    }

    #[test]
    fn large_integers_stay_fixed_point_up_to_two_to_the_53() {
        let (tag, back) = round_trip(&[9_007_199_254_740_992.0, -9_007_199_254_740_992.0]);
        assert_eq!(tag, 0);
        assert_eq!(back, [9_007_199_254_740_992.0, -9_007_199_254_740_992.0]);
        let (tag, _) = round_trip(&[18_014_398_509_481_984.0]);
        assert_eq!(tag, RAW);
    }

    #[test]
    fn damaged_channels_are_errors() {
        assert!(read(&mut Reader::new(&[9, 0]), 1).is_err(), "unknown tag");
        assert!(
            read(&mut Reader::new(&[1, 2]), 2).is_err(),
            "too few values"
        );
        assert!(
            read(&mut Reader::new(&[RAW, 0, 0, 0]), 1).is_err(),
            "short raw value"
        );
        let mut huge = vec![0];
        write_u64(zigzag(MAX_SCALED), &mut huge);
        write_u64(zigzag(1), &mut huge);
        assert!(read(&mut Reader::new(&huge), 2).is_err(), "out of range");
    }
}
