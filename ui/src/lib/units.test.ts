import { describe, expect, it } from "vitest";
import {
  formatClock,
  formatDistanceIn,
  formatElevation,
  formatPace,
  formatPaceTarget,
  formatSpeed,
  formatSpeedFor,
} from "./units";

describe("units", () => {
  it("formats clocks", () => {
    expect(formatClock(3723)).toBe("1:02:03");
    expect(formatClock(123)).toBe("2:03");
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(-1)).toBe("–");
  });
  it("formats distances in both systems", () => {
    expect(formatDistanceIn(42195, "metric")).toBe("42.2 km");
    expect(formatDistanceIn(42195, "imperial")).toBe("26.2 mi");
    expect(formatDistanceIn(5000, "imperial")).toBe("3.11 mi");
    expect(formatDistanceIn(1500, "metric", "swim")).toBe("1,500 m");
    expect(formatDistanceIn(1500, "imperial", "swim")).toBe("1,640 yd");
    expect(formatDistanceIn(750, "metric")).toBe("750 m");
    expect(formatDistanceIn(160934.4, "imperial")).toBe("100 mi");
  });
  it("formats speed and pace", () => {
    expect(formatSpeed(10, "metric")).toBe("36.0 km/h");
    expect(formatSpeed(10, "imperial")).toBe("22.4 mph");
    expect(formatPace(1000 / 275, "metric", "run")).toBe("4:35 /km");
    expect(formatPace(1000 / 275, "imperial", "run")).toBe("7:23 /mi");
    expect(formatPace(100 / 105, "metric", "swim")).toBe("1:45 /100m");
    expect(formatSpeedFor("ride", 10, "metric")).toBe("36.0 km/h");
    expect(formatSpeedFor("run", 0, "metric")).toBe("–");
  });
  it("formats elevation and pace targets", () => {
    expect(formatElevation(850, "metric")).toBe("850 m");
    expect(formatElevation(850, "imperial")).toBe("2,789 ft");
    expect(formatPaceTarget(270, "metric")).toBe("4:30 /km");
    expect(formatPaceTarget(270, "imperial")).toBe("7:15 /mi");
  });
});
