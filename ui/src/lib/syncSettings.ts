// The sync settings form: the intervals on offer, the streams choices, checking the months field
// before anything is sent, and a sentence that says what was saved.
import type { StreamsChoice } from "./bindings/StreamsChoice";
import type { SyncSettingsView } from "./bindings/SyncSettingsView";

export const MIN_MONTHS = 1;
export const MAX_MONTHS = 240;

export type IntervalOption = { minutes: number; label: string };

/** The background intervals the panel offers. */
export const INTERVALS: IntervalOption[] = [
  { minutes: 0, label: "Off" },
  { minutes: 15, label: "15 min" },
  { minutes: 30, label: "30 min" },
  { minutes: 60, label: "1 h" },
  { minutes: 180, label: "3 h" },
  { minutes: 360, label: "6 h" },
];

/** 0 → "Off", 45 → "45 min", 60 → "1 h", 90 → "1 h 30 min". */
export function formatInterval(minutes: number): string {
  if (minutes <= 0) return "Off";
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** The offered intervals, plus the current one when it was set elsewhere (the command line). */
export function intervalOptions(current: number): IntervalOption[] {
  if (INTERVALS.some((o) => o.minutes === current)) return INTERVALS;
  return [...INTERVALS, { minutes: current, label: formatInterval(current) }].sort((a, b) => a.minutes - b.minutes);
}

export type SettingsForm = {
  interval: number;
  streams: StreamsChoice;
  /** As typed: the field may hold anything until it is checked. */
  months: string;
};

export function formFromSettings(view: SyncSettingsView): SettingsForm {
  return { interval: view.interval_minutes, streams: view.streams, months: String(view.months) };
}

/** An error for the months field, or `null`; only checked when streams reach back by months. */
export function validateMonths(form: SettingsForm): string | null {
  if (form.streams !== "recent_months") return null;
  const text = form.months.trim();
  if (text === "") return "Enter how many months back, from 1 to 240.";
  if (!/^\d+$/.test(text)) return "Enter a whole number of months, from 1 to 240.";
  const months = Number(text);
  if (months < MIN_MONTHS || months > MAX_MONTHS) {
    return `Enter from ${MIN_MONTHS} to ${MAX_MONTHS} months (240 is twenty years).`;
  }
  return null;
}

/**
 * The settings to save, or `null` when the form has an error. Months the other choices do not use
 * are kept as typed when valid, so choosing "last N months" again shows them.
 */
export function settingsFromForm(form: SettingsForm, previous: SyncSettingsView): SyncSettingsView | null {
  if (validateMonths(form) !== null) return null;
  const typed = Number(form.months.trim());
  const months = Number.isInteger(typed) && typed >= MIN_MONTHS && typed <= MAX_MONTHS ? typed : previous.months;
  return { interval_minutes: form.interval, streams: form.streams, months };
}

/** True when the form differs from what is saved. */
export function isChanged(form: SettingsForm, saved: SyncSettingsView): boolean {
  const next = settingsFromForm(form, saved);
  if (next === null) return true;
  const monthsMatter = next.streams === "recent_months";
  return (
    next.interval_minutes !== saved.interval_minutes ||
    next.streams !== saved.streams ||
    (monthsMatter && next.months !== saved.months)
  );
}

/** What the streams choice means, in a phrase: "streams of the last 12 months". */
export function streamsWords(view: SyncSettingsView): string {
  switch (view.streams) {
    case "all":
      return "streams of all activities";
    case "recent_months":
      return view.months === 1 ? "streams of the last month" : `streams of the last ${view.months} months`;
    case "on_demand":
      return "streams only when you open an activity";
  }
}

/** The sentence shown once the settings are saved. */
export function savedSentence(view: SyncSettingsView): string {
  const when =
    view.interval_minutes === 0
      ? "Background sync is off: Offpeak syncs when you press Sync now"
      : `Offpeak syncs every ${formatInterval(view.interval_minutes)} in the background`;
  const streams = view.streams === "on_demand" ? "fetches streams only when you open an activity" : `fetches ${streamsWords(view)} ahead`;
  return `Saved. ${when}, and ${streams}.`;
}
