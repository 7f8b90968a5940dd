use offpeak_charts::downsample::{Columns, column_values, min_max};

#[test]
fn min_max_keeps_a_one_sample_spike_and_two_points_per_column() {
    let xs: Vec<f64> = (0..10_000).map(f64::from).collect();
    let mut values = vec![Some(100.0); 10_000];
    values[5_003] = Some(1000.0);
    values[7_001] = Some(-50.0);
    let columns = Columns::new(0.0, 9_999.0, 500);
    let runs = min_max(&xs, &values, &columns);
    assert_eq!(runs.len(), 1);
    let points = &runs[0];
    assert!(points.len() <= 2 * 500, "{} points", points.len());
    assert!(points.contains(&(5_003.0, 1000.0)));
    assert!(points.contains(&(7_001.0, -50.0)));
    assert!(
        points.windows(2).all(|w| w[0].0 <= w[1].0),
        "points stay in x order"
    );
}

#[test]
fn gaps_split_runs_and_are_never_bridged() {
    let xs: Vec<f64> = (0..7).map(f64::from).collect();
    let values = [Some(1.0), Some(2.0), None, None, Some(3.0), None, Some(4.0)];
    let runs = min_max(&xs, &values, &Columns::new(0.0, 6.0, 100));
    assert_eq!(
        runs,
        vec![
            vec![(0.0, 1.0), (1.0, 2.0)],
            vec![(4.0, 3.0)],
            vec![(6.0, 4.0)]
        ]
    );
}

#[test]
fn column_values_are_means_gaps_stay_gaps_and_sparse_data_reads_the_nearest_sample() {
    let xs = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
    let values = [Some(10.0), Some(20.0), None, None, Some(50.0), Some(70.0)];
    let three = column_values(&xs, &values, &Columns::new(0.0, 6.0, 3));
    assert_eq!(three, [Some(15.0), None, Some(60.0)]);

    let sparse_xs = [0.0, 10.0];
    let sparse = column_values(
        &sparse_xs,
        &[Some(1.0), Some(2.0)],
        &Columns::new(0.0, 10.0, 10),
    );
    assert_eq!(sparse[0], Some(1.0));
    assert_eq!(sparse[3], Some(1.0), "column 3 (x 3.5) is nearest to x 0");
    assert_eq!(sparse[6], Some(2.0), "column 6 (x 6.5) is nearest to x 10");
    assert_eq!(sparse[9], Some(2.0));
}

#[test]
fn columns_cover_the_range_and_clamp_outside_it() {
    let columns = Columns::new(100.0, 200.0, 4);
    assert_eq!(columns.centres(), [112.5, 137.5, 162.5, 187.5]);
    assert_eq!(columns.index(100.0), 0);
    assert_eq!(columns.index(149.9), 1);
    assert_eq!(columns.index(200.0), 3);
    assert_eq!(columns.index(50.0), 0);
    assert_eq!(columns.index(500.0), 3);
    assert_eq!(
        Columns::new(5.0, 5.0, 0).count,
        1,
        "a flat range still has a column"
    );
}
