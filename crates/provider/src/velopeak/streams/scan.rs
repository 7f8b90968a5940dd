//! The streams body read by hand, in one pass over its bytes, for the usual case: an object
//! whose `streams` member maps type names to arrays of numbers, `null`s or `[lat, lng]` pairs.
//!
//! Most of a body is numbers, and serde's machinery around each one costs more than the number.
//! This reader gives the very values serde_json gives (the same arithmetic, bit for bit) and
//! refuses nothing: whatever it is not sure of — a malformed body, an escaped member name, a
//! sample of another shape, a number of more than 19 digits — it leaves to serde (`None`), so
//! results and refusals stay serde's.

use offpeak_domain::{StreamData, StreamKind};

/// The series of the known kinds in `body`, in the order sent, or `None` to leave the body to
/// serde.
pub(super) fn series(body: &[u8]) -> Option<Vec<(StreamKind, Option<StreamData>)>> {
    let mut scan = Scan {
        bytes: body,
        pos: 0,
    };
    let mut series = None;
    scan.space();
    scan.expect(b'{')?;
    scan.space();
    if scan.peek()? == b'}' {
        return None;
    }
    loop {
        let key = scan.string()?;
        scan.space();
        scan.expect(b':')?;
        scan.space();
        if key == "streams" {
            if series.is_some() {
                return None;
            }
            series = Some(scan.streams()?);
        } else {
            scan.skip_value(0)?;
        }
        scan.space();
        match scan.next()? {
            b',' => scan.space(),
            b'}' => break,
            _ => return None,
        }
    }
    scan.space();
    if scan.pos != body.len() {
        return None;
    }
    series
}

/// Nesting deeper than this in a skipped value is left to serde, which has its own limit.
const MAX_DEPTH: usize = 64;

/// Powers of ten that are exact in an `f64`: serde_json's table up to where it stays exact.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

