// The coach overview's table: its columns, how each sorts, and the figures in words.
import type { CoachRow } from "./bindings/CoachRow";
import { formatDuration } from "./format";

export type CoachColumn =
  | "name"
  | "planned_s"
  | "done_s"
  | "done_load"
  | "compliance_pct"
  | "missed"
  | "last_activity";

export type SortDir = "ascending" | "descending";
export type CoachSort = { column: CoachColumn; dir: SortDir };

export const COACH_COLUMNS: { column: CoachColumn; label: string; numeric: boolean }[] = [
  { column: "name", label: "Athlete", numeric: false },
  { column: "planned_s", label: "Planned", numeric: true },
  { column: "done_s", label: "Done", numeric: true },
  { column: "done_load", label: "Load", numeric: true },
  { column: "compliance_pct", label: "Compliance", numeric: true },
  { column: "missed", label: "Missed", numeric: true },
  { column: "last_activity", label: "Last activity", numeric: false },
];

function value(row: CoachRow, column: CoachColumn): string | number | null {
  switch (column) {
    case "name":
      return row.name.toLocaleLowerCase();
    case "last_activity":
      return row.last_activity?.date ?? null;
    default:
      return row[column];
  }
}

/** The rows sorted by one column; rows without a value (no compliance yet, no activity) go last either way. */
export function sortCoachRows(rows: CoachRow[], sort: CoachSort): CoachRow[] {
  const sign = sort.dir === "ascending" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a, sort.column);
    const vb = value(b, sort.column);
    if (va === null && vb === null) return a.name.localeCompare(b.name);
    if (va === null) return 1;
    if (vb === null) return -1;
    const cmp = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
    return cmp === 0 ? a.name.localeCompare(b.name) : sign * cmp;
  });
}

/**
 * The sort after a click on `column`: the same column flips; a new one starts descending for
 * figures (the most first) and ascending for names and dates' text.
 */
export function nextSort(current: CoachSort, column: CoachColumn): CoachSort {
  if (current.column === column) return { column, dir: current.dir === "ascending" ? "descending" : "ascending" };
  const numeric = COACH_COLUMNS.find((c) => c.column === column)?.numeric ?? false;
  return { column, dir: numeric || column === "last_activity" ? "descending" : "ascending" };
}

/** "3h 20m / 5h" style hours, done of planned. */
export function hoursCell(row: CoachRow): { done: string; planned: string } {
  return { done: row.done_s > 0 ? formatDuration(row.done_s) : "–", planned: row.planned_s > 0 ? formatDuration(row.planned_s) : "–" };
}

/** The tone of a compliance figure: good at 80% and up, fair from 50%, poor below, none without one. */
export function complianceTone(pct: number | null): "good" | "fair" | "poor" | "none" {
  if (pct === null) return "none";
  if (pct >= 80) return "good";
  if (pct >= 50) return "fair";
  return "poor";
}
