import { describe, expect, it } from "vitest";
import type { SyncSettingsView } from "./bindings/SyncSettingsView";
import {
  formatInterval,
  formFromSettings,
  INTERVALS,
  intervalOptions,
  isChanged,
  savedSentence,
  settingsFromForm,
  streamsWords,
  validateMonths,
} from "./syncSettings";

const saved: SyncSettingsView = { interval_minutes: 30, streams: "recent_months", months: 12 };

describe("intervals", () => {
  it("offers Off to 6 h", () => {
    expect(INTERVALS.map((o) => o.label)).toEqual(["Off", "15 min", "30 min", "1 h", "3 h", "6 h"]);
  });

  it("reads naturally", () => {
    expect(formatInterval(0)).toBe("Off");
    expect(formatInterval(45)).toBe("45 min");
    expect(formatInterval(60)).toBe("1 h");
    expect(formatInterval(90)).toBe("1 h 30 min");
  });

  it("keeps an interval set elsewhere among the options, in order", () => {
    expect(intervalOptions(30)).toBe(INTERVALS);
    const options = intervalOptions(45);
    expect(options.map((o) => o.minutes)).toEqual([0, 15, 30, 45, 60, 180, 360]);
  });
});

describe("validateMonths", () => {
  const form = (months: string, streams: SyncSettingsView["streams"] = "recent_months") => ({
    interval: 30,
    streams,
    months,
  });

  it("accepts 1 to 240 whole months", () => {
    for (const ok of ["1", "12", " 240 "]) expect(validateMonths(form(ok))).toBeNull();
  });

  it("explains what is wrong", () => {
    expect(validateMonths(form(""))).toContain("Enter how many months");
    expect(validateMonths(form("1.5"))).toContain("whole number");
    expect(validateMonths(form("twelve"))).toContain("whole number");
    expect(validateMonths(form("0"))).toContain("from 1 to 240");
    expect(validateMonths(form("241"))).toContain("from 1 to 240");
  });

  it("ignores the field when streams do not reach back by months", () => {
    expect(validateMonths(form("", "all"))).toBeNull();
    expect(validateMonths(form("abc", "on_demand"))).toBeNull();
  });
});

describe("settingsFromForm", () => {
  it("round-trips the saved settings", () => {
    expect(settingsFromForm(formFromSettings(saved), saved)).toEqual(saved);
  });

  it("sends the typed months, or keeps the saved ones when the field is not in use", () => {
    expect(settingsFromForm({ interval: 60, streams: "recent_months", months: " 6 " }, saved)).toEqual({
      interval_minutes: 60,
      streams: "recent_months",
      months: 6,
    });
    expect(settingsFromForm({ interval: 0, streams: "all", months: "" }, saved)).toEqual({
      interval_minutes: 0,
      streams: "all",
      months: 12,
    });
  });

  it("sends nothing while the months are wrong", () => {
    expect(settingsFromForm({ interval: 30, streams: "recent_months", months: "0" }, saved)).toBeNull();
  });
});

describe("isChanged", () => {
  it("notices a change that matters", () => {
    const form = formFromSettings(saved);
    expect(isChanged(form, saved)).toBe(false);
    expect(isChanged({ ...form, interval: 60 }, saved)).toBe(true);
    expect(isChanged({ ...form, months: "6" }, saved)).toBe(true);
    expect(isChanged({ ...form, months: "oops" }, saved)).toBe(true);
    const all: SyncSettingsView = { ...saved, streams: "all" };
    expect(isChanged({ ...formFromSettings(all), months: "6" }, all)).toBe(false);
  });
});

describe("sentences", () => {
  it("says what each streams choice means", () => {
    expect(streamsWords({ ...saved, streams: "all" })).toBe("streams of all activities");
    expect(streamsWords({ ...saved, months: 1 })).toBe("streams of the last month");
    expect(streamsWords(saved)).toBe("streams of the last 12 months");
  });

  it("confirms what was saved", () => {
    expect(savedSentence(saved)).toBe(
      "Saved. Offpeak syncs every 30 min in the background, and fetches streams of the last 12 months ahead.",
    );
    expect(savedSentence({ interval_minutes: 0, streams: "on_demand", months: 12 })).toBe(
      "Saved. Background sync is off: Offpeak syncs when you press Sync now, and fetches streams only when you open an activity.",
    );
  });
});
