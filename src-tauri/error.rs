//! The one error shape the UI receives: a code from a closed set and a sentence for a person.

use offpeak_sync::SyncError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl From<SyncError> for ApiError {
    fn from(error: SyncError) -> ApiError {
        ApiError {
            code: error.code().as_str().to_owned(),
            message: error.message(),
        }
    }
}

impl From<offpeak_store::StoreError> for ApiError {
    fn from(error: offpeak_store::StoreError) -> ApiError {
        SyncError::from(error).into()
    }
}

impl ApiError {
    pub fn invalid_input(message: impl Into<String>) -> ApiError {
        ApiError {
            code: "invalid_input".into(),
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            code: "internal".into(),
            message: message.into(),
        }
    }
}
