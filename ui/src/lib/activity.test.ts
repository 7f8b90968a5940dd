import { describe, expect, it } from "vitest";
import {
  complianceLabel,
  formatLongDateLocale,
  formatShortDateLocale,
  formatStartTime,
  lapColumns,
  lapRow,
  streamsNote,
  summaryTiles,
} from "./activity";
import { compliance, lapView, summaryView } from "./pageFixtures";

describe("activity dates", () => {
  it("formats long dates in the locale's words", () => {
    expect(formatLongDateLocale("2026-11-10", "en-GB")).toMatch(/^Tuesday,? 10 November 2026$/);
    expect(formatLongDateLocale("2026-11-10", "en-US")).toBe("Tuesday, November 10, 2026");
    expect(formatLongDateLocale("2026-11-10", "de-DE")).toBe("Dienstag, 10. November 2026");
    expect(formatShortDateLocale("2026-11-10", "en-GB")).toBe("10 Nov 2026");
    expect(formatLongDateLocale("soon", "en-GB")).toBe("soon");
  });

  it("gives the start time in the activity's own time zone", () => {
    expect(formatStartTime("2026-11-10T07:30:00Z", "Europe/Paris", "en-GB")).toBe("08:30");
    expect(formatStartTime("2026-11-10T07:30:00Z", "America/New_York", "en-GB")).toBe("02:30");
    expect(formatStartTime("2026-11-10T07:30:00Z", "Not/AZone", "en-GB")).toMatch(/^\d\d:30$/);
    expect(formatStartTime("never", null)).toBe("");
  });
});

describe("summary tiles", () => {
  it("has a tile per figure, in the person's units", () => {
    const tiles = summaryTiles(summaryView(), "ride", "metric");
    const byKey = Object.fromEntries(tiles.map((t) => [t.key, t.value]));
    expect(byKey).toMatchObject({
      moving: "1:30:00",
      elapsed: "1:35:00",
      distance: "45.0 km",
      elevation: "620 m",
      speed: "30.0 km/h",
      power: "212 W",
      np: "232 W",
      if: "0.82",
      load: "88",
      hr: "142 bpm",
      maxhr: "171 bpm",
      cadence: "89 rpm",
      calories: "1,210 kcal",
    });
    expect(tiles.find((t) => t.key === "if")?.hint).toBe("FTP 280 W");
    const imperial = Object.fromEntries(summaryTiles(summaryView(), "ride", "imperial").map((t) => [t.key, t.value]));
    expect(imperial.distance).toBe("28.0 mi");
    expect(imperial.elevation).toBe("2,034 ft");
  });

  it("shows pace for runs and leaves out what is missing", () => {
    const tiles = summaryTiles(
      summaryView({
        avg_speed_mps: 1000 / 300,
        avg_power_w: null,
        normalized_power_w: null,
        intensity_factor: null,
        calories: null,
        elapsed_time_s: 5400,
      }),
      "run",
      "metric",
    );
    const keys = tiles.map((t) => t.key);
    expect(keys).not.toContain("power");
    expect(keys).not.toContain("np");
    expect(keys).not.toContain("if");
    expect(keys).not.toContain("calories");
    expect(keys).not.toContain("elapsed"); // same as moving
    const speed = tiles.find((t) => t.key === "speed");
    expect(speed).toEqual({ key: "speed", label: "Avg pace", value: "5:00 /km" });
    expect(tiles.find((t) => t.key === "cadence")?.value).toBe("89 spm");
  });
});

describe("laps", () => {
  it("formats a lap's cells", () => {
    expect(lapRow(lapView({ start_s: 600, duration_s: 905 }), "ride", "metric")).toEqual({
      label: "Lap 1",
      start: "10:00",
      duration: "15:05",
      distance: "5.0 km",
      power: "205",
      np: "214",
      hr: "138",
      maxHr: "150",
      cadence: "90",
      speed: "30.0 km/h",
    });
    const bare = lapRow(lapView({ avg_power_w: null, avg_speed_mps: 0 }), "run", "imperial");
    expect(bare.power).toBe("–");
    expect(bare.speed).toBe("–");
    expect(bare.distance).toBe("3.11 mi");
  });

  it("keeps only the columns some lap fills", () => {
    const cols = lapColumns([lapView({ avg_power_w: null, normalized_power_w: null }), lapView({ avg_power_w: null, normalized_power_w: 200 })]);
    expect(cols.power).toBe(false);
    expect(cols.np).toBe(true);
    expect(cols.hr).toBe(true);
  });
});

describe("compliance and streams", () => {
  it("labels compliance with its percentage and basis", () => {
    expect(complianceLabel(compliance())).toBe("On plan · 98% of load");
    expect(complianceLabel(compliance({ color: "amber", percent: 65, basis: "duration" }))).toBe(
      "Partly on plan · 65% of duration",
    );
    expect(complianceLabel(compliance({ color: "unplanned", percent: null }))).toBe("Unplanned");
  });

  it("explains a recording that is missing", () => {
    expect(streamsNote("cached", false, "VeloPeak")).toBeNull();
    expect(streamsNote("not_fetched", false, "VeloPeak")?.title).toBe("The recording isn't in the cache yet");
    expect(streamsNote("none_recorded", false, "VeloPeak")?.title).toBe("No recording");
    const stub = streamsNote("none_recorded", true, "Intervals.icu");
    expect(stub?.title).toBe("Details on Strava");
    expect(stub?.body).toContain("Intervals.icu");
  });
});
