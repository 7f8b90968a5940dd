//! LEB128 varints and zigzag signed integers, and a reader over a byte slice that reports
//! running out of bytes (or a malformed number) as an error instead of panicking.

use super::CodecError;

/// Appends `value` as an unsigned LEB128 varint: seven bits a byte, low bits first.
pub(super) fn write_u64(mut value: u64, out: &mut Vec<u8>) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The longest varint of a `u64`.
const LONGEST: usize = 10;

/// Appends the zigzag varint of each value's difference from the one before (the first from
/// 0): the bytes of [`write_u64`] and [`zigzag`] one value at a time, written a block at a time
/// into room made beforehand.
pub(super) fn write_zigzag_deltas(values: &[i64], out: &mut Vec<u8>) {
    const BLOCK: usize = 256;
    let mut previous = 0i64;
    for block in values.chunks(BLOCK) {
        let start = out.len();
        out.resize(start + block.len() * LONGEST, 0);
        let room = &mut out[start..];
        let mut at = 0;
        for &value in block {
            let mut delta = zigzag(value.wrapping_sub(previous));
            previous = value;
            while delta >= 0x80 {
                room[at] = (delta as u8) | 0x80;
                delta >>= 7;
                at += 1;
            }
            room[at] = delta as u8;
            at += 1;
        }
        out.truncate(start + at);
    }
}

/// Maps small magnitudes of either sign to small unsigned numbers: 0, −1, 1, −2 → 0, 1, 2, 3.
pub(super) fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

pub(super) fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

/// Reads a blob front to back.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// Bytes not read yet.
    pub(super) fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    pub(super) fn byte(&mut self, what: &str) -> Result<u8, CodecError> {
        let byte = *self.bytes.get(self.at).ok_or_else(|| ends_before(what))?;
        self.at += 1;
        Ok(byte)
    }

    pub(super) fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], CodecError> {
        let bytes = self
            .bytes
            .get(self.at..self.at + N)
            .ok_or_else(|| ends_before(what))?;
        self.at += N;
        let mut array = [0; N];
        array.copy_from_slice(bytes);
        Ok(array)
    }

    pub(super) fn u64(&mut self, what: &str) -> Result<u64, CodecError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let Some(&byte) = self.bytes.get(self.at) else {
                return Err(ends_before(what));
            };
            self.at += 1;
            let bits = u64::from(byte & 0x7F);
            if shift == 63 && bits > 1 {
                return Err(CodecError(format!("its {what} overflows 64 bits")));
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(CodecError(format!("its {what} is longer than ten bytes")))
    }

    /// The bytes not read yet, consuming them.
    pub(super) fn rest(&mut self) -> &'a [u8] {
        let rest = &self.bytes[self.at..];
        self.at = self.bytes.len();
        rest
    }

    /// Fails when bytes are left over: a blob is exactly one series.
    pub(super) fn finish(&self) -> Result<(), CodecError> {
        match self.remaining() {
            0 => Ok(()),
            left => Err(CodecError(format!(
                "{left} bytes are left after the series"
            ))),
        }
    }
}

#[cold]
fn ends_before(what: &str) -> CodecError {
    CodecError(format!("it ends before its {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_the_edges() {
        for value in [
            0,
            1,
            127,
            128,
            300,
            u64::from(u32::MAX),
            u64::MAX - 1,
            u64::MAX,
        ] {
            let mut out = Vec::new();
            write_u64(value, &mut out);
            let mut reader = Reader::new(&out);
            assert_eq!(reader.u64("number").expect("decodes"), value);
            assert!(reader.finish().is_ok());
        }
        for value in [0, -1, 1, i64::MIN, i64::MAX, -(1 << 53), 1 << 53] {
            assert_eq!(unzigzag(zigzag(value)), value);
        }
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }

    #[test]
    fn deltas_are_the_varints_of_each_difference() {
        let mut values = vec![
            0,
            1 << 53,
            -(1 << 53),
            5,
            5,
            -1,
            127,
            -64,
            64,
            300,
            0,
            i64::MAX,
        ];
        values.extend((0..64).map(|shift| ((1u64 << shift) - 1) as i64));
        values.extend((0..1000).map(|i: i64| (i * 7919) % 2003 - 1000));
        for len in [0, 1, 255, 256, 257, values.len()] {
            let mut expected = vec![7];
            let mut previous = 0;
            for &value in &values[..len] {
                write_u64(zigzag(value.wrapping_sub(previous)), &mut expected);
                previous = value;
            }
            let mut written = vec![7];
            write_zigzag_deltas(&values[..len], &mut written);
            assert_eq!(written, expected, "{len} values");
        }
    }

    #[test]
    fn malformed_varints_are_errors() {
        assert!(Reader::new(&[0x80, 0x80]).u64("count").is_err());
        assert!(Reader::new(&[0xFF; 10]).u64("count").is_err());
        assert!(Reader::new(&[0xFF; 11]).u64("count").is_err());
        let mut almost = [0xFF; 10];
        almost[9] = 0x01;
        assert_eq!(Reader::new(&almost).u64("count").expect("fits"), u64::MAX);
    }
}
