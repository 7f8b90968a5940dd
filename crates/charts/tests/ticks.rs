use chrono::NaiveDate;
use offpeak_charts::ticks::{
    DateTickFormat, date_of_epoch_day, date_ticks, duration_ticks, epoch_day, format_date_tick,
    nice_ticks, power_curve_ticks,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn nice_ticks_are_round_and_inside_the_range() {
    let (ticks, step) = nice_ticks(0.0, 1080.0, 4);
    assert_eq!(step, 500.0);
    assert_eq!(ticks, [0.0, 500.0, 1000.0]);
    let (ticks, step) = nice_ticks(131.0, 161.0, 4);
    assert_eq!(step, 10.0);
    assert_eq!(ticks, [140.0, 150.0, 160.0]);
}

#[test]
fn duration_ticks_fall_on_round_durations() {
    assert_eq!(
        duration_ticks(0.0, 3600.0, 6),
        [0.0, 600.0, 1200.0, 1800.0, 2400.0, 3000.0, 3600.0]
    );
    let six_hours = duration_ticks(0.0, 21_600.0, 10);
    assert_eq!(six_hours.len(), 7, "hourly: {six_hours:?}");
}

#[test]
fn the_power_curve_ticks_stop_at_the_longest_duration() {
    assert_eq!(
        power_curve_ticks(3600.0),
        [1.0, 5.0, 15.0, 60.0, 300.0, 1200.0, 3600.0]
    );
    assert_eq!(power_curve_ticks(90.0), [1.0, 5.0, 15.0, 60.0]);
}

#[test]
fn dates_count_from_1970_and_tick_on_mondays_or_month_starts() {
    assert_eq!(epoch_day(day(1970, 1, 1)), 0);
    assert_eq!(epoch_day(day(2025, 1, 1)), 20_089);
    assert_eq!(date_of_epoch_day(20_089), Some(day(2025, 1, 1)));

    let first = epoch_day(day(2025, 3, 1));
    let (weekly, format) = date_ticks(first, first + 41, 10);
    assert_eq!(format, DateTickFormat::Day);
    assert_eq!(weekly.len(), 6);
    assert_eq!(
        format_date_tick(weekly[0], format),
        "Mar 3",
        "the first Monday"
    );

    let (monthly, format) =
        date_ticks(epoch_day(day(2024, 11, 15)), epoch_day(day(2025, 5, 2)), 10);
    assert_eq!(format, DateTickFormat::Month);
    let labels: Vec<String> = monthly
        .iter()
        .map(|d| format_date_tick(*d, format))
        .collect();
    assert_eq!(labels, ["Dec", "Jan 2025", "Feb", "Mar", "Apr", "May"]);
}
