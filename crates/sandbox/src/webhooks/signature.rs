//! The `X-VeloPeak-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
//! "<t>.<raw body>")>`, as the contract (§4) defines it, for the server that signs and for a
//! receiver that checks.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// How far a signature's `t` may be from the receiver's clock, in seconds (contract §4).
pub const SIGNATURE_TOLERANCE_S: i64 = 300;

/// The `X-VeloPeak-Signature` header value for `body` sent at `t` (unix seconds):
/// `t=<t>,v1=<lowercase hex HMAC-SHA256(secret, "<t>.<body>")>`.
///
/// The secret is used as given (its bytes, `whsec_` prefix included), and `body` must be the
/// exact bytes sent.
pub fn sign(secret: &str, t: i64, body: &[u8]) -> String {
    format!(
        "t={t},v1={}",
        hex(&mac(secret, t, body).finalize().into_bytes())
    )
}

/// Why a signature header was refused by [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the signature header is malformed: {0}")]
    Malformed(&'static str),
    #[error("the signature is {0} seconds away from now")]
    Stale(i64),
    #[error("no v1 signature matches")]
    Mismatch,
}

/// Checks a `X-VeloPeak-Signature` header the way the contract asks a receiver to: over the raw
/// body bytes, in constant time, any one of several `v1=` being enough, and refusing a `t` more
/// than [`SIGNATURE_TOLERANCE_S`] seconds away from `now` (unix seconds). Returns `t`.
pub fn verify(secret: &str, header: &str, body: &[u8], now: i64) -> Result<i64, SignatureError> {
    let mut t = None;
    let mut candidates = Vec::new();
    for part in header.split(',') {
        let (key, value) = part
            .trim()
            .split_once('=')
            .ok_or(SignatureError::Malformed("a part without '='"))?;
        match key {
            "t" => {
                let value = value
                    .parse::<i64>()
                    .map_err(|_| SignatureError::Malformed("t is not a number"))?;
                if t.replace(value).is_some() {
                    return Err(SignatureError::Malformed("t appears twice"));
                }
            }
            "v1" => candidates.push(value),
            _ => {} // other schemes may come later
        }
    }
    let t = t.ok_or(SignatureError::Malformed("no t"))?;
    if candidates.is_empty() {
        return Err(SignatureError::Malformed("no v1"));
    }
    let skew = now.saturating_sub(t);
    if skew.abs() > SIGNATURE_TOLERANCE_S {
        return Err(SignatureError::Stale(skew));
    }
    let expected = mac(secret, t, body);
    let matches = candidates.into_iter().filter_map(unhex).any(|candidate| {
        // `verify_slice` compares in constant time.
        expected.clone().verify_slice(&candidate).is_ok()
    });
    if matches {
        Ok(t)
    } else {
        Err(SignatureError::Mismatch)
    }
}

fn mac(secret: &str, t: i64, body: &[u8]) -> HmacSha256 {
    let mut mac =
        HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC accepts keys of any length");
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        assert_eq!(hex(&[0, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(unhex("000fA5ff"), Some(vec![0, 0x0f, 0xa5, 0xff]));
        assert_eq!(unhex("abc"), None);
        assert_eq!(unhex("zz"), None);
    }

    #[test]
    fn verify_accepts_its_own_and_refuses_the_rest() {
        let body = br#"{"id":"dlv_1"}"#;
        let header = sign("whsec_a", 1000, body);
        assert_eq!(verify("whsec_a", &header, body, 1000), Ok(1000));
        assert_eq!(verify("whsec_a", &header, body, 1300), Ok(1000));
        assert_eq!(
            verify("whsec_a", &header, body, 1301),
            Err(SignatureError::Stale(301))
        );
        assert_eq!(
            verify("whsec_b", &header, body, 1000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("whsec_a", &header, br#"{"id":"dlv_2"}"#, 1000),
            Err(SignatureError::Mismatch)
        );
        // Rotation: any v1 that matches is enough.
        let old = sign("whsec_old", 1000, body);
        let v1_old = old.split_once(",v1=").unwrap().1;
        let v1_new = header.split_once(",v1=").unwrap().1;
        let both = format!("t=1000,v1={v1_old},v1={v1_new}");
        assert_eq!(verify("whsec_a", &both, body, 1000), Ok(1000));
        assert!(matches!(
            verify("whsec_a", "v1=00", body, 1000),
            Err(SignatureError::Malformed(_))
        ));
        assert!(matches!(
            verify("whsec_a", "t=1000", body, 1000),
            Err(SignatureError::Malformed(_))
        ));
    }
}
