import { describe, expect, it } from "vitest";
import { workoutPageView, planStep } from "./pageFixtures";
import { formatStepSize, formatTarget, intensityName, plannedTiles } from "./workout";

describe("step targets", () => {
  it("reads absolute targets in watts, bpm and pace", () => {
    expect(formatTarget({ kind: "power", low: 249.6, high: 275.2, absolute: true }, "metric")).toBe("250–275 W");
    expect(formatTarget({ kind: "heart_rate", low: 145, high: 152, absolute: true }, "imperial")).toBe("145–152 bpm");
    expect(formatTarget({ kind: "pace", low: 270, high: 280, absolute: true }, "metric")).toBe("4:30–4:40 /km");
    expect(formatTarget({ kind: "pace", low: 280, high: 270, absolute: true }, "metric")).toBe("4:30–4:40 /km");
    expect(formatTarget({ kind: "pace", low: 270, high: 270, absolute: true }, "imperial")).toBe("7:15 /mi");
  });

  it("reads relative targets as a share of the threshold", () => {
    expect(formatTarget({ kind: "power", low: 88, high: 94, absolute: false }, "metric")).toBe("88–94% FTP");
    expect(formatTarget({ kind: "heart_rate", low: 80, high: 85, absolute: false }, "metric")).toBe("80–85% threshold HR");
    expect(formatTarget(null, "metric")).toBe("–");
  });
});

describe("steps", () => {
  it("sizes a step by distance or duration", () => {
    expect(formatStepSize(planStep({ duration_s: 600 }), "metric", "ride")).toBe("10:00");
    expect(formatStepSize(planStep({ distance_m: 1000, duration_s: 270 }), "metric", "run")).toBe("1.0 km");
    expect(formatStepSize(planStep({ distance_m: 400, duration_s: 90 }), "imperial", "swim")).toBe("437 yd");
  });

  it("names intensities", () => {
    expect(intensityName("warmup")).toBe("Warm-up");
    expect(intensityName("cooldown")).toBe("Cool-down");
    expect(intensityName("ramp")).toBe("Ramp");
  });

  it("lists the planned figures there are", () => {
    expect(plannedTiles(workoutPageView(), "metric").map((t) => [t.key, t.value])).toEqual([
      ["duration", "1:30:00"],
      ["load", "90"],
      ["steps", "3"],
    ]);
    const run = workoutPageView({ sport: "run", planned_distance_m: 10_000, planned_load: null, steps: [] });
    expect(plannedTiles(run, "imperial").map((t) => t.value)).toEqual(["1:30:00", "6.21 mi"]);
  });
});
