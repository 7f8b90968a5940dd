import { describe, expect, it } from "vitest";
import { dateFormat, groupedInteger, localDateTime, numberFormat } from "./intl";

// Every fixed-offset zone: Etc/GMT-14 … Etc/GMT+12.
const ZONES = [...Array(27).keys()].map((i) => (i === 14 ? "UTC" : `Etc/GMT${i < 14 ? "-" : "+"}${Math.abs(i - 14)}`));

describe("shared Intl formatters", () => {
  it("gives the same formatter back for the same locale and options", () => {
    const a = dateFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
    const b = dateFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
    expect(b).toBe(a);
    expect(a.format(new Date(Date.UTC(2026, 10, 5)))).toBe("5 Nov");
  });

  it("keeps locales and options apart", () => {
    const gb = dateFormat("en-GB", { month: "long", timeZone: "UTC" });
    const fr = dateFormat("fr-FR", { month: "long", timeZone: "UTC" });
    const short = dateFormat("en-GB", { month: "short", timeZone: "UTC" });
    const day = new Date(Date.UTC(2026, 1, 1));
    expect([gb.format(day), fr.format(day), short.format(day)]).toEqual(["February", "février", "Feb"]);
  });

  it("throws on a bad time zone like the constructor, and keeps nothing for it", () => {
    expect(() => dateFormat("en-GB", { timeZone: "Mars/Olympus_Mons" })).toThrow(RangeError);
    expect(() => dateFormat("en-GB", { timeZone: "Mars/Olympus_Mons" })).toThrow(RangeError);
  });

  it("stays bounded when time zones keep changing", () => {
    const first = dateFormat("en-GB", { hour: "2-digit", timeZone: "UTC" });
    for (const hour of ["numeric", "2-digit"] as const) {
      for (const zone of ZONES) dateFormat("en-GB", { hour, minute: "2-digit", timeZone: zone });
    }
    for (const zone of ZONES.slice(0, 12)) dateFormat("en-GB", { hour: "numeric", timeZone: zone });
    const again = dateFormat("en-GB", { hour: "2-digit", timeZone: "UTC" });
    expect(again).not.toBe(first);
    expect(again.format(new Date(0))).toBe(first.format(new Date(0)));
  });

  it("shares number formatters too", () => {
    expect(numberFormat("de-DE")).toBe(numberFormat("de-DE"));
    expect(numberFormat("de-DE").format(1234.5)).toBe("1.234,5");
  });

  it("groups whole numbers the same in every locale", () => {
    expect(groupedInteger(312)).toBe("312");
    expect(groupedInteger(1204.4)).toBe("1,204");
    expect(groupedInteger(1234567.6)).toBe("1,234,568");
    expect(groupedInteger(0)).toBe("0");
  });

  it("writes an instant as Date.toLocaleString does", () => {
    const d = new Date("2026-11-24T09:30:05Z");
    expect(localDateTime(d)).toBe(d.toLocaleString());
  });
});
