import { describe, expect, it } from "vitest";
import { exportedFile } from "./fixtures";
import {
  pickLocale,
  daysAgo,
  exportedMessage,
  exportFolder,
  longDate,
  monthTitle,
  shortDate,
  weekdayNames,
  weekTitle,
  dayOfMonth,
  formatDistance,
  formatDuration,
  formatLongDate,
  formatMonth,
  formatRelative,
  originHost,
  validateOrigin,
} from "./format";

describe("formatDuration", () => {
  it("formats hours and minutes", () => {
    expect(formatDuration(4500)).toBe("1h 15m");
    expect(formatDuration(3600)).toBe("1h");
    expect(formatDuration(2700)).toBe("45m");
    expect(formatDuration(85200)).toBe("23h 40m");
  });
  it("rounds to whole minutes and never shows zero for short efforts", () => {
    expect(formatDuration(40)).toBe("1m");
    expect(formatDuration(89)).toBe("1m");
    expect(formatDuration(0)).toBe("0m");
    expect(formatDuration(Number.NaN)).toBe("0m");
  });
});

describe("formatDistance", () => {
  it("uses km with one decimal", () => {
    expect(formatDistance(42300)).toBe("42.3 km");
    expect(formatDistance(10000)).toBe("10.0 km");
    expect(formatDistance(123456)).toBe("123 km");
  });
  it("uses metres for short distances and swims", () => {
    expect(formatDistance(750)).toBe("750 m");
    expect(formatDistance(2500, "swim")).toBe("2,500 m");
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-11-18T12:00:00Z");
  it("describes recent times", () => {
    expect(formatRelative(null, now)).toBe("never");
    expect(formatRelative("2026-11-18T11:59:40Z", now)).toBe("just now");
    expect(formatRelative("2026-11-18T11:55:00Z", now)).toBe("5 min ago");
    expect(formatRelative("2026-11-18T09:00:00Z", now)).toBe("3 h ago");
    expect(formatRelative("2026-11-17T10:00:00Z", now)).toBe("yesterday");
    expect(formatRelative("2026-11-14T12:00:00+00:00", now)).toBe("4 days ago");
  });
  it("falls back to a date for old times and survives garbage", () => {
    expect(formatRelative("2026-10-01T12:00:00Z", now)).toBe("on 1 Oct 2026");
    expect(formatRelative("not a date", now)).toBe("unknown");
  });
});

describe("dates and months", () => {
  it("formats months and days", () => {
    expect(formatMonth("2026-11")).toBe("November 2026");
    expect(formatMonth("2026-13")).toBe("2026-13");
    expect(dayOfMonth("2026-11-05")).toBe("5");
    expect(formatLongDate("2026-11-05")).toBe("Thursday, 5 November 2026");
  });
});

describe("origins", () => {
  it("extracts hosts", () => {
    expect(originHost("https://velo-peak.com")).toBe("velo-peak.com");
    expect(originHost("http://127.0.0.1:8123")).toBe("127.0.0.1:8123");
  });
  it("validates server addresses", () => {
    expect(validateOrigin("https://velo-peak.com")).toBeNull();
    expect(validateOrigin("http://localhost:8080")).toBeNull();
    expect(validateOrigin("")).toBe("Enter the server address.");
    expect(validateOrigin("velo-peak.com")).toMatch(/full address/);
    expect(validateOrigin("ftp://velo-peak.com")).toMatch(/https:\/\//);
  });
});

describe("formatRelative boundaries", () => {
  const now = new Date("2026-11-18T12:00:00Z");
  it("rounds 59.5 minutes to an hour", () => {
    expect(formatRelative("2026-11-18T11:00:30Z", now)).toBe("1 h ago");
    expect(formatRelative("2026-11-18T11:00:40Z", now)).toBe("59 min ago");
    expect(formatRelative("2026-11-18T11:59:16Z", now)).toBe("just now");
    expect(formatRelative("2026-11-18T11:59:15Z", now)).toBe("1 min ago");
  });
});

describe("locale-aware dates", () => {
  it("names months and weekdays in the locale, Monday first", () => {
    expect(monthTitle("2026-11", "en-GB")).toBe("November 2026");
    expect(monthTitle("2026-11", "de-DE")).toBe("November 2026");
    expect(monthTitle("2026-03", "fr-FR")).toBe("mars 2026");
    expect(weekdayNames("en-GB")[0]).toBe("Mon");
    expect(weekdayNames("en-GB", "long")[6]).toBe("Sunday");
    expect(weekdayNames("de-DE", "long")[0]).toBe("Montag");
  });

  it("writes long and short dates and week ranges", () => {
    expect(longDate("2026-11-05", "en-GB")).toMatch(/^Thursday,? 5 November 2026$/);
    expect(longDate("2026-11-05", "en-US")).toBe("Thursday, November 5, 2026");
    expect(shortDate("2026-11-05", "en-GB")).toBe("5 Nov 2026");
    expect(weekTitle("2026-11-16", "2026-11-22", "en-GB")).toMatch(/^16\s*–\s*22 Nov 2026$/);
    expect(weekTitle("2026-11-30", "2026-12-06", "en-GB")).toMatch(/^30 Nov\s*–\s*6 Dec 2026$/);
  });

  it("says how long ago a day was", () => {
    expect(daysAgo("2026-11-18", "2026-11-18")).toBe("today");
    expect(daysAgo("2026-11-17", "2026-11-18")).toBe("yesterday");
    expect(daysAgo("2026-11-15", "2026-11-18")).toBe("3 days ago");
    expect(daysAgo("2026-10-28", "2026-11-18")).toBe("3 weeks ago");
    expect(daysAgo("2026-11-20", "2026-11-18")).toBe("in 2 days");
  });
});

describe("exports", () => {
  it("says what was saved and where, home shortened", () => {
    const file = exportedFile();
    expect(exportFolder(file)).toBe("~/Downloads");
    expect(exportedMessage(file, ["planned workout", "planned workouts"])).toBe(
      "Saved 12 planned workouts to offpeak-plan-2026-11.ics in ~/Downloads.",
    );
    expect(exportedMessage(exportedFile({ items: 1 }), ["activity", "activities"])).toMatch(/^Saved 1 activity to/);
    expect(exportedMessage(exportedFile({ items: 0 }), ["activity", "activities"])).toMatch(/^Nothing to export/);
    expect(exportedMessage(exportedFile({ path: "/srv/out/chart.svg", file_name: "chart.svg" }))).toBe(
      "Saved chart.svg in /srv/out.",
    );
    expect(exportFolder(exportedFile({ path: "C:\\Users\\ada\\Downloads\\x.csv", file_name: "x.csv" }))).toBe(
      "~/Downloads",
    );
  });
});

describe("pickLocale", () => {
  it("skips what Intl refuses, such as the POSIX C locale", () => {
    expect(pickLocale(["C", "de-DE"])).toBe("de-DE");
    expect(pickLocale(["C"])).toBe("en-GB");
    expect(pickLocale([])).toBe("en-GB");
    expect(pickLocale(["fr-CA"])).toBe("fr-CA");
  });
});
