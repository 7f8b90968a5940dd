//! Europe/Madrid's offset from UTC, by the EU rule: +01:00 in winter, +02:00 from 01:00 UTC on
//! the last Sunday of March until 01:00 UTC on the last Sunday of October.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, Utc};

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("valid month");
    let last = first_of_next.pred_opt().expect("not the first day ever");
    let back = last.weekday().num_days_from_sunday();
    last - Duration::days(i64::from(back))
}

/// The instants (UTC) at which summer time starts and ends in `year`.
fn summer_time(year: i32) -> (DateTime<Utc>, DateTime<Utc>) {
    let at_one = |d: NaiveDate| d.and_hms_opt(1, 0, 0).expect("valid time").and_utc();
    (at_one(last_sunday(year, 3)), at_one(last_sunday(year, 10)))
}

/// Offset in hours at a UTC instant.
pub fn offset_hours_at(utc: DateTime<Utc>) -> i32 {
    let (start, end) = summer_time(utc.year());
    if utc >= start && utc < end { 2 } else { 1 }
}

/// The offset at a UTC instant.
pub fn offset_at(utc: DateTime<Utc>) -> FixedOffset {
    FixedOffset::east_opt(offset_hours_at(utc) * 3600).expect("valid offset")
}

/// The UTC instant of a Madrid wall-clock time. An ambiguous time (the repeated hour in October)
/// resolves to the earlier instant; a time in the spring gap is read as winter time.
pub fn local_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    for hours in [2, 1] {
        let utc = (local - Duration::hours(i64::from(hours))).and_utc();
        if offset_hours_at(utc) == hours {
            return utc;
        }
    }
    (local - Duration::hours(1)).and_utc()
}

/// The Madrid wall-clock time of a UTC instant.
pub fn utc_to_local(utc: DateTime<Utc>) -> NaiveDateTime {
    utc.with_timezone(&offset_at(utc)).naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn last_sundays() {
        assert_eq!(
            last_sunday(2025, 3),
            NaiveDate::from_ymd_opt(2025, 3, 30).unwrap()
        );
        assert_eq!(
            last_sunday(2025, 10),
            NaiveDate::from_ymd_opt(2025, 10, 26).unwrap()
        );
        assert_eq!(
            last_sunday(2024, 3),
            NaiveDate::from_ymd_opt(2024, 3, 31).unwrap()
        );
        assert_eq!(
            last_sunday(2026, 10),
            NaiveDate::from_ymd_opt(2026, 10, 25).unwrap()
        );
        assert_eq!(
            last_sunday(2023, 12),
            NaiveDate::from_ymd_opt(2023, 12, 31).unwrap()
        );
    }

    #[test]
    fn switches_at_one_utc() {
        assert_eq!(offset_hours_at(utc("2025-03-30T00:59:59Z")), 1);
        assert_eq!(offset_hours_at(utc("2025-03-30T01:00:00Z")), 2);
        assert_eq!(offset_hours_at(utc("2025-10-26T00:59:59Z")), 2);
        assert_eq!(offset_hours_at(utc("2025-10-26T01:00:00Z")), 1);
        assert_eq!(offset_hours_at(utc("2025-01-15T12:00:00Z")), 1);
        assert_eq!(offset_hours_at(utc("2025-07-15T12:00:00Z")), 2);
        assert_eq!(offset_hours_at(utc("2025-12-31T23:30:00Z")), 1);
    }

    #[test]
    fn local_times_convert_both_ways() {
        assert_eq!(
            local_to_utc(local("2025-01-15 08:00")),
            utc("2025-01-15T07:00:00Z")
        );
        assert_eq!(
            local_to_utc(local("2025-07-15 08:00")),
            utc("2025-07-15T06:00:00Z")
        );
        // The morning after each switch already uses the new offset.
        assert_eq!(
            local_to_utc(local("2025-03-30 09:00")),
            utc("2025-03-30T07:00:00Z")
        );
        assert_eq!(
            local_to_utc(local("2025-10-26 09:00")),
            utc("2025-10-26T08:00:00Z")
        );
        // Ambiguous 02:30 in October: the earlier (summer) instant.
        assert_eq!(
            local_to_utc(local("2025-10-26 02:30")),
            utc("2025-10-26T00:30:00Z")
        );
        // 02:30 in March does not exist: read as winter time.
        assert_eq!(
            local_to_utc(local("2025-03-30 02:30")),
            utc("2025-03-30T01:30:00Z")
        );
        let t = utc("2025-06-01T16:45:00Z");
        assert_eq!(local_to_utc(utc_to_local(t)), t);
        assert_eq!(utc_to_local(t), local("2025-06-01 18:45"));
    }
}
