//! Which samples are present: run lengths, alternately present and missing, starting with a
//! (possibly empty) present run. A series without dropouts is one number.

use super::CodecError;
use super::varint::{Reader, write_u64};

/// Appends the runs of `present`.
pub(super) fn write(present: impl Iterator<Item = bool>, out: &mut Vec<u8>) {
    let mut current = true;
    let mut run = 0u64;
    for sample in present {
        if sample != current {
            write_u64(run, out);
            current = sample;
            run = 0;
        }
        run += 1;
    }
    if run > 0 {
        write_u64(run, out);
    }
}

/// Reads runs until they cover `count` samples. Only the first run may be empty, and no run may
/// reach past `count`.
pub(super) fn read(reader: &mut Reader<'_>, count: usize) -> Result<Vec<bool>, CodecError> {
    let mut present = Vec::with_capacity(count);
    let mut current = true;
    while present.len() < count {
        let run = reader.u64("presence runs")?;
        let left = (count - present.len()) as u64;
        if run > left {
            return Err(CodecError(
                "a presence run reaches past the last sample".into(),
            ));
        }
        if run == 0 && !present.is_empty() {
            return Err(CodecError("an empty presence run after the first".into()));
        }
        if run == 0 && !current {
            return Err(CodecError("two empty presence runs".into()));
        }
        present.resize(present.len() + run as usize, current);
        current = !current;
    }
    Ok(present)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(present: &[bool]) -> Vec<u8> {
        let mut out = Vec::new();
        write(present.iter().copied(), &mut out);
        out
    }

    #[test]
    fn runs_alternate_from_present() {
        assert_eq!(runs(&[]), Vec::<u8>::new());
        assert_eq!(runs(&[true, true, true]), [3]);
        assert_eq!(runs(&[false, false]), [0, 2]);
        assert_eq!(runs(&[true, false, false, true]), [1, 2, 1]);
        for pattern in [&[][..], &[false, true, true, false], &[true, false, true]] {
            let bytes = runs(pattern);
            let mut reader = Reader::new(&bytes);
            assert_eq!(read(&mut reader, pattern.len()).expect("decodes"), pattern);
            assert!(reader.finish().is_ok());
        }
    }

    #[test]
    fn inconsistent_runs_are_errors() {
        assert!(read(&mut Reader::new(&[4]), 3).is_err(), "past the end");
        assert!(
            read(&mut Reader::new(&[1, 0, 2]), 3).is_err(),
            "empty middle run"
        );
        assert!(
            read(&mut Reader::new(&[0, 0, 1]), 1).is_err(),
            "two empty runs"
        );
        assert!(read(&mut Reader::new(&[1]), 3).is_err(), "ends early");
    }
}
