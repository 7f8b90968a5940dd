//! Wall-clock time ↔ UTC in any IANA zone, by the real rules (chrono-tz), and the days on which
//! a zone changes its offset.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// The zone of an IANA name used by the data set.
pub(super) fn zone(name: &str) -> Tz {
    name.parse().expect("a known IANA zone")
}

/// The UTC instant of a wall-clock time in `tz`. When the hour repeats (autumn) the earlier
/// instant wins; a time inside the spring gap is read with the offset in force before the gap,
/// so it lands as far after the gap as it was into it (02:30 becomes 03:30), as a clock would.
pub(super) fn to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => {
            let before = tz
                .offset_from_utc_datetime(&(local - Duration::days(1)))
                .fix();
            (local - Duration::seconds(i64::from(before.local_minus_utc()))).and_utc()
        }
    }
}

/// The wall-clock time of a UTC instant in `tz`.
pub(super) fn to_local(tz: Tz, utc: DateTime<Utc>) -> NaiveDateTime {
    utc.with_timezone(&tz).naive_local()
}

/// The local date of a UTC instant in `tz`.
pub(super) fn local_date(tz: Tz, utc: DateTime<Utc>) -> NaiveDate {
    to_local(tz, utc).date()
}

fn offset_s(tz: Tz, utc: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&utc.naive_utc())
        .fix()
        .local_minus_utc()
}

/// A change of a zone's offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Transition {
    /// The local date on which it happens.
    pub date: NaiveDate,
    /// Whether clocks go forward (the spring gap) rather than back (the repeated hour).
    pub forward: bool,
    /// The instant of the change.
    pub at: DateTime<Utc>,
}

/// Every offset change of `tz` between `from` and `to` (inclusive local dates).
pub(super) fn transitions(tz: Tz, from: NaiveDate, to: NaiveDate) -> Vec<Transition> {
    let noon = |d: NaiveDate| d.and_hms_opt(12, 0, 0).expect("valid time").and_utc();
    let mut found = Vec::new();
    let mut day = from - Duration::days(1);
    let mut prev = offset_s(tz, noon(day));
    while day < to + Duration::days(1) {
        day += Duration::days(1);
        let here = offset_s(tz, noon(day));
        if here != prev {
            // Bisect the day between the two noons down to the second.
            let (mut lo, mut hi) = (noon(day) - Duration::days(1), noon(day));
            while hi - lo > Duration::seconds(1) {
                let mid = lo + Duration::seconds((hi - lo).num_seconds() / 2);
                if offset_s(tz, mid) == prev {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let date = local_date(tz, hi);
            if (from..=to).contains(&date) {
                found.push(Transition {
                    date,
                    forward: here > prev,
                    at: hi,
                });
            }
            prev = here;
        }
    }
    found
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

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn madrid_switches_on_the_last_sundays_at_one_utc() {
        let madrid = zone("Europe/Madrid");
        let t = transitions(madrid, date("2025-01-01"), date("2025-12-31"));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].date, date("2025-03-30"));
        assert!(t[0].forward);
        assert_eq!(t[0].at, utc("2025-03-30T01:00:00Z"));
        assert_eq!(t[1].date, date("2025-10-26"));
        assert!(!t[1].forward);
        assert_eq!(t[1].at, utc("2025-10-26T01:00:00Z"));
    }

    #[test]
    fn southern_and_american_rules_and_zones_without_dst() {
        let sydney = transitions(
            zone("Australia/Sydney"),
            date("2025-01-01"),
            date("2025-12-31"),
        );
        let days: Vec<_> = sydney.iter().map(|t| (t.date, t.forward)).collect();
        assert_eq!(
            days,
            [(date("2025-04-06"), false), (date("2025-10-05"), true)]
        );
        let denver = transitions(
            zone("America/Denver"),
            date("2025-01-01"),
            date("2025-12-31"),
        );
        assert_eq!(denver[0].date, date("2025-03-09"));
        assert_eq!(denver[1].date, date("2025-11-02"));
        for none in ["Asia/Tokyo", "America/Bogota", "Atlantic/Reykjavik"] {
            assert!(transitions(zone(none), date("2020-01-01"), date("2025-12-31")).is_empty());
        }
    }

    #[test]
    fn wall_clock_times_convert_both_ways() {
        let madrid = zone("Europe/Madrid");
        let cases = [
            ("2025-01-15 08:00", "2025-01-15T07:00:00Z"),
            ("2025-07-15 08:00", "2025-07-15T06:00:00Z"),
            ("2025-03-30 09:00", "2025-03-30T07:00:00Z"),
            ("2025-10-26 09:00", "2025-10-26T08:00:00Z"),
            // The repeated 02:30 in October: the earlier (summer) instant.
            ("2025-10-26 02:30", "2025-10-26T00:30:00Z"),
            // 02:30 in March does not exist: it lands at 03:30 summer time.
            ("2025-03-30 02:30", "2025-03-30T01:30:00Z"),
        ];
        for (l, u) in cases {
            assert_eq!(to_utc(madrid, local(l)), utc(u), "{l}");
        }
        assert_eq!(
            to_local(madrid, utc("2025-03-30T01:30:00Z")),
            local("2025-03-30 03:30")
        );
        let tokyo = zone("Asia/Tokyo");
        let t = to_utc(tokyo, local("2025-06-01 06:30"));
        assert_eq!(t, utc("2025-05-31T21:30:00Z"));
        assert_eq!(local_date(tokyo, t), date("2025-06-01"));
        let canary = zone("Atlantic/Canary");
        assert_eq!(
            to_utc(canary, local("2025-02-10 09:00")),
            utc("2025-02-10T09:00:00Z")
        );
    }
}
