import { describe, expect, it } from "vitest";
import {
  authKindLabel,
  cacheSummary,
  describeExpiry,
  formatBytes,
  initials,
  isCustomOrigin,
  liveUpdatesState,
  otherAthletes,
  pickCurrent,
  scopeChips,
  statusInfo,
} from "./accounts";
import type { AccountView } from "./bindings/AccountView";
import { accountView } from "./fixtures";

const now = new Date("2026-11-18T12:00:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
const MIN = 60_000;

describe("describeExpiry", () => {
  it("counts down to a future expiry", () => {
    expect(describeExpiry(at(54 * MIN), now).text).toBe("expires in 54 min");
    expect(describeExpiry(at(30_000), now).text).toBe("expires in under a minute");
    expect(describeExpiry(at(60_000), now).text).toBe("expires in 1 min");
    expect(describeExpiry(at(65 * MIN), now).text).toBe("expires in 1 h 5 min");
    expect(describeExpiry(at(3 * 24 * 60 * MIN), now).text).toBe("expires in 3 days");
    expect(describeExpiry(at(54 * MIN), now).expired).toBe(false);
  });
  it("rounds 59.5 minutes up to an hour, not to '60 min'", () => {
    expect(describeExpiry(at(59.5 * MIN), now).text).toBe("expires in 1 h");
    expect(describeExpiry(at(59.4 * MIN), now).text).toBe("expires in 59 min");
  });
  it("says when an expired token will be refreshed", () => {
    const expired = describeExpiry(at(-3 * MIN), now);
    expect(expired.text).toBe("expired 3 min ago — refreshes on next sync");
    expect(expired.expired).toBe(true);
    expect(describeExpiry(at(0), now).text).toBe("expired just now — refreshes on next sync");
    expect(describeExpiry(at(-2 * 60 * MIN), now, false).text).toBe("expired 2 h ago");
    expect(describeExpiry(at(-24 * 60 * MIN), now, false).text).toBe("expired 1 day ago");
  });
  it("handles tokens that never expire and garbage", () => {
    expect(describeExpiry(null, now)).toEqual({ text: "does not expire", expired: false });
    expect(describeExpiry("soon", now).text).toBe("expiry unknown");
  });
});

describe("formatBytes", () => {
  it("handles zero and nonsense", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(-5)).toBe("0 B");
    expect(formatBytes(Number.NaN)).toBe("0 B");
  });
  it("switches units at 1024", () => {
    expect(formatBytes(1)).toBe("1 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1024)).toBe("1 kB");
    expect(formatBytes(1536)).toBe("1.5 kB");
    expect(formatBytes(412 * 1024)).toBe("412 kB");
    expect(formatBytes(1024 * 1024 - 1)).toBe("1 MB");
    expect(formatBytes(1024 * 1024)).toBe("1 MB");
    expect(formatBytes(10.4 * 1024 * 1024)).toBe("10 MB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3 GB");
  });
});

describe("cacheSummary", () => {
  it("lists planned, activities and size", () => {
    expect(cacheSummary({ workouts: 148, activities: 198, bytes: 412 * 1024 })).toBe(
      "148 planned · 198 activities · 412 kB",
    );
    expect(cacheSummary({ workouts: 0, activities: 1, bytes: 900 })).toBe(
      "0 planned · 1 activity · 900 B",
    );
    expect(cacheSummary({ workouts: 0, activities: 0, bytes: 0 })).toBe("Nothing cached yet");
  });
});

describe("scopeChips", () => {
  it("marks asked scopes that were not granted", () => {
    expect(scopeChips(["read", "activity:read", "wellness"], ["read", "activity:read"], ["wellness"])).toEqual([
      { scope: "read", granted: true },
      { scope: "activity:read", granted: true },
      { scope: "wellness", granted: false },
    ]);
  });
  it("trusts the backend's missing list and keeps extra grants", () => {
    expect(scopeChips(["a", "b"], ["a", "b", "c"], ["b"])).toEqual([
      { scope: "a", granted: true },
      { scope: "b", granted: false },
      { scope: "c", granted: true },
    ]);
    expect(scopeChips(["a"], [], [])).toEqual([{ scope: "a", granted: false }]);
    expect(scopeChips([], [], [])).toEqual([]);
  });
});

