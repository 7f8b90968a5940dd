// What the activity and workout screens show, formatted: sport names, long dates, summary tiles,
// lap rows, compliance wording and the recording's state. Pure.
import type { ActivitySummaryView } from "./bindings/ActivitySummaryView";
import type { ComplianceColor } from "./bindings/ComplianceColor";
import type { ComplianceView } from "./bindings/ComplianceView";
import type { LapView } from "./bindings/LapView";
import type { Sport } from "./bindings/Sport";
import type { StreamsState } from "./bindings/StreamsState";
import type { UnitSystem } from "./bindings/UnitSystem";
import { formatClock, formatDistanceIn, formatElevation, formatSpeedFor } from "./units";
import { dateFormat, groupedInteger } from "./intl";

export const SPORT_NAMES: Record<Sport, string> = {
  ride: "Ride",
  run: "Run",
  swim: "Swim",
  strength: "Strength",
  other: "Other",
};

/** "2026-11-10" → "Tuesday, 10 November 2026" (in the locale's own words and order). */
export function formatLongDateLocale(date: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return dateFormat(locale, { dateStyle: "full", timeZone: "UTC" }).format(d);
}

/** "2026-11-10" → "10 Nov 2026" (locale-aware, short). */
export function formatShortDateLocale(date: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return dateFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(d);
}

/** The local clock time an activity started, in its own time zone when known: "08:30". */
export function formatStartTime(startTime: string, timezone: string | null, locale?: string): string {
  const d = new Date(startTime);
  if (Number.isNaN(d.getTime())) return "";
  const options: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };
  try {
    return dateFormat(locale, { ...options, timeZone: timezone ?? undefined }).format(d);
  } catch {
    return dateFormat(locale, options).format(d);
  }
}

export type Tile = { key: string; label: string; value: string; hint?: string };

/** The summary figures an activity has, in the person's units; absent figures get no tile. */
export function summaryTiles(s: ActivitySummaryView, sport: Sport, units: UnitSystem): Tile[] {
  const tiles: Tile[] = [];
  const add = (key: string, label: string, value: string | null, hint?: string) => {
    if (value !== null) tiles.push(hint ? { key, label, value, hint } : { key, label, value });
  };
  const paced = sport === "run" || sport === "swim";
  add("moving", "Moving time", s.moving_time_s > 0 ? formatClock(s.moving_time_s) : null);
  add(
    "elapsed",
    "Elapsed time",
    s.elapsed_time_s > 0 && s.elapsed_time_s !== s.moving_time_s ? formatClock(s.elapsed_time_s) : null,
  );
  add("distance", "Distance", s.distance_m != null && s.distance_m > 0 ? formatDistanceIn(s.distance_m, units, sport) : null);
  add("elevation", "Elevation gain", s.elevation_gain_m != null ? formatElevation(s.elevation_gain_m, units) : null);
  add(
    "speed",
    paced ? "Avg pace" : "Avg speed",
    s.avg_speed_mps != null && s.avg_speed_mps > 0 ? formatSpeedFor(sport, s.avg_speed_mps, units) : null,
  );
  add("power", "Avg power", s.avg_power_w != null ? `${groupedInteger(s.avg_power_w)} W` : null);
  add("np", "Normalized power", s.normalized_power_w != null ? `${groupedInteger(s.normalized_power_w)} W` : null);
  add(
    "if",
    "Intensity factor",
    s.intensity_factor != null ? s.intensity_factor.toFixed(2) : null,
    s.ftp_w != null ? `FTP ${s.ftp_w} W` : undefined,
  );
  add("load", "Load", s.load != null ? groupedInteger(s.load) : null);
  add("hr", "Avg heart rate", s.avg_hr != null ? `${groupedInteger(s.avg_hr)} bpm` : null);
  add("maxhr", "Max heart rate", s.max_hr != null ? `${groupedInteger(s.max_hr)} bpm` : null);
  add("cadence", "Cadence", s.avg_cadence != null ? `${groupedInteger(s.avg_cadence)} ${sport === "run" ? "spm" : "rpm"}` : null);
  add("calories", "Calories", s.calories != null ? `${groupedInteger(s.calories)} kcal` : null);
  return tiles;
}

export type LapRow = {
  label: string;
  start: string;
  duration: string;
  distance: string;
  power: string;
  np: string;
  hr: string;
  maxHr: string;
  cadence: string;
  speed: string;
};

const orDash = (value: number | null, format: (n: number) => string) => (value == null ? "–" : format(value));

/** A lap as table cells in the person's units; missing figures as "–". */
export function lapRow(lap: LapView, sport: Sport, units: UnitSystem): LapRow {
  return {
    label: lap.label,
    start: formatClock(lap.start_s),
    duration: formatClock(lap.duration_s),
    distance: orDash(lap.distance_m, (m) => formatDistanceIn(m, units, sport)),
    power: orDash(lap.avg_power_w, groupedInteger),
    np: orDash(lap.normalized_power_w, groupedInteger),
    hr: orDash(lap.avg_hr, groupedInteger),
    maxHr: orDash(lap.max_hr, groupedInteger),
    cadence: orDash(lap.avg_cadence, groupedInteger),
    speed: orDash(lap.avg_speed_mps, (v) => (v > 0 ? formatSpeedFor(sport, v, units) : "–")),
  };
}

/** Which lap columns have any figure, so empty columns are left out. */
export function lapColumns(laps: LapView[]): Record<"distance" | "power" | "np" | "hr" | "maxHr" | "cadence" | "speed", boolean> {
  const any = (pick: (lap: LapView) => number | null) => laps.some((lap) => pick(lap) != null);
  return {
    distance: any((l) => l.distance_m),
    power: any((l) => l.avg_power_w),
    np: any((l) => l.normalized_power_w),
    hr: any((l) => l.avg_hr),
    maxHr: any((l) => l.max_hr),
    cadence: any((l) => l.avg_cadence),
    speed: any((l) => l.avg_speed_mps),
  };
}

const COMPLIANCE_WORDS: Record<ComplianceColor, string> = {
  green: "On plan",
  amber: "Partly on plan",
  red: "Off plan",
  missed: "Missed",
  upcoming: "Upcoming",
  unplanned: "Unplanned",
};

/** A short badge text: "On plan · 98% of load". */
export function complianceLabel(c: ComplianceView): string {
  const words = COMPLIANCE_WORDS[c.color];
  if (c.percent == null) return words;
  return `${words} · ${c.percent}%${c.basis ? ` of ${c.basis}` : ""}`;
}

export type StreamsNote = { title: string; body: string };

/** What to say when the recording cannot be charted; null when it is cached. */
export function streamsNote(state: StreamsState, stub: boolean, provider: string): StreamsNote | null {
  if (stub) {
    return {
      title: "Details on Strava",
      body: `Recorded on Strava, which does not let ${provider} share its details with other apps. Open it on Strava to see the charts.`,
    };
  }
  if (state === "not_fetched") {
    return {
      title: "The recording isn't in the cache yet",
      body: "Offpeak is fetching it now; the charts appear as soon as it arrives.",
    };
  }
  if (state === "none_recorded") {
    return {
      title: "No recording",
      body: "This is a manual entry (or a Strava stub): there are no streams to chart, only the summary.",
    };
  }
  return null;
}
