//! Puts a data set together: the people of the size, and for each of them a season, a life, a
//! plan, the activities and the wellness, each athlete from their own stream of the seed.

use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::life::{self, Window};
use super::{
    Activity, CalendarNote, Dataset, DatasetSize, Ids, Workout, activities, people, plan, season,
    wellness,
};

/// Weeks of history before the anchor's week.
pub(super) fn weeks_before(size: DatasetSize) -> i64 {
    match size {
        DatasetSize::Demo => 26,
        DatasetSize::Season => 52,
        DatasetSize::Decade => 522,
    }
}

/// The Monday that starts the data set.
pub(super) fn first_monday(anchor: NaiveDate, size: DatasetSize) -> NaiveDate {
    season::monday_of(anchor) - Duration::weeks(weeks_before(size))
}

pub(super) fn dataset(seed: u64, anchor: NaiveDate, size: DatasetSize) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut ids = Ids::default();
    let first = first_monday(anchor, size);
    // The anchor's week and one more are planned ahead.
    let count = weeks_before(size) + 2;
    let window = Window {
        first,
        last: first + Duration::weeks(count) - Duration::days(1),
        anchor,
        cutoff: anchor
            .and_hms_opt(23, 59, 59)
            .expect("valid time")
            .and_utc(),
    };
    let profiles = match size {
        DatasetSize::Season => people::season(&mut rng),
        _ => vec![people::ana(&mut rng, None)],
    };
    let mut data = Dataset {
        size,
        athletes: Vec::new(),
        workouts: Vec::new(),
        activities: Vec::new(),
        notes: Vec::new(),
        wellness: Vec::new(),
    };
    for p in &profiles {
        let mut rng = ChaCha8Rng::seed_from_u64(rng.random());
        let season = season::generate(&mut rng, p, first, count);
        let (life, notes) = life::generate(&mut rng, &mut ids, p, &season, &window);
        let plan = plan::generate(&mut rng, &mut ids, p, &season, &life, &window);
        let acts = activities::generate(&mut rng, &mut ids, p, &plan, &life, &window);
        let well = wellness::generate(&mut rng, p, &season, &life, &acts, &window);
        data.athletes.push(p.athlete.clone());
        data.workouts.extend(plan.into_iter().map(|x| x.workout));
        data.activities.extend(acts);
        data.notes.extend(notes);
        data.wellness.extend(well);
    }
    data.workouts.sort_by_key(Workout::sort_key);
    data.activities.sort_by_key(Activity::sort_key);
    data.notes
        .sort_by(|a: &CalendarNote, b| (a.start_date, &a.id).cmp(&(b.start_date, &b.id)));
    data.wellness
        .sort_by(|a, b| (a.date, &a.athlete_id).cmp(&(b.date, &b.athlete_id)));
    data
}
