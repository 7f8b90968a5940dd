//! Which dates a first sync reads, in which order: the calendar window around today first (so
//! the calendar is usable within seconds), then history backwards in growing spans, then one
//! open-ended read of everything older. Pure date arithmetic, no I/O.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Dates to read, inclusive; `None` leaves that side open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub oldest: Option<NaiveDate>,
    pub newest: Option<NaiveDate>,
}

impl Span {
    /// True for the calendar window, the only span open towards the future.
    pub fn is_calendar(&self) -> bool {
        self.newest.is_none()
    }
}

/// First history span, in months; each later one doubles, up to [`MAX_SPAN_MONTHS`].
const FIRST_SPAN_MONTHS: u32 = 3;
const MAX_SPAN_MONTHS: u32 = 48;

/// How far ahead a date-window platform is read (it has no open-ended listing).
pub const PLAN_AHEAD_DAYS: u64 = 400;

/// The calendar window: from the first day of last month, open towards the future.
pub fn calendar(today: NaiveDate) -> Span {
    Span {
        oldest: Some(first_of_previous_month(today)),
        newest: None,
    }
}

fn first_of_previous_month(today: NaiveDate) -> NaiveDate {
    let first = today.with_day(1).unwrap_or(today);
    first.checked_sub_months(Months::new(1)).unwrap_or(first)
}

/// The span read after `current` of `months` months (0 for the calendar window) that held
/// `found` items, with its length in months; `None` when `current` was the last one.
///
/// History goes backwards in spans of 3, 6, 12… months. A span that held nothing is followed
/// by one open-ended read of everything older, so a gap in someone's training never hides
/// what came before it.
pub fn after(current: Span, months: u32, found: u64) -> Option<(Span, u32)> {
    let oldest = current.oldest?;
    let newest = oldest.checked_sub_days(Days::new(1))?;
    if months > 0 && found == 0 {
        return Some((
            Span {
                oldest: None,
                newest: Some(newest),
            },
            0,
        ));
    }
    let months = if months == 0 {
        FIRST_SPAN_MONTHS
    } else {
        (months * 2).min(MAX_SPAN_MONTHS)
    };
    let oldest = oldest.checked_sub_months(Months::new(months))?;
    Some((
        Span {
            oldest: Some(oldest),
            newest: Some(newest),
        },
        months,
    ))
}

/// The earliest date a date-window platform is asked about (it needs a lower bound).
pub fn dawn() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_calendar_window_starts_at_the_first_of_last_month() {
        assert_eq!(calendar(day("2026-11-23")).oldest, Some(day("2026-10-01")));
        assert_eq!(calendar(day("2026-01-05")).oldest, Some(day("2025-12-01")));
        assert_eq!(calendar(day("2026-11-23")).newest, None);
    }

    #[test]
    fn history_goes_back_in_growing_spans_without_gaps() {
        let mut span = calendar(day("2026-11-23"));
        let mut months = 0;
        let mut seen = Vec::new();
        while let Some((next, m)) = after(span, months, 10) {
            assert_eq!(
                next.newest.unwrap() + Days::new(1),
                span.oldest.unwrap(),
                "spans touch"
            );
            seen.push(m);
            span = next;
            months = m;
            if seen.len() == 8 {
                break;
            }
        }
        assert_eq!(seen, [3, 6, 12, 24, 48, 48, 48, 48]);
        assert_eq!(span.oldest, Some(day("2007-01-01")));
    }

    #[test]
    fn an_empty_span_is_followed_by_everything_older_and_then_nothing() {
        let span = Span {
            oldest: Some(day("2020-01-01")),
            newest: Some(day("2020-12-31")),
        };
        let (rest, months) = after(span, 12, 0).unwrap();
        assert_eq!(rest.oldest, None);
        assert_eq!(rest.newest, Some(day("2019-12-31")));
        assert_eq!(after(rest, months, 5), None);
        // The calendar window is never "empty history".
        let (first, m) = after(calendar(day("2026-11-23")), 0, 0).unwrap();
        assert_eq!((first.oldest, m), (Some(day("2026-07-01")), 3));
    }
}
