import { describe, expect, it } from "vitest";
import { hoverView } from "../pageFixtures";
import {
  clampIndex,
  clientToSvgX,
  epochDayToDate,
  formatValue,
  formatX,
  keyStep,
  nearestIndex,
  readout,
  svgXOf,
} from "./hover";

describe("hover geometry", () => {
  it("maps client pixels to SVG units through the rendered width", () => {
    // Drawn 400 px wide for an 800-unit chart: each pixel is two units.
    expect(clientToSvgX(250, 50, 400, 800)).toBe(400);
    expect(clientToSvgX(50, 50, 400, 800)).toBe(0);
    expect(clientToSvgX(10, 0, 0, 800)).toBe(0);
  });

  it("places each column by its share of the plot", () => {
    const hover = hoverView();
    expect(svgXOf(hover, 0)).toBe(100);
    expect(svgXOf(hover, 4)).toBe(700);
    expect(svgXOf(hover, 2)).toBe(400);
    expect(svgXOf(hover, 99)).toBe(700);
  });

  it("finds the nearest column, clamped to the plot", () => {
    const hover = hoverView();
    expect(nearestIndex(hover, 100)).toBe(0);
    expect(nearestIndex(hover, 240)).toBe(1); // 56 s: nearer 60 than 0
    expect(nearestIndex(hover, 330)).toBe(2); // 92 s: nearer 120 than 60
    expect(nearestIndex(hover, 0)).toBe(0);
    expect(nearestIndex(hover, 5000)).toBe(4);
    expect(nearestIndex(hoverView({ xs: [] }), 300)).toBe(0);
  });

  it("follows uneven columns", () => {
    const hover = hoverView({ xs: [0, 1, 2, 100] });
    // 400 is half the plot: x = 50, nearer 2 than 100.
    expect(nearestIndex(hover, 400)).toBe(2);
    expect(nearestIndex(hover, 690)).toBe(3);
  });

  it("moves by keys, ten at a time with Shift, and stays inside", () => {
    expect(keyStep("ArrowRight", false, 3, 50)).toBe(4);
    expect(keyStep("ArrowRight", true, 3, 50)).toBe(13);
    expect(keyStep("ArrowLeft", true, 3, 50)).toBe(0);
    expect(keyStep("ArrowRight", true, 45, 50)).toBe(49);
    expect(keyStep("End", false, 3, 50)).toBe(49);
    expect(keyStep("Home", false, 3, 50)).toBe(0);
    expect(keyStep("a", false, 3, 50)).toBeNull();
    expect(clampIndex(-2, 0)).toBe(0);
  });
});

describe("readout", () => {
  it("formats x by its unit", () => {
    expect(formatX(3723, "s")).toBe("1:02:03");
    expect(formatX(12.345, "km")).toBe("12.35 km");
    expect(formatX(20767, "day")).toBe("2026-11-10");
    expect(formatX(20767, "day", (d) => `on ${d}`)).toBe("on 2026-11-10");
    expect(epochDayToDate(0)).toBe("1970-01-01");
  });

  it("formats values by unit", () => {
    expect(formatValue(251.6, "W")).toBe("252");
    expect(formatValue(35.26, "km/h")).toBe("35.3");
    expect(formatValue(4.5, "min/km")).toBe("4:30");
    expect(formatValue(null, "W")).toBe("–");
    expect(formatValue(-14.8, "")).toBe("-15");
  });

  it("reads every panel at a column, gaps as a dash", () => {
    const hover = hoverView();
    expect(readout(hover, 1)).toEqual({
      x: "1:00",
      rows: [
        { label: "Power", value: "252", unit: "W" },
        { label: "Speed", value: "35.3", unit: "km/h" },
      ],
    });
    expect(readout(hover, 2).rows[0]).toEqual({ label: "Power", value: "–", unit: "" });
    expect(readout(hoverView({ xs: [], panels: [] }), 0)).toEqual({ x: "–", rows: [] });
  });
});
