//! The app's processes and the memory they hold, read from `/proc` (Linux), for the window
//! benchmark.
//!
//! Three figures, because summing resident sizes counts a shared page once per process that maps
//! it (WebKit's library is in all three processes):
//! - resident (`VmRSS`) per process, and their sum, the most pessimistic;
//! - proportional (`Pss`), each shared page split between all processes that map it;
//! - **held**: the physical pages mapped by any of the app's processes, each counted once
//!   (`/proc/<pid>/pagemap`), what the app makes the machine keep in memory. It needs the page
//!   frame numbers, which Linux shows only to root; otherwise it is not given.

use std::collections::HashSet;
use std::io::{Read, Seek, SeekFrom};

const PAGE: u64 = 4096;

/// `(pid, name, parent)` of every process.
fn processes() -> Vec<(u32, String, u32)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(status) = std::fs::read_to_string(entry.path().join("status")) else {
            continue;
        };
        let field = |key: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_owned()))
                .unwrap_or_default()
        };
        found.push((pid, field("Name:"), field("PPid:").parse().unwrap_or(0)));
    }
    found
}

/// The app's process (named `app`) and its descendants (the WebKit web and network processes).
pub fn app_processes(app: &str) -> Vec<(u32, String)> {
    let all = processes();
    let mut family: Vec<(u32, String)> = all
        .iter()
        .filter(|(_, name, _)| name == app)
        .map(|(pid, name, _)| (*pid, name.clone()))
        .collect();
    let mut grew = true;
    while grew {
        grew = false;
        for (pid, name, parent) in &all {
            if family.iter().any(|(p, _)| p == parent) && !family.iter().any(|(p, _)| p == pid) {
                family.push((*pid, name.clone()));
                grew = true;
            }
        }
    }
    family
}

/// Kilobytes of `key` (`VmRSS:` in status, `Pss:` in smaps_rollup) of a process.
fn kilobytes(pid: u32, file: &str, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/{file}"))
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.split_whitespace().next().and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// Adds the physical page frames `pid` has resident to `frames`; false when Linux hides them.
fn add_frames(pid: u32, frames: &mut HashSet<u64>) -> bool {
    let (Ok(maps), Ok(mut pagemap)) = (
        std::fs::read_to_string(format!("/proc/{pid}/maps")),
        std::fs::File::open(format!("/proc/{pid}/pagemap")),
    ) else {
        return false;
    };
    let mut present = 0;
    let mut numbered = 0;
    let mut entries = Vec::new();
    for line in maps.lines() {
        let Some((start, end)) = line
            .split_whitespace()
            .next()
            .and_then(|range| range.split_once('-'))
            .and_then(|(a, b)| {
                Some((
                    u64::from_str_radix(a, 16).ok()?,
                    u64::from_str_radix(b, 16).ok()?,
                ))
            })
        else {
            continue;
        };
        if line.ends_with("[vsyscall]") {
            continue;
        }
        // In slices: WebKit reserves gigabytes of address space it never touches.
        let mut at = start;
        while at < end {
            let pages = ((end - at) / PAGE).min(1 << 16) as usize;
            entries.resize(pages * 8, 0u8);
            if pagemap.seek(SeekFrom::Start(at / PAGE * 8)).is_err()
                || pagemap.read_exact(&mut entries).is_err()
            {
                break;
            }
            for entry in entries.chunks_exact(8) {
                let entry = u64::from_le_bytes(entry.try_into().unwrap());
                // Bit 63: present in RAM; bits 0–54: the page frame number (0 when hidden).
                if entry >> 63 & 1 == 1 {
                    present += 1;
                    let frame = entry & ((1 << 55) - 1);
                    if frame != 0 {
                        numbered += 1;
                        frames.insert(frame);
                    }
                }
            }
            at += pages as u64 * PAGE;
        }
    }
    present == 0 || numbered > 0
}

/// What the app's processes hold, in megabytes.
pub struct Memory {
    pub resident: f64,
    pub proportional: f64,
    /// Every page any of them maps counted once; None when Linux hides page frames (not root).
    pub held: Option<f64>,
}

/// The memory of the app (named `app`) and its web processes, each process printed under `label`.
pub fn measure(app: &str, label: &str) -> Memory {
    let mut rss = 0;
    let mut pss = 0;
    let mut frames = HashSet::new();
    let mut shown = true;
    for (pid, name) in &app_processes(app) {
        let (r, p) = (
            kilobytes(*pid, "status", "VmRSS:"),
            kilobytes(*pid, "smaps_rollup", "Pss:"),
        );
        println!(
            "  {label}: {name} resident {:.0} MB, proportional {:.0} MB",
            r as f64 / 1024.0,
            p as f64 / 1024.0
        );
        rss += r;
        pss += p;
        shown &= add_frames(*pid, &mut frames);
    }
    Memory {
        resident: rss as f64 / 1024.0,
        proportional: pss as f64 / 1024.0,
        held: shown.then(|| (frames.len() as u64 * PAGE) as f64 / (1024.0 * 1024.0)),
    }
}

impl std::fmt::Display for Memory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.held {
            Some(held) => write!(f, "{held:.0} MB held (each page once)")?,
            None => write!(f, "page frames hidden (not root)")?,
        }
        write!(
            f,
            "; {:.0} MB resident summed per process, {:.0} MB proportional",
            self.resident, self.proportional
        )
    }
}
