// The calendar's pure rules: date keys (`YYYY-MM-DD` in UTC arithmetic), which day the keyboard
// moves to, which span a date belongs to, card classes from compliance, and weekly totals in words.
import type { CalendarItem } from "./bindings/CalendarItem";
import type { CalendarSpan } from "./bindings/CalendarSpan";
import type { CalendarView } from "./bindings/CalendarView";
import type { CalendarWeek } from "./bindings/CalendarWeek";
import type { ComplianceColor } from "./bindings/ComplianceColor";
import type { Sport } from "./bindings/Sport";
import type { SportTotalsView } from "./bindings/SportTotalsView";
import type { UnitSystem } from "./bindings/UnitSystem";
import { formatDuration } from "./format";
import { formatDistanceIn } from "./units";

export const SPORT_LABELS: Record<Sport, string> = {
  ride: "Ride",
  run: "Run",
  swim: "Swim",
  strength: "Strength",
  other: "Other",
};

export const SPORTS: Sport[] = ["ride", "run", "swim", "strength", "other"];

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-11-05" → its UTC midnight in ms, or NaN when malformed. */
export function dateMs(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** A UTC instant's calendar date, `YYYY-MM-DD`. */
export function dateKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True for a well-formed, existing date ("2026-02-30" is not). */
export function isDateKey(value: string): boolean {
  const ms = dateMs(value);
  return Number.isFinite(ms) && dateKey(ms) === value;
}

export function addDays(date: string, days: number): string {
  return dateKey(dateMs(date) + days * DAY_MS);
}

/** The same day of another month, clamped to its last day: Jan 31 + 1 month → Feb 28. */
export function addMonths(date: string, months: number): string {
  const d = new Date(dateMs(date));
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dateKey(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)));
}

