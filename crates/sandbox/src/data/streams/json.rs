//! The streams body, written by hand: a 6-hour ride is some 200,000 numbers, and writing them as
//! fixed-point integers into a small buffer is many times faster than formatting floats.

use super::{Streams, TYPES};

pub(super) fn write(s: &Streams, activity_id: &str, types: &[&str]) -> String {
    // Bytes per sample of each type, roughly, so that the output is allocated once.
    let width: usize = TYPES
        .iter()
        .zip([6, 8, 6, 5, 4, 3, 4, 3, 22])
        .filter(|(t, _)| types.contains(t) && s.has(t))
        .map(|(_, w)| w)
        .sum();
    let mut out = Out::new(128 + s.len() * width);
    out.text(b"{\"activity_id\":");
    let id = serde_json::to_string(activity_id).expect("a string serializes");
    out.text(id.as_bytes());
    out.text(b",\"resolution_s\":1,\"streams\":{");
    let mut first = true;
    for kind in TYPES {
        if !types.contains(&kind) || !s.has(kind) {
            continue;
        }
        if !first {
            out.text(b",");
        }
        first = false;
        out.text(b"\"");
        out.text(kind.as_bytes());
        out.text(b"\":[");
        match kind {
            "time" => out.list(&s.time, |o, &t| o.fixed::<0>(f64::from(t))),
            "distance" => out.plain::<1>(s.distance.as_deref()),
            "altitude" => out.plain::<1>(s.altitude.as_deref()),
            "velocity" => out.plain::<2>(s.velocity.as_deref()),
            "cadence" => out.plain::<0>(s.cadence.as_deref()),
            "temp" => out.plain::<0>(s.temp.as_deref()),
            "heartrate" => out.gappy(s.heartrate.as_deref()),
            "watts" => out.gappy(s.watts.as_deref()),
            "latlng" => out.list(s.latlng.as_deref().unwrap_or(&[]), |o, p| match p {
                Some((lat, lng)) => {
                    o.text(b"[");
                    o.fixed::<6>(*lat);
                    o.text(b",");
                    o.fixed::<6>(*lng);
                    o.text(b"]");
                }
                None => o.text(b"null"),
            }),
            _ => {}
        }
        out.text(b"]");
    }
    out.text(b"}}");
    String::from_utf8(out.finish()).expect("only ASCII and a JSON-escaped id are written")
}

/// The longest number written: a sign, 19 digits, a point and 6 places, with room to spare.
const WIDEST: usize = 32;

/// Bytes gathered in a small buffer and moved to the output a few kilobytes at a time.
struct Out {
    out: Vec<u8>,
    buf: [u8; 4096],
    len: usize,
}

impl Out {
    fn new(capacity: usize) -> Out {
        Out {
            out: Vec::with_capacity(capacity),
            buf: [0; 4096],
            len: 0,
        }
    }

    fn finish(mut self) -> Vec<u8> {
        self.flush();
        self.out
    }

    fn flush(&mut self) {
        self.out.extend_from_slice(&self.buf[..self.len]);
        self.len = 0;
    }

    #[inline]
    fn room(&mut self, bytes: usize) {
        if self.len + bytes > self.buf.len() {
            self.flush();
        }
    }

    fn text(&mut self, bytes: &[u8]) {
        if bytes.len() > self.buf.len() {
            self.flush();
            self.out.extend_from_slice(bytes);
            return;
        }
        self.room(bytes.len());
        self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Out, &T)) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.room(1);
                self.buf[self.len] = b',';
                self.len += 1;
            }
            each(self, item);
        }
    }

    fn plain<const D: u32>(&mut self, column: Option<&[f64]>) {
        self.list(column.unwrap_or(&[]), |o, &x| o.fixed::<D>(x));
    }

    fn gappy(&mut self, column: Option<&[Option<f64>]>) {
        self.list(column.unwrap_or(&[]), |o, x| match x {
            Some(x) => o.fixed::<0>(*x),
            None => o.text(b"null"),
        });
    }

    /// `x` with at most `D` places, trailing zeros dropped: 12, 12.5, 40.416812. Never NaN: a
    /// non-finite value (there should be none) is written as `null`.
    #[inline]
    fn fixed<const D: u32>(&mut self, x: f64) {
        self.room(WIDEST);
        let slot: &mut [u8; WIDEST] = (&mut self.buf[self.len..self.len + WIDEST])
            .try_into()
            .expect("room was made");
        self.len += number::<D>(slot, x);
    }
}

/// Writes `x` with at most `D` places into `slot`; returns the bytes written.
#[inline]
fn number<const D: u32>(slot: &mut [u8; WIDEST], x: f64) -> usize {
    if !x.is_finite() || x.abs() >= 1e12 {
        slot[..4].copy_from_slice(b"null");
        return 4;
    }
    let scale = 10u64.pow(D);
    let y = x * scale as f64;
    // Truncating casts round half away from zero without a call into libm.
    let scaled = if y >= 0.0 {
        (y + 0.5) as i64
    } else {
        (y - 0.5) as i64
    };
    let mut pos = 0;
    if scaled < 0 {
        slot[0] = b'-';
        pos = 1;
    }
    let abs = scaled.unsigned_abs();
    pos = digits(slot, pos, abs / scale, 0);
    let mut frac = abs % scale;
    if D > 0 && frac != 0 {
        let mut places = D as usize;
        while frac.is_multiple_of(10) {
            frac /= 10;
            places -= 1;
        }
        slot[pos] = b'.';
        pos = digits(slot, pos + 1, frac, places);
    }
    pos
}

/// Writes `x` in decimal at `pos`, zero-padded to at least `width` digits, two digits at a
/// time; returns the position after it.
#[inline]
fn digits(slot: &mut [u8; WIDEST], pos: usize, mut x: u64, width: usize) -> usize {
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let count = x.checked_ilog10().map_or(1, |d| d as usize + 1).max(width);
    let end = (pos + count).min(WIDEST);
    let mut i = end;
    while i >= pos + 2 {
        let pair = (x % 100) as usize * 2;
        x /= 100;
        slot[i - 2] = PAIRS[pair];
        slot[i - 1] = PAIRS[pair + 1];
        i -= 2;
    }
    if i > pos {
        slot[pos] = b'0' + (x % 10) as u8;
    }
    end
}
