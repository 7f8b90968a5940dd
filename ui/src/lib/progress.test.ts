import { describe, expect, it } from "vitest";
import { accountView, progressView } from "./fixtures";
import {
  endedByError,
  formatEta,
  isCalmEnd,
  isNewer,
  leftCalendar,
  phaseWords,
  progressDetail,
  progressFraction,
  progressHeadline,
  syncEnding,
  topBarSync,
} from "./progress";

const now = new Date("2026-11-23T08:10:00Z");

describe("formatEta", () => {
  it("reads like a person would say it", () => {
    expect(formatEta(null)).toBeNull();
    expect(formatEta(0)).toBe("less than a minute left");
    expect(formatEta(59)).toBe("less than a minute left");
    expect(formatEta(170)).toBe("about 3 min left");
    expect(formatEta(3600)).toBe("about 1 h left");
    expect(formatEta(3900)).toBe("about 1 h 5 min left");
    expect(formatEta(-5)).toBeNull();
  });
});

describe("progressHeadline", () => {
  it("names each phase in plain words", () => {
    expect(progressHeadline(progressView({ phase: "calendar" }))).toBe("Calendar — the weeks around today");
    expect(progressHeadline(progressView({ phase: "history" }))).toBe("History — going back in time");
    expect(progressHeadline(progressView({ phase: "changes" }))).toBe("Changes since last sync");
    expect(phaseWords("profile")).toContain("Profile");
  });

  it("counts streams and says how long they have left", () => {
    const streams = progressView({ phase: "streams", done: 312, total: 1204, eta_s: 170 });
    expect(progressHeadline(streams)).toBe("Streams — 312 of 1,204, about 3 min left");
    expect(progressHeadline({ ...streams, eta_s: null })).toBe("Streams — 312 of 1,204");
    expect(progressHeadline({ ...streams, total: null, eta_s: null })).toBe("Streams — 312 so far");
  });
});

describe("progressDetail", () => {
  it("gives items, time left and bytes received", () => {
    const history = progressView({ phase: "history", done: 40, total: 120, eta_s: 30, bytes: 1536 });
    expect(progressDetail(history)).toBe("40 of 120 items · less than a minute left · 1.5 kB received");
    expect(progressDetail({ ...history, total: null, eta_s: null })).toBe("40 items · 1.5 kB received");
    expect(progressDetail({ ...history, done: 0, total: null })).toBe("1.5 kB received");
  });

  it("leaves the streams' counts to the headline", () => {
    const streams = progressView({ phase: "streams", done: 3, total: 9, eta_s: 5, bytes: 3 * 1048576 });
    expect(progressDetail(streams)).toBe("3 MB received");
  });
});

describe("progressFraction", () => {
  it("is the share done, or null for an indeterminate bar", () => {
    expect(progressFraction(progressView({ done: 3, total: 12 }))).toBe(0.25);
    expect(progressFraction(progressView({ done: 3, total: null }))).toBeNull();
    expect(progressFraction(progressView({ done: 0, total: 0 }))).toBeNull();
    expect(progressFraction(progressView({ done: 14, total: 12 }))).toBe(1);
  });
});

describe("syncEnding", () => {
  const ended = (phase: "finished" | "cancelled" | "offline" | "failed", message: string | null = null) =>
    progressView({ phase, ended: true, message, at: "2026-11-23T08:09:50.000Z" });

  it("says when it synced", () => {
    expect(syncEnding(ended("finished"), now, true)).toEqual({ tone: "success", text: "Synced just now" });
    const later = new Date("2026-11-23T08:15:00Z");
    expect(syncEnding(ended("finished"), later, true)?.text).toBe("Synced 5 min ago");
  });

  it("treats a cancel and no network calmly", () => {
    expect(syncEnding(ended("cancelled"), now, true)).toEqual({
      tone: "calm",
      text: "Cancelled — what was fetched is kept",
    });
    expect(syncEnding(ended("offline"), now, true)).toEqual({
      tone: "calm",
      text: "Offline — showing what is cached; Offpeak will try again",
    });
    expect(syncEnding(ended("offline"), now, false)?.text).toContain("Sync again once you are back online");
  });

  it("passes on the failure's sentence, or says what to do", () => {
    expect(syncEnding(ended("failed", "VeloPeak is down. Try again later."), now, true)).toEqual({
      tone: "problem",
      text: "VeloPeak is down. Try again later.",
    });
    expect(syncEnding(ended("failed"), now, true)?.text).toContain("reconnect the account");
  });

  it("is nothing while the sync runs", () => {
    expect(syncEnding(progressView({ phase: "streams" }), now, true)).toBeNull();
  });
});

describe("endedByError", () => {
  it("turns a sync's error into its final report", () => {
    expect(endedByError("c1", "cancelled", "Stopped.", now.getTime())).toMatchObject({ phase: "cancelled", ended: true });
    expect(endedByError("c1", "offline", "No network.", now.getTime())).toMatchObject({ phase: "offline" });
    const failed = endedByError("c1", "reauth_required", "Reconnect.", now.getTime());
    expect(failed).toMatchObject({ phase: "failed", message: "Reconnect.", at: "2026-11-23T08:10:00.000Z" });
    expect(isCalmEnd("cancelled") && isCalmEnd("offline") && !isCalmEnd("server")).toBe(true);
  });
});

describe("ordering", () => {
  it("keeps the newest report and notices when the calendar is done", () => {
    const first = progressView({ phase: "calendar", at: "2026-11-23T08:00:01.000Z" });
    const second = progressView({ phase: "history", at: "2026-11-23T08:00:02.000Z" });
    expect(isNewer(undefined, first)).toBe(true);
    expect(isNewer(first, second)).toBe(true);
    expect(isNewer(second, first)).toBe(false);
    expect(leftCalendar(first, second)).toBe(true);
    expect(leftCalendar(first, first)).toBe(false);
    expect(leftCalendar(undefined, second)).toBe(false);
  });
});

describe("topBarSync", () => {
  const ada = accountView();
  const ben = accountView({ id: "c2", athlete_name: "Ben", provider_name: "Intervals.icu" });

  it("is quiet when nothing syncs", () => {
    expect(topBarSync([ada, ben], {}, () => false)).toBeNull();
  });

  it("says one account syncs, with what it does in the title", () => {
    const progress = { c1: progressView({ phase: "history" }) };
    expect(topBarSync([ada, ben], progress, (id) => id === "c1")).toEqual({
      kind: "syncing",
      text: "Syncing…",
      title: "Ada: History — going back in time",
    });
    expect(topBarSync([ada], {}, () => true)?.title).toBe("Ada: Starting");
  });

  it("counts several accounts", () => {
    expect(topBarSync([ada, ben], {}, () => true)).toMatchObject({ text: "Syncing 2 accounts…", title: "Ada, Ben" });
  });

  it("says Offline calmly, naming the platforms", () => {
    const progress = { c2: progressView({ connection_id: "c2", phase: "offline", ended: true }) };
    expect(topBarSync([ada, ben], progress, () => false)).toMatchObject({
      kind: "offline",
      text: "Offline",
      title: expect.stringContaining("Intervals.icu cannot be reached"),
    });
  });
});
