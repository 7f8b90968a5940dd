// Sample values for the tests.
import type { AccountView } from "./bindings/AccountView";
import type { AthleteChoice } from "./bindings/AthleteChoice";
import type { CalendarDay } from "./bindings/CalendarDay";
import type { CalendarItem } from "./bindings/CalendarItem";
import type { CalendarView } from "./bindings/CalendarView";
import type { CalendarWeek } from "./bindings/CalendarWeek";
import type { CoachRow } from "./bindings/CoachRow";
import type { ExportedFile } from "./bindings/ExportedFile";
import type { SyncProgressView } from "./bindings/SyncProgressView";

/** An active VeloPeak OAuth account with an empty cache; `overrides` change any field. */
export function accountView(overrides: Partial<AccountView> = {}): AccountView {
  return {
    id: "c1",
    provider: "velopeak",
    provider_name: "VeloPeak",
    auth_kind: "oauth",
    status: "active",
    origin: "https://velo-peak.com",
    athlete_id: "a1",
    athlete_name: "Ada",
    athletes: [],
    scopes_granted: [],
    scopes_requested: [],
    scopes_missing: [],
    access_expires_at: null,
    last_refresh_at: null,
    last_sync_at: null,
    last_error: null,
    last_error_code: null,
    cache: { workouts: 0, activities: 0, bytes: 0 },
    connected_at: "2026-11-01T00:00:00Z",
    live_updates_offered: true,
    live_updates_allowed: false,
    live_updates_url: null,
    ...overrides,
  };
}

/** A progress report of account c1 in the middle of its calendar phase; `overrides` change any field. */
export function progressView(overrides: Partial<SyncProgressView> = {}): SyncProgressView {
  return {
    connection_id: "c1",
    phase: "calendar",
    ended: false,
    done: 0,
    total: null,
    bytes: 0,
    requests: 0,
    eta_s: null,
    message: null,
    at: "2026-11-23T08:00:00.000Z",
    ...overrides,
  };
}

/** A completed ride on 2026-11-10 that met its plan; `overrides` change any field. */
export function calendarItem(overrides: Partial<CalendarItem> = {}): CalendarItem {
  return {
    id: "act1",
    connection_id: "c1",
    kind: "completed",
    sport: "ride",
    name: "Endurance ride",
    duration_s: 5400,
    distance_m: 45_000,
    load: 80,
    start_time: "07:30",
    stub: false,
    race: null,
    compliance: { color: "green", percent: 96, basis: "load", rule: "Done 96% of the planned load: within ±20% is green." },
    pair: null,
    ...overrides,
  };
}

/** A day of a view; `overrides` change any field. */
export function calendarDay(date: string, overrides: Partial<CalendarDay> = {}): CalendarDay {
  return { date, in_span: true, is_today: false, items: [], notes: [], rest_day: false, ...overrides };
}

/**
 * November 2026 of athlete a1 (c1) as the calendar answers it: five Monday-first weeks from
 * 2026-10-26 to 2026-11-29, today 2026-11-18, one ride on the 10th.
 */
export function calendarView(overrides: Partial<CalendarView> = {}): CalendarView {
  const weeks: CalendarWeek[] = [];
  const start = Date.UTC(2026, 9, 26);
  for (let w = 0; w < 5; w += 1) {
    const days: CalendarDay[] = [];
    for (let d = 0; d < 7; d += 1) {
      const date = new Date(start + (w * 7 + d) * 86_400_000).toISOString().slice(0, 10);
      days.push(
        calendarDay(date, {
          in_span: date >= "2026-11-01",
          is_today: date === "2026-11-18",
          items: date === "2026-11-10" ? [calendarItem()] : [],
        }),
      );
    }
    weeks.push({ start: days[0].date, days, done: [], planned: [] });
  }
  return {
    athlete: { connection_id: "c1", athlete_id: "a1" },
    athlete_name: "Ada",
    span: "month",
    key: "2026-11",
    previous: "2026-10",
    next: "2026-12",
    first_day: "2026-11-01",
    last_day: "2026-11-30",
    today: "2026-11-18",
    weeks,
    has_data: true,
    cached_from: "2025-11-01",
    cached_to: "2026-12-31",
    ...overrides,
  };
}

/** An athlete the switcher offers: Ada, c1's own; `overrides` change any field. */
export function athleteChoice(overrides: Partial<AthleteChoice> = {}): AthleteChoice {
  return {
    athlete: { connection_id: "c1", athlete_id: "a1" },
    name: "Ada",
    is_self: true,
    provider_name: "VeloPeak",
    account_name: "Ada",
    coach: false,
    ...overrides,
  };
}

/** One athlete's week in the coach overview; `overrides` change any field. */
export function coachRow(overrides: Partial<CoachRow> = {}): CoachRow {
  return {
    athlete: { connection_id: "c1", athlete_id: "a2" },
    name: "Ben",
    planned_s: 36_000,
    done_s: 30_600,
    planned_load: 500,
    done_load: 430,
    planned_sessions: 6,
    done_sessions: 5,
    compliance_pct: 83,
    missed: 1,
    last_activity: { id: "act9", name: "Tempo run", sport: "run", date: "2026-11-17" },
    ...overrides,
  };
}

/** A file an export wrote; `overrides` change any field. */
export function exportedFile(overrides: Partial<ExportedFile> = {}): ExportedFile {
  return {
    path: "/home/ada/Downloads/offpeak-plan-2026-11.ics",
    file_name: "offpeak-plan-2026-11.ics",
    bytes: 2048,
    items: 12,
    ...overrides,
  };
}
