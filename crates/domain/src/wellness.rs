//! Wellness: an athlete's morning measurements on one local date.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One day's measurements; every one may be missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wellness {
    pub athlete_id: String,
    pub date: NaiveDate,
    pub resting_hr: Option<u32>,
    /// rMSSD, milliseconds.
    pub hrv: Option<f64>,
    pub weight_kg: Option<f64>,
    pub sleep_s: Option<u32>,
    /// 1 (poor) to 4 (great), as the person rated it.
    pub sleep_quality: Option<u8>,
    pub updated_at: DateTime<Utc>,
}
