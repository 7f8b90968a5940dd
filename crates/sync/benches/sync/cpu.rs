//! The processor time this process has used (user and system, every thread), read from
//! `/proc/self/stat` where there is one: on a machine shared with other work, it tells what a
//! step cost apart from how long it had to wait for a core.

use std::time::Duration;

/// Clock ticks per second of `/proc/self/stat` (`USER_HZ`, 100 on Linux).
const TICKS_PER_SECOND: u64 = 100;

/// Processor time used so far; `None` without `/proc`.
pub fn used() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces; the fields after it are plain.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis(
        (user + system) * 1000 / TICKS_PER_SECOND,
    ))
}

/// Processor time used while `step` ran.
pub async fn of<T>(step: impl Future<Output = T>) -> (T, Option<Duration>) {
    let before = used();
    let value = step.await;
    let spent = used().zip(before).map(|(after, before)| after - before);
    (value, spent)
}
