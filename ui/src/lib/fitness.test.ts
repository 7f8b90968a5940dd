import { describe, expect, it } from "vitest";
import { addDays, addMonths, fitnessTiles, formatDay, isDate, localToday, presetRange, rangeProblem } from "./fitness";

describe("fitness ranges", () => {
  it("does date arithmetic across months and years", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addMonths("2026-05-31", -3)).toBe("2026-02-28");
    expect(addMonths("2024-02-29", -12)).toBe("2023-02-28");
    expect(addMonths("2026-01-15", -2)).toBe("2025-11-15");
  });

  it("checks dates", () => {
    expect(isDate("2026-02-28")).toBe(true);
    expect(isDate("2026-02-30")).toBe(false);
    expect(isDate("2026-2-3")).toBe(false);
    expect(localToday(new Date(2026, 10, 5, 23, 59))).toBe("2026-11-05");
    expect(formatDay("2026-11-10", "en-US")).toBe("Tue, Nov 10, 2026");
    expect(formatDay("2026-11-10", "en-GB")).toMatch(/^Tue,? 10 Nov 2026$/);
    expect(formatDay("later", "en-GB")).toBe("later");
  });

  it("covers each preset up to today", () => {
    const today = "2026-11-10";
    expect(presetRange("6w", today, null)).toEqual({ from: "2026-09-29", to: today });
    expect(presetRange("3m", today, null)).toEqual({ from: "2026-08-10", to: today });
    expect(presetRange("6m", today, null)).toEqual({ from: "2026-05-10", to: today });
    expect(presetRange("1y", today, null)).toEqual({ from: "2025-11-10", to: today });
    expect(presetRange("2y", today, null)).toEqual({ from: "2024-11-10", to: today });
    expect(presetRange("all", today, "2019-04-01")).toEqual({ from: "2019-04-01", to: today });
    expect(presetRange("all", today, null)).toEqual({ from: "2025-11-10", to: today });
  });

  it("explains a custom range it cannot show", () => {
    expect(rangeProblem("2026-01-01", "2026-02-01")).toBeNull();
    expect(rangeProblem("2026-01-01", "2026-01-01")).toBeNull();
    expect(rangeProblem("2026-03-01", "2026-02-01")).toBe("The start comes after the end.");
    expect(rangeProblem("", "2026-02-01")).toBe("Enter both dates.");
  });
});

describe("fitness tiles", () => {
  it("rounds and signs form", () => {
    const tiles = fitnessTiles({ date: "2026-11-10", load: 60, fitness: 41.9, fatigue: 52.4, form: -10.5 });
    expect(tiles.map((t) => t.value)).toEqual(["42", "52", "−10"]);
    expect(tiles[0].hint).toBe("42-day average load");
    expect(fitnessTiles({ date: "2026-11-10", load: 0, fitness: 50, fatigue: 40, form: 10.2 })[2].value).toBe("+10");
  });
});