describe("origins and labels", () => {
  it("recognises the platform's own address", () => {
    expect(isCustomOrigin("https://velo-peak.com", "https://velo-peak.com")).toBe(false);
    expect(isCustomOrigin("https://Velo-Peak.com/", "https://velo-peak.com")).toBe(false);
    expect(isCustomOrigin("http://127.0.0.1:8123", "https://velo-peak.com")).toBe(true);
    expect(isCustomOrigin("https://staging.velo-peak.com", "https://velo-peak.com")).toBe(true);
    expect(isCustomOrigin("https://velo-peak.com", undefined)).toBe(true);
    expect(isCustomOrigin("", "https://velo-peak.com")).toBe(false);
  });
  it("labels auth kinds and statuses", () => {
    expect(authKindLabel("oauth")).toBe("Browser sign-in (OAuth)");
    expect(authKindLabel("api_key")).toBe("Personal API key");
    expect(statusInfo("active")).toEqual({ label: "Active", tone: "ok" });
    expect(statusInfo("reauth_required").tone).toBe("warn");
    expect(statusInfo("disconnected").label).toBe("Disconnected — cached data kept");
  });
  it("makes initials", () => {
    expect(initials("Ada Lovelace")).toBe("AL");
    expect(initials("  cher ")).toBe("C");
    expect(initials("Jean Claude Van Damme")).toBe("JC");
    expect(initials("")).toBe("?");
  });
});

function account(id: string, status: string, athletes: AccountView["athletes"] = []): AccountView {
  return accountView({ id, status, athletes });
}

describe("accounts", () => {
  it("lists the athletes besides the connection's own", () => {
    const coach = account("c", "active", [
      { id: "a1", name: "Ada", is_self: true },
      { id: "b2", name: "Bo", is_self: false },
      { id: "c3", name: "Cy", is_self: false },
    ]);
    expect(otherAthletes(coach).map((a) => a.name)).toEqual(["Bo", "Cy"]);
    expect(otherAthletes(account("x", "active"))).toEqual([]);
  });
  it("picks the account Sync now uses", () => {
    const list = [account("d", "disconnected"), account("r", "reauth_required"), account("a", "active")];
    expect(pickCurrent(list, "r")?.id).toBe("r");
    expect(pickCurrent(list, "gone")?.id).toBe("a");
    expect(pickCurrent(list, null)?.id).toBe("a");
    expect(pickCurrent([list[0], list[1]], null)?.id).toBe("r");
    expect(pickCurrent([list[0]], null)?.id).toBe("d");
    expect(pickCurrent([], null)).toBeNull();
  });
});

describe("liveUpdatesState", () => {
  it("says where deliveries go when on", () => {
    const state = liveUpdatesState(
      accountView({ live_updates_allowed: true, live_updates_url: "http://127.0.0.1:41234/webhooks/velopeak/c1" }),
    );
    expect(state.on).toBe(true);
    expect(state.usable).toBe(true);
    expect(state.hint).toContain("127.0.0.1:41234");
    expect(state.hint).toContain("VeloPeak");
  });
  it("warns that turning on asks for the permission it lacks", () => {
    const state = liveUpdatesState(accountView());
    expect(state.on).toBe(false);
    expect(state.hint).toContain("“webhooks” permission");
    expect(liveUpdatesState(accountView({ live_updates_allowed: true })).hint).toBe(
      "Changes arrive with the next sync.",
    );
  });
  it("cannot be used until a refused account is reconnected", () => {
    const state = liveUpdatesState(accountView({ status: "reauth_required" }));
    expect(state.usable).toBe(false);
    expect(state.hint).toContain("Reconnect");
  });
});
