// Pure formatting helpers: durations, distances, relative times, month names, locale-aware
// calendar dates, and what an export wrote where.
import type { ExportedFile } from "./bindings/ExportedFile";
import { dateFormat, groupedInteger } from "./intl";

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** 4500 → "1h 15m", 2700 → "45m", 3600 → "1h", 40 → "1m", 0 → "0m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return "0m";
  const totalMinutes = Math.max(1, Math.round(seconds / 60));
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  if (h === 0) return `${m}m`;
  if (m === 0) return `${h}h`;
  return `${h}h ${m}m`;
}

/**
 * Metres to a compact label. Swims and short distances stay in metres.
 * 42300 → "42.3 km", 1500 → "1.5 km", 750 → "750 m", 123456 → "123 km".
 */
export function formatDistance(metres: number, sport?: string): string {
  if (!Number.isFinite(metres) || metres < 0) return "";
  if (sport === "swim" || metres < 1000) return `${groupedInteger(metres)} m`;
  const km = metres / 1000;
  if (km >= 100) return `${Math.round(km)} km`;
  return `${km.toFixed(1)} km`;
}

/** "2026-11" → "November 2026"; anything else is returned unchanged. */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const index = Number(match[2]) - 1;
  if (index < 0 || index > 11) return month;
  return `${MONTHS[index]} ${match[1]}`;
}

/** "2026-11-05" → "Thursday, 5 November 2026". */
export function formatLongDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const weekday = dateFormat("en-GB", { weekday: "long", timeZone: "UTC" }).format(d);
  return `${weekday}, ${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** Day of month without a leading zero: "2026-11-05" → "5". */
export function dayOfMonth(date: string): string {
  return String(Number(date.slice(8, 10)));
}

/**
 * An RFC 3339 timestamp relative to `now`: "just now", "5 min ago", "3 h ago", "yesterday",
 * "4 days ago", or a date for anything older than a week. `null` → "never".
 */
export function formatRelative(timestamp: string | null, now: Date = new Date()): string {
  if (!timestamp) return "never";
  const then = new Date(timestamp);
  if (Number.isNaN(then.getTime())) return "unknown";
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return "yesterday";
  if (days < 7) return `${days} days ago`;
  return `on ${then.getDate()} ${MONTHS[then.getMonth()].slice(0, 3)} ${then.getFullYear()}`;
}

/** The host of an origin URL ("https://velo-peak.com" → "velo-peak.com"). */
export function originHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** Validates a server origin; returns an error message, or null when it is fine. */
export function validateOrigin(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return "Enter the server address.";
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return "Enter a full address, like https://velo-peak.com.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return "The address must start with https:// or http://.";
  }
  if (!url.hostname) return "The address needs a host name.";
  return null;
}

/** "1 activity" / "3 activities". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The person's locale: the first of `languages` that `Intl` accepts (a system set to the POSIX
 * "C" locale reports "C", which it refuses), else British English.
 */
export function pickLocale(languages: readonly string[]): string {
  for (const language of languages) {
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0) return language;
    } catch {
      // Not a language tag at all: try the next one.
    }
  }
  return "en-GB";
}

/** The person's locale (the webview's languages), with a fallback outside a browser. */
export function userLocale(): string {
  if (typeof navigator === "undefined") return "en-GB";
  return pickLocale([...(navigator.languages ?? []), navigator.language].filter(Boolean));
}

function utcDate(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

function fmt(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return dateFormat(locale, { ...options, timeZone: "UTC" });
}

/** "2026-11" → "November 2026" in `locale` ("November 2026", "novembre 2026", …). */
export function monthTitle(month: string, locale: string): string {
  const d = utcDate(`${month}-01`);
  return d ? fmt(locale, { month: "long", year: "numeric" }).format(d) : month;
}

/** A week by its first and last day: "10–16 Nov 2026" (the locale decides the shape). */
export function weekTitle(first: string, last: string, locale: string): string {
  const a = utcDate(first);
  const b = utcDate(last);
  if (!a || !b) return `${first} – ${last}`;
  return fmt(locale, { day: "numeric", month: "short", year: "numeric" }).formatRange(a, b);
}

/** Monday-first weekday names in `locale`, "short" ("Mon") or "long" ("Monday"). */
export function weekdayNames(locale: string, width: "short" | "long" = "short"): string[] {
  const f = fmt(locale, { weekday: width });
  // 2024-01-01 was a Monday.
  return [...Array(7).keys()].map((i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/** "2026-11-05" → "Thursday, 5 November 2026" in `locale`. */
export function longDate(date: string, locale: string): string {
  const d = utcDate(date);
  return d ? fmt(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(d) : date;
}

/** "2026-11-05" → "5 Nov 2026" in `locale`. */
export function shortDate(date: string, locale: string): string {
  const d = utcDate(date);
  return d ? fmt(locale, { day: "numeric", month: "short", year: "numeric" }).format(d) : date;
}

/** A date relative to `today` (both `YYYY-MM-DD`): "today", "yesterday", "3 days ago", "in 2 days", "5 weeks ago". */
export function daysAgo(date: string, today: string): string {
  const a = utcDate(date);
  const b = utcDate(today);
  if (!a || !b) return date;
  const days = Math.round((b.getTime() - a.getTime()) / 86_400_000);
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  if (days === -1) return "tomorrow";
  if (days < 0) return `in ${-days} days`;
  if (days < 14) return `${days} days ago`;
  if (days < 70) return `${Math.round(days / 7)} weeks ago`;
  return `${Math.round(days / 30.44)} months ago`;
}

/** The folder of a written file, with the home directory shortened to "~". */
export function exportFolder(file: ExportedFile): string {
  const path = file.path.replace(/\\/g, "/");
  const cut = path.lastIndexOf("/");
  const folder = cut > 0 ? path.slice(0, cut) : path;
  return folder.replace(/^\/(?:home|Users)\/[^/]+/, "~").replace(/^[A-Za-z]:\/Users\/[^/]+/, "~");
}

/**
 * What an export did, for the notice: "Saved 12 planned workouts to offpeak-plan.ics in
 * ~/Downloads." `what` names the items (singular, plural); without it the file is the item.
 */
export function exportedMessage(file: ExportedFile, what?: [string, string]): string {
  const where = `${file.file_name} in ${exportFolder(file)}`;
  if (!what) return `Saved ${where}.`;
  if (file.items === 0) return `Nothing to export in this range: saved an empty ${file.file_name} in ${exportFolder(file)}.`;
  return `Saved ${plural(file.items, what[0], what[1])} to ${where}.`;
}
