//! What an Intervals.icu refusal means for a person. The platform's bodies (and any exception
//! text in them) are never shown: the status, the credentials used and the path asked decide.

use super::IntervalsAuth;
use crate::ProviderError;
use std::time::Duration;

/// The request that was refused, as far as the message needs it.
pub(super) struct Asked<'a> {
    /// The path asked, e.g. `/api/v1/athlete/0/events`.
    pub path: &'a str,
    /// The athlete id in the path, if any (`0` for the owner of the key or token).
    pub athlete: Option<&'a str>,
    /// The OAuth scope the call needs, if any.
    pub scope: Option<&'static str>,
}

pub(super) fn refusal(
    status: u16,
    retry_after: Option<&str>,
    auth: &IntervalsAuth,
    asked: &Asked<'_>,
) -> ProviderError {
    let other_athlete = asked.athlete.filter(|id| *id != "0");
    match (status, auth) {
        (401, IntervalsAuth::ApiKey(_)) => ProviderError::ApiKeyRefused,
        (401, IntervalsAuth::Bearer(_)) => ProviderError::AccessTokenRejected,
        (403, IntervalsAuth::ApiKey(_)) => match other_athlete {
            Some(id) => ProviderError::AthleteNotShared {
                athlete_id: id.to_owned(),
            },
            None => ProviderError::ApiKeyRefused,
        },
        (403, IntervalsAuth::Bearer(_)) => match (other_athlete, asked.scope) {
            // The person may have unticked this scope on the consent page.
            (None, Some(scope)) => ProviderError::InsufficientScope(scope.to_owned()),
            _ => ProviderError::AccessTokenRejected,
        },
        (404, _) => ProviderError::UnknownPath {
            path: asked.path.to_owned(),
        },
        (429, _) => ProviderError::RateLimited {
            retry_after: Duration::from_secs(
                retry_after.and_then(|s| s.trim().parse().ok()).unwrap_or(1),
            ),
        },
        (s, _) if s >= 500 => ProviderError::Server { status: s },
        (s, _) => ProviderError::BadResponse(format!("{} answered HTTP {s}", asked.path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use offpeak_domain::Sensitive;

    fn key() -> IntervalsAuth {
        IntervalsAuth::ApiKey(Sensitive::new("k".into()))
    }

    fn bearer() -> IntervalsAuth {
        IntervalsAuth::Bearer(Sensitive::new("t".into()))
    }

    const OWN: Asked<'static> = Asked {
        path: "/api/v1/athlete/0/events",
        athlete: Some("0"),
        scope: Some("CALENDAR:READ"),
    };

    #[test]
    fn the_same_status_means_different_things_for_a_key_and_a_token() {
        assert!(matches!(
            refusal(401, None, &key(), &OWN),
            ProviderError::ApiKeyRefused
        ));
        assert!(matches!(
            refusal(401, None, &bearer(), &OWN),
            ProviderError::AccessTokenRejected
        ));
        assert!(matches!(
            refusal(403, None, &bearer(), &OWN),
            ProviderError::InsufficientScope(s) if s == "CALENDAR:READ"
        ));
    }

    #[test]
    fn messages_name_the_athlete_and_the_path_but_never_the_key() {
        let other = Asked {
            path: "/api/v1/athlete/i7",
            athlete: Some("i7"),
            scope: None,
        };
        let message = refusal(403, None, &key(), &other).to_string();
        assert!(message.contains("i7") && message.contains("leave the athlete ID empty"));
        let message = refusal(404, None, &key(), &OWN).to_string();
        assert!(message.contains("/api/v1/athlete/0/events") && message.contains("report"));
        assert!(matches!(
            refusal(429, Some("3"), &key(), &OWN),
            ProviderError::RateLimited { retry_after } if retry_after == Duration::from_secs(3)
        ));
    }
}
