import { describe, expect, it } from "vitest";
import { complianceTone, nextSort, sortCoachRows } from "./coach";
import { coachRow } from "./fixtures";

const rows = [
  coachRow({ name: "Ben", done_s: 30_600, compliance_pct: 83, missed: 1 }),
  coachRow({ name: "ada", done_s: 7200, compliance_pct: null, missed: 0, last_activity: null }),
  coachRow({
    name: "Cleo",
    done_s: 50_000,
    compliance_pct: 40,
    missed: 3,
    last_activity: { id: "x", name: "Swim", sport: "swim", date: "2026-11-18" },
  }),
];
const names = (list: typeof rows) => list.map((r) => r.name);

describe("the coach table", () => {
  it("sorts names without regard to case", () => {
    expect(names(sortCoachRows(rows, { column: "name", dir: "ascending" }))).toEqual(["ada", "Ben", "Cleo"]);
    expect(names(sortCoachRows(rows, { column: "name", dir: "descending" }))).toEqual(["Cleo", "Ben", "ada"]);
  });

  it("sorts figures both ways", () => {
    expect(names(sortCoachRows(rows, { column: "done_s", dir: "descending" }))).toEqual(["Cleo", "Ben", "ada"]);
    expect(names(sortCoachRows(rows, { column: "missed", dir: "ascending" }))).toEqual(["ada", "Ben", "Cleo"]);
  });

  it("puts rows without a value last in either direction", () => {
    expect(names(sortCoachRows(rows, { column: "compliance_pct", dir: "ascending" }))).toEqual(["Cleo", "Ben", "ada"]);
    expect(names(sortCoachRows(rows, { column: "compliance_pct", dir: "descending" }))).toEqual(["Ben", "Cleo", "ada"]);
    expect(names(sortCoachRows(rows, { column: "last_activity", dir: "descending" }))).toEqual(["Cleo", "Ben", "ada"]);
  });

  it("does not change the rows it is given", () => {
    sortCoachRows(rows, { column: "done_s", dir: "ascending" });
    expect(names(rows)).toEqual(["Ben", "ada", "Cleo"]);
  });

  it("flips the same column and starts a new one the useful way round", () => {
    expect(nextSort({ column: "name", dir: "ascending" }, "name")).toEqual({ column: "name", dir: "descending" });
    expect(nextSort({ column: "name", dir: "ascending" }, "missed")).toEqual({ column: "missed", dir: "descending" });
    expect(nextSort({ column: "missed", dir: "descending" }, "name")).toEqual({ column: "name", dir: "ascending" });
  });

  it("grades compliance", () => {
    expect(complianceTone(null)).toBe("none");
    expect(complianceTone(80)).toBe("good");
    expect(complianceTone(79)).toBe("fair");
    expect(complianceTone(49)).toBe("poor");
  });
});