struct Scan<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scan<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    #[inline]
    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    /// Skips JSON whitespace.
    #[inline(always)]
    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.pos + word.len();
        (self.bytes.get(self.pos..end)? == word).then(|| self.pos = end)
    }

    /// A member's name: a string without escapes, in valid UTF-8 (anything else is serde's).
    fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.pos;
        loop {
            match self.next()? {
                b'"' => break,
                b'\\' | 0..=0x1f => return None,
                _ => {}
            }
        }
        std::str::from_utf8(&self.bytes[start..self.pos - 1]).ok()
    }

    /// Steps over a string, escapes included, as serde_json skips one: its escapes checked,
    /// its bytes not.
    fn skip_string(&mut self) -> Option<()> {
        self.expect(b'"')?;
        loop {
            match self.next()? {
                b'"' => return Some(()),
                b'\\' => match self.next()? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                    b'u' => {
                        let hex = self.bytes.get(self.pos..self.pos + 4)?;
                        if !hex.iter().all(u8::is_ascii_hexdigit) {
                            return None;
                        }
                        self.pos += 4;
                    }
                    _ => return None,
                },
                0..=0x1f => return None,
                _ => {}
            }
        }
    }

    /// The `streams` object: each known type's series read, every other member skipped.
    fn streams(&mut self) -> Option<Vec<(StreamKind, Option<StreamData>)>> {
        let mut series = Vec::new();
        let mut expected_len = 0;
        self.expect(b'{')?;
        self.space();
        if self.peek()? == b'}' {
            self.pos += 1;
            return Some(series);
        }
        loop {
            let name = self.string()?;
            self.space();
            self.expect(b':')?;
            self.space();
            match StreamKind::parse(name) {
                Some(kind) => {
                    let data = if kind == StreamKind::Latlng {
                        StreamData::LatLng(self.samples(expected_len, Scan::pair)?)
                    } else {
                        StreamData::Scalar(self.samples(expected_len, Scan::number)?)
                    };
                    expected_len = data.len();
                    series.push((kind, Some(data)));
                }
                None => self.skip_value(0)?,
            }
            self.space();
            match self.next()? {
                b',' => self.space(),
                b'}' => return Some(series),
                _ => return None,
            }
        }
    }

    /// An array of samples, each `null` or read by `sample`.
    fn samples<T>(
        &mut self,
        capacity: usize,
        sample: impl Fn(&mut Scan<'a>) -> Option<T>,
    ) -> Option<Vec<Option<T>>> {
        let mut samples = Vec::with_capacity(capacity);
        self.expect(b'[')?;
        self.space();
        if self.peek()? == b']' {
            self.pos += 1;
            return Some(samples);
        }
        loop {
            if self.peek()? == b'n' {
                self.literal(b"null")?;
                samples.push(None);
            } else {
                samples.push(Some(sample(self)?));
            }
            self.space();
            match self.next()? {
                b',' => self.space(),
                b']' => return Some(samples),
                _ => return None,
            }
        }
    }

    /// `[lat, lng]`: exactly two numbers.
    fn pair(&mut self) -> Option<[f64; 2]> {
        self.expect(b'[')?;
        self.space();
        let lat = self.number()?;
        self.space();
        self.expect(b',')?;
        self.space();
        let lng = self.number()?;
        self.space();
        self.expect(b']')?;
        Some([lat, lng])
    }

    /// A number as serde_json reads it into an `f64` sample: an integer through `u64` or `i64`,
    /// anything else as its digits (as a `u64`) times or over a power of ten up to 1e22. A
    /// number of more than 19 digits (which may not fit a u64, and then takes serde_json's long
    /// path) or with a larger power is left to serde_json.
    #[inline(always)]
    fn number(&mut self) -> Option<f64> {
        let negative = self.peek()? == b'-';
        if negative {
            self.pos += 1;
        }
        let integer_start = self.pos;
        let mut significand = self.digits_into(0);
        let integer_digits = self.pos - integer_start;
        if integer_digits == 0 || (integer_digits > 1 && self.bytes[integer_start] == b'0') {
            return None;
        }
        let mut digits = integer_digits;
        let mut exponent: i32 = 0;
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            let fraction_start = self.pos;
            significand = self.digits_into(significand);
            let fraction_digits = self.pos - fraction_start;
            if fraction_digits == 0 {
                return None;
            }
            digits += fraction_digits;
            exponent = -(fraction_digits as i32);
        }
        // Nineteen digits always fit a u64 (and digits_into cannot have wrapped).
        if digits > 19 {
            return None;
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            let negative_exponent = match self.peek()? {
                b'-' => {
                    self.pos += 1;
                    true
                }
                b'+' => {
                    self.pos += 1;
                    false
                }
                _ => false,
            };
            let start = self.pos;
            let written = self.digits_into(0);
            if self.pos == start || self.pos - start > 4 {
                return None;
            }
            let written = written as i32;
            exponent += if negative_exponent { -written } else { written };
        }
        let magnitude = significand as f64;
        let value = if integer {
            // serde_json hands a positive integer over as a u64 and a negative one as an i64
            // (or, for -0 and beyond i64, as the f64 negated): either way, `-(n as f64)`.
            magnitude
        } else {
            let power = *EXACT_POWERS_OF_TEN.get(exponent.unsigned_abs() as usize)?;
            if exponent >= 0 {
                magnitude * power
            } else {
                magnitude / power
            }
        };
        Some(if negative { -value } else { value })
    }

    /// Reads decimal digits onto `value` (wrapping: the caller counts the digits).
    #[inline(always)]
    fn digits_into(&mut self, mut value: u64) -> u64 {
        while let Some(&byte) = self.bytes.get(self.pos) {
            let digit = byte.wrapping_sub(b'0');
            if digit > 9 {
                break;
            }
            value = value.wrapping_mul(10).wrapping_add(u64::from(digit));
            self.pos += 1;
        }
        value
    }

    /// Steps over one value of any kind, checking it is well-formed JSON.
    fn skip_value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => self.skip_string(),
            b'n' => self.literal(b"null"),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'-' | b'0'..=b'9' => self.skip_number(),
            b'[' => {
                self.pos += 1;
                self.space();
                if self.peek()? == b']' {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.skip_value(depth + 1)?;
                    self.space();
                    match self.next()? {
                        b',' => self.space(),
                        b']' => return Some(()),
                        _ => return None,
                    }
                }
            }
            b'{' => {
                self.pos += 1;
                self.space();
                if self.peek()? == b'}' {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.skip_string()?;
                    self.space();
                    self.expect(b':')?;
                    self.space();
                    self.skip_value(depth + 1)?;
                    self.space();
                    match self.next()? {
                        b',' => self.space(),
                        b'}' => return Some(()),
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }

    /// Steps over a number of JSON's grammar, whatever its size (serde_json skips a number
    /// without reading its value).
    fn skip_number(&mut self) -> Option<()> {
        if self.peek()? == b'-' {
            self.pos += 1;
        }
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.digit()?;
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'-' | b'+') = self.peek() {
                self.pos += 1;
            }
            self.digit()?;
            self.digits();
        }
        Some(())
    }

    fn digit(&mut self) -> Option<()> {
        self.next()?.is_ascii_digit().then_some(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests;
