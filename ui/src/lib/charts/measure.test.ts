import { afterEach, describe, expect, it, vi } from "vitest";
import { chartGrid, debounce, Latest, roundWidth } from "./measure";

describe("chart width", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("rounds to 10 px and ignores nothing-wide", () => {
    expect(roundWidth(1234)).toBe(1230);
    expect(roundWidth(1235)).toBe(1240);
    expect(roundWidth(3)).toBe(10);
    expect(roundWidth(0)).toBe(0);
    expect(roundWidth(Number.NaN)).toBe(0);
  });

  it("debounces a burst into its last call", () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    const report = debounce((w: number) => seen.push(w), 150);
    report(100);
    vi.advanceTimersByTime(100);
    report(200);
    vi.advanceTimersByTime(149);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([200]);
    report(300);
    report.cancel();
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([200]);
  });

  it("keeps only the latest request current", () => {
    const latest = new Latest();
    const first = latest.next();
    expect(latest.isCurrent(first)).toBe(true);
    const second = latest.next();
    expect(latest.isCurrent(first)).toBe(false);
    expect(latest.isCurrent(second)).toBe(true);
  });

  it("puts the smaller charts two to a row on wide content, each drawn at its own width", () => {
    expect(chartGrid(800, 16)).toEqual({ columns: 1, cellWidth: 800 });
    expect(chartGrid(959, 16)).toEqual({ columns: 1, cellWidth: 960 });
    expect(chartGrid(960, 16)).toEqual({ columns: 2, cellWidth: 470 });
    expect(chartGrid(1400, 16)).toEqual({ columns: 2, cellWidth: 690 });
  });
});
