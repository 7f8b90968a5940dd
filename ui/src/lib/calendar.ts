// Small pure helpers over the calendar bindings.
import type { CalendarMonth } from "./bindings/CalendarMonth";
import type { Sport } from "./bindings/Sport";

export const SPORT_LABELS: Record<Sport, string> = {
  ride: "Ride",
  run: "Run",
  swim: "Swim",
  strength: "Strength",
  other: "Other",
};

export const SPORTS: Sport[] = ["ride", "run", "swim", "strength", "other"];

export type MonthSummary = {
  activities: number;
  durationS: number;
  distanceM: number;
  planned: number;
  plannedDone: number;
  plannedMissed: number;
};

/** Totals over the days that belong to the month (leading/trailing days are ignored). */
export function summarize(month: CalendarMonth): MonthSummary {
  const summary: MonthSummary = {
    activities: 0,
    durationS: 0,
    distanceM: 0,
    planned: 0,
    plannedDone: 0,
    plannedMissed: 0,
  };
  for (const day of month.days) {
    if (!day.in_month) continue;
    for (const item of day.items) {
      if (item.kind === "completed") {
        summary.activities += 1;
        summary.durationS += item.duration_s;
        summary.distanceM += item.distance_m ?? 0;
      } else {
        summary.planned += 1;
        if (item.status === "done") summary.plannedDone += 1;
        if (item.status === "missed") summary.plannedMissed += 1;
      }
    }
  }
  return summary;
}

/** True when no day of the month itself has an item. */
export function isMonthEmpty(month: CalendarMonth): boolean {
  return month.days.every((day) => !day.in_month || day.items.length === 0);
}
