// The fitness screen's ranges (presets and custom dates) and its latest-day tiles. Pure.
import type { FitnessDayView } from "./bindings/FitnessDayView";
import type { Tile } from "./activity";
import { dateFormat } from "./intl";

export type PresetId = "6w" | "3m" | "6m" | "1y" | "2y" | "all";
export type Range = { from: string; to: string };

export const PRESETS: { id: PresetId; label: string }[] = [
  { id: "6w", label: "6 weeks" },
  { id: "3m", label: "3 months" },
  { id: "6m", label: "6 months" },
  { id: "1y", label: "1 year" },
  { id: "2y", label: "2 years" },
  { id: "all", label: "All" },
];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD`. */
export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return d.toISOString().slice(0, 10) === value;
}

function parse(date: string): Date {
  const match = DATE.exec(date);
  if (!match) throw new Error(`Not a date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** Months later (earlier when negative), clamped to the month's last day: 2026-05-31 − 3 → 2026-02-28. */
export function addMonths(date: string, months: number): string {
  const d = parse(date);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return iso(target);
}

/** The local date of `now` as `YYYY-MM-DD`. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** The range a preset covers, ending `today`; "all" starts at the first cached load (or a year back). */
export function presetRange(id: PresetId, today: string, firstLoad: string | null): Range {
  switch (id) {
    case "6w":
      return { from: addDays(today, -42), to: today };
    case "3m":
      return { from: addMonths(today, -3), to: today };
    case "6m":
      return { from: addMonths(today, -6), to: today };
    case "1y":
      return { from: addMonths(today, -12), to: today };
    case "2y":
      return { from: addMonths(today, -24), to: today };
    case "all":
      return { from: firstLoad && firstLoad < today ? firstLoad : addMonths(today, -12), to: today };
  }
}

/** Why a custom range cannot be shown, or null when it can. */
export function rangeProblem(from: string, to: string): string | null {
  if (!isDate(from) || !isDate(to)) return "Enter both dates.";
  if (from > to) return "The start comes after the end.";
  return null;
}

const signed = (n: number) => {
  const r = Math.round(n);
  return r > 0 ? `+${r}` : r < 0 ? `−${Math.abs(r)}` : "0";
};

/** Fitness, fatigue and form on the range's last day, each with what it means. */
export function fitnessTiles(latest: FitnessDayView): Tile[] {
  return [
    { key: "fitness", label: "Fitness", value: String(Math.round(latest.fitness)), hint: "42-day average load" },
    { key: "fatigue", label: "Fatigue", value: String(Math.round(latest.fatigue)), hint: "7-day average load" },
    { key: "form", label: "Form", value: signed(latest.form), hint: "Fitness − fatigue; negative while building" },
  ];
}

/** "2026-11-10" → "Tue, 10 Nov 2026" (in the locale's words and order), for the cross-hair. */
export function formatDay(date: string, locale?: string): string {
  if (!isDate(date)) return date;
  return dateFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(parse(date));
}
