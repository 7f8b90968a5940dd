//! The sync engine's errors and the closed set of codes the screens react to.

use offpeak_domain::{AuthKind, ProviderKind};
use offpeak_provider::ProviderError;
use offpeak_store::StoreError;
use offpeak_vault::VaultError;
/// A closed set: every error Offpeak shows has exactly one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    ReauthRequired,
    Offline,
    RateLimited,
    InsufficientScope,
    NotFound,
    InvalidInput,
    AuthDenied,
    AuthFailed,
    AuthTimeout,
    AuthCancelled,
    Cancelled,
    Server,
    Storage,
    Keychain,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ReauthRequired => "reauth_required",
            ErrorCode::Offline => "offline",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::InsufficientScope => "insufficient_scope",
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::AuthDenied => "auth_denied",
            ErrorCode::AuthFailed => "auth_failed",
            ErrorCode::AuthTimeout => "auth_timeout",
            ErrorCode::AuthCancelled => "auth_cancelled",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::Server => "server",
            ErrorCode::Storage => "storage",
            ErrorCode::Keychain => "keychain",
            ErrorCode::Internal => "internal",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    Provider(#[from] ProviderError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Vault(#[from] VaultError),
    #[error("there is no connected account with the id {0}")]
    UnknownConnection(String),
    #[error("the keychain holds no sign-in for this account; reconnect it")]
    MissingCredentials,
    #[error("this account is disconnected; reconnect it to sync again")]
    Disconnected,
    /// The platform no longer accepts this connection's sign-in; the sentence names the platform.
    #[error("{0}")]
    Reconnect(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("the sync was cancelled; what was already fetched is kept")]
    Cancelled,
}

impl SyncError {
    pub fn code(&self) -> ErrorCode {
        match self {
            SyncError::Provider(e) => match e {
                ProviderError::Offline { .. } | ProviderError::Timeout => ErrorCode::Offline,
                ProviderError::ReauthRequired | ProviderError::AccessTokenRejected => {
                    ErrorCode::ReauthRequired
                }
                ProviderError::InsufficientScope(_) => ErrorCode::InsufficientScope,
                ProviderError::RateLimited { .. } => ErrorCode::RateLimited,
                ProviderError::NotFound(_) => ErrorCode::NotFound,
                ProviderError::Server { .. } | ProviderError::BadResponse(_) => ErrorCode::Server,
                ProviderError::AuthDenied => ErrorCode::AuthDenied,
                ProviderError::AuthTimeout(_) => ErrorCode::AuthTimeout,
                ProviderError::AuthCancelled => ErrorCode::AuthCancelled,
                ProviderError::ApiKeyRefused => ErrorCode::ReauthRequired,
                ProviderError::AthleteNotShared { .. } => ErrorCode::InsufficientScope,
                ProviderError::UnknownPath { .. } => ErrorCode::Internal,
                ProviderError::CodeRejected
                | ProviderError::IssuerMismatch { .. }
                | ProviderError::PkceUnsupported { .. }
                | ProviderError::NoFreePort { .. }
                | ProviderError::RevocationUnsupported => ErrorCode::AuthFailed,
                ProviderError::StateMismatch
                | ProviderError::InvalidClient
                | ProviderError::OAuth { .. }
                | ProviderError::Listener(_) => ErrorCode::AuthFailed,
                ProviderError::InvalidInput(_) => ErrorCode::InvalidInput,
            },
            SyncError::Store(_) => ErrorCode::Storage,
            SyncError::Vault(_) => ErrorCode::Keychain,
            SyncError::UnknownConnection(_) => ErrorCode::NotFound,
            SyncError::MissingCredentials => ErrorCode::ReauthRequired,
            SyncError::Disconnected | SyncError::Reconnect(_) => ErrorCode::ReauthRequired,
            SyncError::InvalidInput(_) => ErrorCode::InvalidInput,
            SyncError::Cancelled => ErrorCode::Cancelled,
        }
    }

    /// The same error told about one connection: a refused sign-in names the platform and says
    /// that the cached data is kept.
    pub fn for_connection(self, provider: ProviderKind, auth_kind: AuthKind) -> SyncError {
        let refused = matches!(
            self,
            SyncError::MissingCredentials
                | SyncError::Provider(
                    ProviderError::ReauthRequired
                        | ProviderError::AccessTokenRejected
                        | ProviderError::ApiKeyRefused
                )
        );
        if !refused {
            return self;
        }
        let platform = provider.display_name();
        SyncError::Reconnect(match auth_kind {
            AuthKind::OAuth => format!(
                "{platform} no longer accepts Offpeak's sign-in: the access was revoked or has expired. Reconnect the account; its cached data is kept"
            ),
            AuthKind::ApiKey => format!(
                "{platform} no longer accepts the API key: it was deleted or changed. Reconnect with the current key; the cached data is kept"
            ),
        })
    }

    /// The sentence shown to a person: the cause, then what to do.
    pub fn message(&self) -> String {
        let text = self.to_string();
        // A sentence that opens with an address keeps it as written.
        if text
            .split_whitespace()
            .next()
            .is_some_and(|w| w.contains("://"))
        {
            return format!("{}.", text.trim_end_matches('.'));
        }
        let mut chars = text.chars();
        match chars.next() {
            Some(first) => format!(
                "{}{}.",
                first.to_uppercase(),
                chars.as_str().trim_end_matches('.')
            ),
            None => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_a_capitalized_sentence_unless_it_opens_with_an_address() {
        let plain = SyncError::InvalidInput("the month must read YYYY-MM".into());
        assert_eq!(plain.message(), "The month must read YYYY-MM.");
        let offline = SyncError::from(ProviderError::Offline {
            origin: "http://127.0.0.1:9".into(),
            reason: "connection refused".into(),
        });
        assert!(
            offline
                .message()
                .starts_with("http://127.0.0.1:9 could not be reached"),
            "{}",
            offline.message()
        );
        assert!(offline.message().ends_with('.'));
    }
}