/** The Monday of the week containing `date`. */
export function mondayOf(date: string): string {
  const weekday = (new Date(dateMs(date)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -weekday);
}

/** The `key` a calendar request takes for the span containing `date`. */
export function spanKey(span: CalendarSpan, date: string): string {
  return span === "month" ? date.slice(0, 7) : mondayOf(date);
}

/** True when `date` lies in the month or week the view was asked for. */
export function inView(view: CalendarView, date: string): boolean {
  return date >= view.first_day && date <= view.last_day;
}

/** The keys the calendar grid answers to, and the day each moves the focus to. */
export function navTarget(key: string, focus: string, span: CalendarSpan): string | null {
  switch (key) {
    case "ArrowLeft":
      return addDays(focus, -1);
    case "ArrowRight":
      return addDays(focus, 1);
    case "ArrowUp":
      return addDays(focus, -7);
    case "ArrowDown":
      return addDays(focus, 7);
    case "Home":
      return mondayOf(focus);
    case "End":
      return addDays(mondayOf(focus), 6);
    case "PageUp":
      return span === "month" ? addMonths(focus, -1) : addDays(focus, -7);
    case "PageDown":
      return span === "month" ? addMonths(focus, 1) : addDays(focus, 7);
    default:
      return null;
  }
}

/**
 * The day that takes the focus when a view arrives: the one asked for when it is in the view,
 * else today when today is, else the view's first day.
 */
export function focusFor(view: CalendarView, wanted: string | null): string {
  if (wanted && inView(view, wanted)) return wanted;
  if (inView(view, view.today)) return view.today;
  return view.first_day;
}

/** The card's class and words for its compliance colour. */
export const COMPLIANCE: Record<ComplianceColor, { cls: string; label: string }> = {
  green: { cls: "c-green", label: "On target" },
  amber: { cls: "c-amber", label: "Partly on target" },
  red: { cls: "c-red", label: "Off target" },
  missed: { cls: "c-missed", label: "Missed" },
  upcoming: { cls: "c-upcoming", label: "Upcoming" },
  unplanned: { cls: "c-unplanned", label: "Unplanned" },
};

export function complianceClass(color: ComplianceColor): string {
  return COMPLIANCE[color]?.cls ?? "c-upcoming";
}

/**
 * What a card is, in words for a screen reader: "Completed ride, on target, 96% of planned load".
 */
export function itemSummary(item: CalendarItem): string {
  const kind = item.kind === "completed" ? "Completed" : "Planned";
  const what = `${kind} ${SPORT_LABELS[item.sport].toLowerCase()}`;
  const parts = [item.kind === "completed" && item.pair ? `${what} for the plan “${item.pair.name}”` : what];
  if (item.race) parts.push(`${item.race} race`);
  if (item.stub) parts.push("details on Strava");
  else parts.push(COMPLIANCE[item.compliance.color].label.toLowerCase());
  const c = item.compliance;
  if (c.percent !== null) parts.push(`${c.percent}% of planned ${c.basis ?? "load"}`);
  return parts.join(", ");
}

/** The status the end-to-end tests read off a planned card: done, missed or upcoming. */
export function plannedStatus(item: CalendarItem): "done" | "missed" | "upcoming" {
  if (item.compliance.color === "missed") return "missed";
  if (item.pair) return "done";
  return "upcoming";
}

/** How many cards a month cell shows: all up to `max`, else `max - 1` and a "+N more". */
export function visibleCount(total: number, max: number): number {
  return total > max ? max - 1 : total;
}

export type TotalsRow = {
  sport: Sport;
  label: string;
  /** Done time, and planned time when anything was planned. */
  time: string;
  plannedTime: string | null;
  distance: string | null;
  load: string | null;
  plannedLoad: string | null;
  /** Everything on one line, for the hover text. */
  title: string;
};

/** A week's totals per sport, done against planned, in the person's units; busiest sport first. */
export function weekTotals(week: CalendarWeek, units: UnitSystem): TotalsRow[] {
  const done = new Map<Sport, SportTotalsView>(week.done.map((t) => [t.sport, t]));
  const planned = new Map<Sport, SportTotalsView>(week.planned.map((t) => [t.sport, t]));
  const sports = SPORTS.filter((s) => done.has(s) || planned.has(s));
  const weight = (s: Sport) => Math.max(done.get(s)?.time_s ?? 0, planned.get(s)?.time_s ?? 0);
  sports.sort((a, b) => weight(b) - weight(a) || SPORTS.indexOf(a) - SPORTS.indexOf(b));
  return sports.map((sport) => {
    const d = done.get(sport);
    const p = planned.get(sport);
    const time = formatDuration(d?.time_s ?? 0);
    const plannedTime = p && p.time_s > 0 ? formatDuration(p.time_s) : null;
    const distance = d && d.distance_m > 0 ? formatDistanceIn(d.distance_m, units, sport) : null;
    const load = d && d.load > 0 ? String(Math.round(d.load)) : null;
    const plannedLoad = p && p.load > 0 ? String(Math.round(p.load)) : null;
    const bits = [`${SPORT_LABELS[sport]}: ${time} done${plannedTime ? ` of ${plannedTime} planned` : ""}`];
    if (distance) bits.push(distance);
    if (load || plannedLoad) bits.push(`load ${load ?? 0}${plannedLoad ? ` of ${plannedLoad}` : ""}`);
    return { sport, label: SPORT_LABELS[sport], time, plannedTime, distance, load, plannedLoad, title: bits.join(" · ") };
  });
}

export type WeekSum = { time: string; plannedTime: string | null; load: number; plannedLoad: number };

/** The whole week across sports: time and load done, and planned when anything was; null when nothing. */
export function weekSum(week: CalendarWeek): WeekSum | null {
  const sum = (list: SportTotalsView[], f: (t: SportTotalsView) => number) => list.reduce((n, t) => n + f(t), 0);
  const doneS = sum(week.done, (t) => t.time_s);
  const plannedS = sum(week.planned, (t) => t.time_s);
  if (doneS === 0 && plannedS === 0) return null;
  return {
    time: formatDuration(doneS),
    plannedTime: plannedS > 0 ? formatDuration(plannedS) : null,
    load: Math.round(sum(week.done, (t) => t.load)),
    plannedLoad: Math.round(sum(week.planned, (t) => t.load)),
  };
}

/** The whole week across sports: "6h 10m of 8h · load 420 of 510". Empty when nothing. */
export function weekSummary(week: CalendarWeek): string {
  const sum = (list: SportTotalsView[], f: (t: SportTotalsView) => number) => list.reduce((n, t) => n + f(t), 0);
  const doneS = sum(week.done, (t) => t.time_s);
  const plannedS = sum(week.planned, (t) => t.time_s);
  const doneLoad = Math.round(sum(week.done, (t) => t.load));
  const plannedLoad = Math.round(sum(week.planned, (t) => t.load));
  if (doneS === 0 && plannedS === 0) return "";
  const parts = [plannedS > 0 ? `${formatDuration(doneS)} of ${formatDuration(plannedS)}` : formatDuration(doneS)];
  if (doneLoad > 0 || plannedLoad > 0) parts.push(`load ${doneLoad}${plannedLoad > 0 ? ` of ${plannedLoad}` : ""}`);
  return parts.join(" · ");
}

/** The dates an export of the visible month or week covers. */
export function exportRange(view: CalendarView): { from: string; to: string } {
  return { from: view.first_day, to: view.last_day };
}
