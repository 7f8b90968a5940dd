//! A platform address as a person types it: trimmed, without a trailing slash, http or https.

use crate::SyncError;
use offpeak_domain::ProviderKind;

/// Normalizes `origin`; an empty one means the platform's public address.
pub(crate) fn normalize(provider: ProviderKind, origin: &str) -> Result<String, SyncError> {
    let origin = origin.trim().trim_end_matches('/');
    if origin.is_empty() {
        return Ok(provider.default_origin().to_owned());
    }
    let valid = origin
        .split_once("://")
        .is_some_and(|(scheme, rest)| matches!(scheme, "http" | "https") && !rest.is_empty());
    if !valid {
        return Err(SyncError::InvalidInput(format!(
            "“{origin}” is not a server address; it should start with https://"
        )));
    }
    Ok(origin.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_must_be_web_addresses_and_lose_their_trailing_slash() {
        let p = ProviderKind::Velopeak;
        assert_eq!(
            normalize(p, " https://velo-peak.com/ ").unwrap(),
            "https://velo-peak.com"
        );
        assert_eq!(
            normalize(ProviderKind::Intervals, "").unwrap(),
            "https://intervals.icu"
        );
        for bad in ["velo-peak.com", "ftp://x", "https://"] {
            let err = normalize(p, bad).unwrap_err();
            assert!(matches!(err, SyncError::InvalidInput(_)), "{bad}");
        }
    }
}
