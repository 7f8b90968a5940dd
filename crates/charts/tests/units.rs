use offpeak_charts::Units;
use offpeak_charts::units::{format_hms, format_pace, format_short_duration, format_tick};

#[test]
fn speeds_altitudes_distances_and_paces_convert() {
    assert!((Units::Metric.speed(10.0) - 36.0).abs() < 1e-9);
    assert!((Units::Imperial.speed(10.0) - 22.37).abs() < 0.005);
    assert!((Units::Imperial.altitude(100.0) - 328.084).abs() < 0.001);
    assert_eq!(Units::Metric.altitude(100.0), 100.0);
    assert!((Units::Metric.distance(42_195.0) - 42.195).abs() < 1e-9);
    assert!((Units::Imperial.distance(1609.344) - 1.0).abs() < 1e-12);
    assert!((Units::Imperial.pace(300.0) - 482.8032).abs() < 1e-6);
    assert_eq!(
        [Units::Metric.speed_unit(), Units::Imperial.speed_unit()],
        ["km/h", "mph"]
    );
    assert_eq!(Units::Imperial.pace_unit(), "min/mi");
}

#[test]
fn durations_and_paces_read_as_clocks() {
    assert_eq!(format_hms(0.0), "0:00:00");
    assert_eq!(format_hms(3725.0), "1:02:05");
    assert_eq!(format_hms(21_600.0), "6:00:00");
    assert_eq!(format_pace(245.0), "4:05");
    assert_eq!(format_pace(482.8), "8:03");
}

#[test]
fn power_curve_durations_are_short() {
    let written: Vec<String> = [1.0, 15.0, 60.0, 90.0, 1200.0, 3600.0, 5400.0]
        .into_iter()
        .map(format_short_duration)
        .collect();
    assert_eq!(written, ["1s", "15s", "1m", "1m30s", "20m", "1h", "1h30m"]);
}

#[test]
fn tick_values_carry_the_decimals_their_step_needs() {
    assert_eq!(format_tick(200.0, 50.0), "200");
    assert_eq!(format_tick(2.5, 0.5), "2.5");
    assert_eq!(format_tick(0.25, 0.05), "0.25");
    assert_eq!(format_tick(-0.0001, 0.1), "0.0");
}
