import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  complianceClass,
  exportRange,
  focusFor,
  inView,
  isDateKey,
  itemSummary,
  mondayOf,
  navTarget,
  plannedStatus,
  spanKey,
  visibleCount,
  weekSum,
  weekSummary,
  weekTotals,
} from "./calendar";
import { calendarItem, calendarView } from "./fixtures";

describe("date keys", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-28", 7)).toBe("2026-04-04");
  });

  it("adds months keeping the day, clamped to the month's end", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
  });

  it("finds the Monday of a week, Sunday belonging to the week before", () => {
    expect(mondayOf("2026-11-18")).toBe("2026-11-16"); // a Wednesday
    expect(mondayOf("2026-11-16")).toBe("2026-11-16");
    expect(mondayOf("2026-11-22")).toBe("2026-11-16"); // a Sunday
    expect(mondayOf("2027-01-01")).toBe("2026-12-28");
  });

  it("keys a request by month or by the week's Monday", () => {
    expect(spanKey("month", "2026-11-18")).toBe("2026-11");
    expect(spanKey("week", "2026-11-22")).toBe("2026-11-16");
  });

  it("tells real dates from malformed or impossible ones", () => {
    expect(isDateKey("2026-02-28")).toBe(true);
    expect(isDateKey("2026-02-30")).toBe(false);
    expect(isDateKey("2026-2-3")).toBe(false);
    expect(isDateKey("")).toBe(false);
  });
});

describe("keyboard navigation", () => {
  it("moves by a day, a week, to the week's ends", () => {
    expect(navTarget("ArrowLeft", "2026-11-01", "month")).toBe("2026-10-31");
    expect(navTarget("ArrowRight", "2026-11-30", "month")).toBe("2026-12-01");
    expect(navTarget("ArrowUp", "2026-11-03", "month")).toBe("2026-10-27");
    expect(navTarget("ArrowDown", "2026-11-28", "month")).toBe("2026-12-05");
    expect(navTarget("Home", "2026-11-18", "month")).toBe("2026-11-16");
    expect(navTarget("End", "2026-11-18", "week")).toBe("2026-11-22");
  });

  it("pages by a month in the month view and by a week in the week view", () => {
    expect(navTarget("PageUp", "2026-03-31", "month")).toBe("2026-02-28");
    expect(navTarget("PageDown", "2026-11-18", "month")).toBe("2026-12-18");
    expect(navTarget("PageUp", "2026-11-18", "week")).toBe("2026-11-11");
    expect(navTarget("PageDown", "2026-11-18", "week")).toBe("2026-11-25");
  });

  it("ignores other keys", () => {
    expect(navTarget("Enter", "2026-11-18", "month")).toBeNull();
    expect(navTarget("a", "2026-11-18", "week")).toBeNull();
  });

  it("knows which days belong to the view and where the focus lands", () => {
    const view = calendarView();
    expect(inView(view, "2026-11-01")).toBe(true);
    expect(inView(view, "2026-10-31")).toBe(false);
    expect(focusFor(view, "2026-11-05")).toBe("2026-11-05");
    expect(focusFor(view, "2026-12-05")).toBe("2026-11-18");
    expect(focusFor(calendarView({ today: "2027-01-02" }), null)).toBe("2026-11-01");
  });

  it("exports exactly the month or week shown", () => {
    expect(exportRange(calendarView())).toEqual({ from: "2026-11-01", to: "2026-11-30" });
  });
});

describe("cards", () => {
  it("maps each compliance colour to its own class", () => {
    const colours = ["green", "amber", "red", "missed", "upcoming", "unplanned"] as const;
    const classes = colours.map(complianceClass);
    expect(new Set(classes).size).toBe(colours.length);
    expect(complianceClass("missed")).toBe("c-missed");
    expect(complianceClass("unplanned")).toBe("c-unplanned");
  });

  it("says what a card is for a screen reader", () => {
    expect(itemSummary({ ...calendarItem(), pair: { id: "w1", name: "Sweet spot", date: "2026-11-10", duration_s: 3600, load: 60 } })).toBe(
      "Completed ride for the plan “Sweet spot”, on target, 96% of planned load",
    );
    expect(itemSummary(calendarItem())).toBe("Completed ride, on target, 96% of planned load");
    const race = calendarItem({
      kind: "planned",
      sport: "run",
      race: "A",
      compliance: { color: "upcoming", percent: null, basis: null, rule: "Still to do." },
    });
    expect(itemSummary(race)).toBe("Planned run, A race, upcoming");
  });

  it("gives planned cards the status the end-to-end tests read", () => {
    const pair = { id: "a", name: "Ride", date: "2026-11-11", duration_s: 3600, load: 50 };
    const missed = { color: "missed" as const, percent: null, basis: null, rule: "Missed." };
    expect(plannedStatus(calendarItem({ kind: "planned", pair }))).toBe("done");
    expect(plannedStatus(calendarItem({ kind: "planned", compliance: missed }))).toBe("missed");
    expect(plannedStatus(calendarItem({ kind: "planned", pair: null }))).toBe("upcoming");
  });

  it("keeps a month cell to its height with a +N more line", () => {
    expect(visibleCount(2, 3)).toBe(2);
    expect(visibleCount(3, 3)).toBe(3);
    expect(visibleCount(5, 3)).toBe(2);
  });
});

describe("weekly totals", () => {
  const week = {
    ...calendarView().weeks[2],
    done: [
      { sport: "run" as const, sessions: 2, time_s: 5400, distance_m: 16_093.44, load: 95.4 },
      { sport: "ride" as const, sessions: 2, time_s: 9000, distance_m: 80_000, load: 180 },
    ],
    planned: [
      { sport: "ride" as const, sessions: 3, time_s: 12_600, distance_m: 0, load: 240 },
      { sport: "swim" as const, sessions: 1, time_s: 2700, distance_m: 2000, load: 30 },
    ],
  };

  it("lists each sport done against planned, busiest first, in the person's units", () => {
    const rows = weekTotals(week, "metric");
    expect(rows.map((r) => r.sport)).toEqual(["ride", "run", "swim"]);
    expect(rows[0]).toMatchObject({ time: "2h 30m", plannedTime: "3h 30m", distance: "80.0 km", load: "180", plannedLoad: "240" });
    expect(rows[1]).toMatchObject({ plannedTime: null, distance: "16.1 km", load: "95" });
    expect(rows[2]).toMatchObject({ time: "0m", plannedTime: "45m", distance: null, load: null, plannedLoad: "30" });
    expect(weekTotals(week, "imperial")[1].distance).toBe("10.0 mi");
    expect(rows[0].title).toBe("Ride: 2h 30m done of 3h 30m planned · 80.0 km · load 180 of 240");
  });

  it("sums the week across sports", () => {
    expect(weekSummary(week)).toBe("4h of 4h 15m · load 275 of 270");
    expect(weekSummary({ ...week, done: [], planned: [] })).toBe("");
  });
});

describe("the week's sum", () => {
  it("adds every sport, done and planned", () => {
    const week = {
      ...calendarView().weeks[0],
      done: [{ sport: "run" as const, sessions: 1, time_s: 3600, distance_m: 10_000, load: 60.4 }],
      planned: [{ sport: "ride" as const, sessions: 1, time_s: 5400, distance_m: 0, load: 90 }],
    };
    expect(weekSum(week)).toEqual({ time: "1h", plannedTime: "1h 30m", load: 60, plannedLoad: 90 });
    expect(weekSum({ ...week, done: [], planned: [] })).toBeNull();
  });
});
