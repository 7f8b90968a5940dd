import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "./api";
import { AppState } from "./app.svelte";
import type { RegistrationView } from "./bindings/RegistrationView";
import type { SyncProgressView } from "./bindings/SyncProgressView";
import { accountView, athleteChoice, calendarItem, calendarView, coachRow, exportedFile, progressView } from "./fixtures";

// The backend's answers are scripted per test; OffpeakError and toOffpeakError stay real.
vi.mock("./api", async (importActual) => ({
  ...(await importActual<typeof import("./api")>()),
  calendar: vi.fn(),
  cancelLogin: vi.fn(),
  cancelSync: vi.fn(),
  coachOverview: vi.fn(),
  displaySettings: vi.fn(),
  exportActivitiesCsv: vi.fn(),
  exportPlanIcs: vi.fn(),
  listAccounts: vi.fn(),
  listAthletes: vi.fn(),
  listProviders: vi.fn(),
  listRegistrations: vi.fn(),
  loginOAuth: vi.fn(),
  onCacheChanged: vi.fn(),
  onSyncProgress: vi.fn(),
  reconnect: vi.fn(),
  saveDisplaySettings: vi.fn(),
  setLiveUpdates: vi.fn(),
  startDemo: vi.fn(),
  syncNow: vi.fn(),
  syncProgress: vi.fn(),
  syncSettings: vi.fn(),
}));

const account = accountView();

const registration: RegistrationView = {
  id: "r1",
  provider: "velopeak",
  provider_name: "VeloPeak",
  origin: "https://velopeak.example",
  client_id: "offpeak",
  has_secret: true,
  redirect_ports: [],
};

/**
 * What the calendar answers: November 2026 (today the 18th) for the month view or no key; for
 * another month or a week, a view of it built the same way.
 */
function answer(span: "month" | "week", key: string | null) {
  if (span === "month") {
    const month = key ?? "2026-11";
    if (month === "2026-11") return calendarView();
    const [y, m] = month.split("-").map(Number);
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    return calendarView({ key: month, first_day: `${month}-01`, last_day: last });
  }
  const day = key ?? "2026-11-18";
  const ms = Date.parse(`${day}T00:00:00Z`);
  const monday = new Date(ms - ((new Date(ms).getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
  const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  return calendarView({ span: "week", key: monday, first_day: monday, last_day: sunday });
}

/** Lets the chain of awaited mock answers run to its end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.listProviders).mockResolvedValue([]);
  vi.mocked(api.listRegistrations).mockResolvedValue([]);
  vi.mocked(api.calendar).mockImplementation(async (request) => answer(request.span, request.key));
  vi.mocked(api.listAthletes).mockResolvedValue([athleteChoice()]);
  vi.mocked(api.displaySettings).mockResolvedValue({ units: "metric", theme: "system" });
  vi.mocked(api.syncNow).mockResolvedValue({} as never);
  vi.mocked(api.syncProgress).mockResolvedValue([]);
  vi.mocked(api.syncSettings).mockResolvedValue({ interval_minutes: 30, streams: "recent_months", months: 12 });
  vi.mocked(api.onSyncProgress).mockImplementation(async (handler) => {
    emit = handler;
    return unlisten;
  });
  vi.mocked(api.onCacheChanged).mockImplementation(async (handler) => {
    cacheChanged = handler;
    return unlisten;
  });
});

/** Tells the app a live update changed a connection's cache, as the shell would. */
let cacheChanged: (connectionId: string) => void = () => {};

/** Sends a progress event to the app, as the shell would. */
let emit: (progress: SyncProgressView) => void = () => {};
const unlisten = vi.fn();

describe("AppState", () => {
  it("starts on the welcome screen without accounts, and on the calendar with some", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([]);
    const empty = new AppState();
    await empty.start();
    expect(empty.screen).toBe("welcome");

    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    const some = new AppState();
    await some.start();
    expect(some.screen).toBe("main");
    expect(some.current?.id).toBe("c1");
    expect(some.calendar?.key).toBe("2026-11");
    expect(some.athleteRef).toEqual({ connection_id: "c1", athlete_id: "a1" });
    expect(some.focusDate).toBe("2026-11-18");
  });

  it("waits for the browser, then shows and syncs the new account", async () => {
    vi.mocked(api.listAccounts).mockResolvedValueOnce([]).mockResolvedValue([account]);
    vi.mocked(api.loginOAuth).mockResolvedValue(account);
    const app = new AppState();
    await app.start();
    app.signIn(registration);
    expect(app.screen).toBe("waiting");
    expect(app.waitingFor).toMatchObject({ demo: false, origin: registration.origin, platform: "VeloPeak" });
    await settle();
    expect(app.screen).toBe("main");
    expect(app.currentId).toBe("c1");
    expect(api.syncNow).toHaveBeenCalledWith("c1");
  });

  it("says calmly that a cancelled sign-in connected nothing", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([]);
    vi.mocked(api.startDemo).mockRejectedValue(new api.OffpeakError("auth_cancelled", "Cancelled."));
    const app = new AppState();
    await app.start();
    app.demo();
    await settle();
    expect(app.screen).toBe("welcome");
    expect(app.notice).toMatchObject({ tone: "info", message: "Sign-in cancelled. Nothing was connected." });
    expect(app.error).toBeNull();
    expect(app.cancelling).toBe(false);
  });

  it("offers to try a timed-out sign-in again", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([]);
    vi.mocked(api.loginOAuth)
      .mockRejectedValueOnce(new api.OffpeakError("auth_timeout", "No answer in 5 minutes."))
      .mockResolvedValue(account);
    const app = new AppState();
    await app.start();
    app.signIn(registration);
    await settle();
    expect(app.notice).toMatchObject({ tone: "warn", title: "Sign-in timed out" });
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    app.notice?.action?.run();
    await settle();
    expect(api.loginOAuth).toHaveBeenCalledTimes(2);
    expect(app.screen).toBe("main");
    expect(app.notice).toBeNull();
  });

  it("keeps a failure from a card on the card, and shows the top bar's in the banner too", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    vi.mocked(api.syncNow).mockRejectedValue(new api.OffpeakError("server", "VeloPeak answered with an error."));
    const app = new AppState();
    await app.start();
    await app.sync("c1", true);
    expect(app.progress.c1).toMatchObject({ phase: "failed", ended: true, message: "VeloPeak answered with an error." });
    expect(app.error).toBeNull();
    await app.sync("c1");
    expect(app.error?.code).toBe("server");
    expect(app.isSyncing("c1")).toBe(false);
  });

  it("ends calmly when offline or cancelled: no banner, the card says so", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    const app = new AppState();
    await app.start();
    for (const code of ["offline", "cancelled"]) {
      vi.mocked(api.syncNow).mockRejectedValueOnce(new api.OffpeakError(code, "Not now."));
      await app.sync("c1");
      expect(app.error).toBeNull();
      expect(app.progress.c1.phase).toBe(code);
    }
  });

  it("follows every sync's progress, keeping the newest report per account", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    const app = new AppState();
    await app.start();
    expect(app.isSyncing("c1")).toBe(false);

    emit(progressView({ phase: "history", at: "2026-11-23T08:00:02.000Z" }));
    expect(app.isSyncing("c1")).toBe(true);
    expect(app.anySyncing).toBe(true);
    expect(app.syncIndicator).toMatchObject({ kind: "syncing", text: "Syncing…" });
    emit(progressView({ phase: "calendar", at: "2026-11-23T08:00:01.000Z" }));
    expect(app.progress.c1.phase).toBe("history");

    app.stop();
    expect(unlisten).toHaveBeenCalled();
  });

  it("shows the calendar as soon as its weeks are in, and refreshes after a background sync", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    const app = new AppState();
    await app.start();
    vi.mocked(api.calendar).mockClear();
    vi.mocked(api.listAccounts).mockClear();

    emit(progressView({ phase: "calendar", at: "2026-11-23T08:00:01.000Z" }));
    expect(api.calendar).not.toHaveBeenCalled();
    emit(progressView({ phase: "history", at: "2026-11-23T08:00:02.000Z" }));
    expect(api.calendar).toHaveBeenCalledTimes(1);
    expect(api.listAccounts).toHaveBeenCalledTimes(1);
    emit(progressView({ phase: "finished", ended: true, at: "2026-11-23T08:00:03.000Z" }));
    await settle();
    expect(api.listAccounts).toHaveBeenCalledTimes(2);
    expect(api.calendar).toHaveBeenCalledTimes(2);
    expect(app.isSyncing("c1")).toBe(false);
  });

  it("picks up a sync already under way when it starts, and can cancel it", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    vi.mocked(api.syncProgress).mockResolvedValue([progressView({ phase: "streams", done: 3, total: 10 })]);
    vi.mocked(api.cancelSync).mockResolvedValue(true);
    const app = new AppState();
    await app.start();
    expect(app.isSyncing("c1")).toBe(true);

    await app.cancelSync("c1");
    expect(api.cancelSync).toHaveBeenCalledWith("c1");
    expect(app.stopping.c1).toBe(true);
    await app.cancelSync("c1");
    expect(api.cancelSync).toHaveBeenCalledTimes(1);
    emit(progressView({ phase: "cancelled", ended: true, at: "2026-11-23T09:00:00.000Z" }));
    expect(app.stopping.c1).toBeUndefined();
    expect(app.isSyncing("c1")).toBe(false);
  });

  it("does not start a second sync of an account that is syncing in the background", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    const app = new AppState();
    await app.start();
    emit(progressView({ phase: "changes" }));
    await app.sync("c1");
    expect(api.syncNow).not.toHaveBeenCalled();
  });

  it("goes back to the welcome screen when the last account is disconnected", async () => {
    vi.mocked(api.listAccounts).mockResolvedValueOnce([account]).mockResolvedValue([]);
    const app = new AppState();
    await app.start();
    await app.disconnected(account, { revoked_at_server: false, purged: true, message: "Could not reach the server." });
    expect(app.screen).toBe("welcome");
    expect(app.calendar).toBeNull();
    expect(app.notice).toMatchObject({ tone: "warn", message: "Could not reach the server." });
  });

  it("turns live updates on at once when allowed, else asks for their permission first", async () => {
    const allowed = accountView({ live_updates_allowed: true });
    vi.mocked(api.listAccounts).mockResolvedValue([allowed]);
    vi.mocked(api.setLiveUpdates).mockResolvedValue(allowed);
    const app = new AppState();
    await app.start();
    app.show("accounts");
    await app.setLiveUpdates(allowed, true);
    expect(api.setLiveUpdates).toHaveBeenCalledWith("c1", true);
    expect(api.reconnect).not.toHaveBeenCalled();
    expect(app.liveUpdatesBusy).toEqual({});

    // Not allowed yet: the browser sign-in asks for it, then they are turned on; the accounts
    // screen stays, and no sync is started for it.
    vi.mocked(api.setLiveUpdates).mockClear();
    vi.mocked(api.reconnect).mockResolvedValue(allowed);
    const pending = app.setLiveUpdates(account, true);
    expect(app.screen).toBe("waiting");
    await pending;
    expect(api.reconnect).toHaveBeenCalledWith("c1", true);
    expect(api.setLiveUpdates).toHaveBeenCalledWith("c1", true);
    expect(app.screen).toBe("main");
    expect(app.view.kind).toBe("accounts");
    expect(api.syncNow).not.toHaveBeenCalled();
  });

  it("shows what a live update changed", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    const app = new AppState();
    await app.start();
    const before = vi.mocked(api.calendar).mock.calls.length;
    cacheChanged("c1");
    await settle();
    expect(vi.mocked(api.calendar).mock.calls.length).toBe(before + 1);
  });
});

describe("the calendar", () => {
  async function started() {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    const app = new AppState();
    await app.start();
    vi.mocked(api.calendar).mockClear();
    return app;
  }

  it("moves the focus within the month without asking again, and loads the next month when it crosses", async () => {
    const app = await started();
    app.goToDate("2026-11-20");
    expect(app.focusDate).toBe("2026-11-20");
    expect(api.calendar).not.toHaveBeenCalled();
    app.goToDate("2026-12-01");
    await settle();
    expect(api.calendar).toHaveBeenCalledWith({ athlete: { connection_id: "c1", athlete_id: "a1" }, span: "month", key: "2026-12" });
    expect(app.calendar?.key).toBe("2026-12");
    expect(app.focusDate).toBe("2026-12-01");
  });

  it("steps by a month keeping the day, switches to the week around the focus, and back to today", async () => {
    const app = await started();
    app.goToDate("2026-11-30");
    app.step(-1);
    await settle();
    expect(app.calendar?.key).toBe("2026-10");
    expect(app.focusDate).toBe("2026-10-30");
    app.setSpan("week");
    await settle();
    expect(app.span).toBe("week");
    expect(app.calendar?.key).toBe("2026-10-26");
    app.step(1);
    await settle();
    expect(app.focusDate).toBe("2026-11-06");
    expect(app.calendar?.key).toBe("2026-11-02");
    app.goToToday();
    await settle();
    expect(app.focusDate).toBe("2026-11-18");
    expect(app.calendar?.key).toBe("2026-11-16");
  });

  it("keeps the shown calendar while the next one loads, and ignores an overtaken answer", async () => {
    const app = await started();
    let release: (v: ReturnType<typeof answer>) => void = () => {};
    vi.mocked(api.calendar).mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    app.goToDate("2026-12-03");
    expect(app.calendarLoading).toBe(true);
    expect(app.calendar?.key).toBe("2026-11");
    app.goToDate("2027-01-05");
    await settle();
    expect(app.calendar?.key).toBe("2027-01");
    release(answer("month", "2026-12"));
    await settle();
    expect(app.calendar?.key).toBe("2027-01");
    expect(app.calendarLoading).toBe(false);
  });

  it("switches athlete keeping the month, and their connection becomes the one Sync now syncs", async () => {
    const other = accountView({ id: "c2", athlete_id: "b1", athlete_name: "Ben" });
    vi.mocked(api.listAccounts).mockResolvedValue([account, other]);
    const ben = athleteChoice({ athlete: { connection_id: "c2", athlete_id: "b1" }, name: "Ben", account_name: "Ben" });
    vi.mocked(api.listAthletes).mockResolvedValue([athleteChoice(), ben]);
    const app = new AppState();
    await app.start();
    app.goToDate("2026-12-02");
    await settle();
    app.switchAthlete(ben);
    await settle();
    expect(api.calendar).toHaveBeenLastCalledWith({ athlete: ben.athlete, span: "month", key: "2026-12" });
    expect(app.current?.id).toBe("c2");
    expect(app.currentAthlete?.name).toBe("Ben");
  });

  it("opens cards and goes back to the same calendar, focusing the card again", async () => {
    const app = await started();
    app.openItem(calendarItem({ id: "act7" }));
    expect(app.view).toEqual({ kind: "activity", connectionId: "c1", id: "act7" });
    app.openWorkout("c1", "w3");
    expect(app.view).toEqual({ kind: "workout", connectionId: "c1", id: "w3" });
    app.back();
    expect(app.view.kind).toBe("activity");
    app.back();
    expect(app.view.kind).toBe("calendar");
    expect(app.restoreFocus).toBe("act7");
    expect(app.calendar?.key).toBe("2026-11");
    expect(api.calendar).not.toHaveBeenCalled();
    app.openItem(calendarItem({ id: "w9", kind: "planned" }));
    expect(app.view).toEqual({ kind: "workout", connectionId: "c1", id: "w9" });
  });

  it("toggles the accounts screen and reloads the calendar on the way back", async () => {
    const app = await started();
    app.toggleAccounts();
    expect(app.view.kind).toBe("accounts");
    app.toggleAccounts();
    expect(app.view.kind).toBe("calendar");
    expect(api.calendar).toHaveBeenCalledTimes(1);
  });

  it("exports the visible span and says where the file went", async () => {
    const app = await started();
    vi.mocked(api.exportPlanIcs).mockResolvedValue(exportedFile());
    await app.exportSpan("ics");
    expect(api.exportPlanIcs).toHaveBeenCalledWith({
      athlete: { connection_id: "c1", athlete_id: "a1" },
      from: "2026-11-01",
      to: "2026-11-30",
    });
    expect(app.notice?.message).toBe("Saved 12 planned workouts to offpeak-plan-2026-11.ics in ~/Downloads.");
    vi.mocked(api.exportActivitiesCsv).mockRejectedValue(new api.OffpeakError("storage", "Disk full."));
    await app.exportSpan("csv");
    expect(app.error?.code).toBe("storage");
    expect(app.exporting).toBeNull();
  });
});

describe("the coach overview", () => {
  it("is offered for a coach's connection and opens an athlete's calendar at its week", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    vi.mocked(api.listAthletes).mockResolvedValue([athleteChoice({ coach: true }), athleteChoice({ athlete: { connection_id: "c1", athlete_id: "a2" }, name: "Ben", is_self: false, coach: true })]);
    const row = coachRow();
    vi.mocked(api.coachOverview).mockResolvedValue({
      connection_id: "c1",
      coach_name: "Ada",
      week: "2026-11-09",
      previous: "2026-11-02",
      next: "2026-11-16",
      today: "2026-11-18",
      rows: [row],
    });
    const app = new AppState();
    await app.start();
    expect(app.coachConnectionId).toBe("c1");
    app.show("coach");
    await settle();
    expect(api.coachOverview).toHaveBeenCalledWith("c1", null);
    expect(app.coach?.rows).toHaveLength(1);
    app.openCoachRow(row);
    await settle();
    expect(app.view.kind).toBe("calendar");
    expect(api.calendar).toHaveBeenLastCalledWith({ athlete: row.athlete, span: "week", key: "2026-11-09" });
    expect(app.focusDate).toBe("2026-11-09");
  });
});

describe("display settings", () => {
  it("loads them, follows them at once, and goes back when saving fails", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    vi.mocked(api.displaySettings).mockResolvedValue({ units: "imperial", theme: "dark" });
    const app = new AppState();
    await app.start();
    expect(app.units).toBe("imperial");
    expect(app.dark).toBe(true);
    vi.mocked(api.saveDisplaySettings).mockRejectedValue(new api.OffpeakError("storage", "Read-only."));
    const saving = app.saveDisplay({ units: "metric", theme: "light" });
    expect(app.dark).toBe(false);
    await saving;
    expect(app.dark).toBe(true);
    expect(app.units).toBe("imperial");
    app.systemDark = false;
    vi.mocked(api.saveDisplaySettings).mockImplementation(async (s) => s);
    await app.saveDisplay({ units: "metric", theme: "system" });
    expect(app.dark).toBe(false);
    expect(app.units).toBe("metric");
  });

  it("says the current account is offline after a sync found no network", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    const app = new AppState();
    await app.start();
    expect(app.offline).toBe(false);
    emit(progressView({ phase: "offline", ended: true, at: "2026-11-23T09:00:00.000Z" }));
    expect(app.offline).toBe(true);
    emit(progressView({ phase: "finished", ended: true, at: "2026-11-23T09:10:00.000Z" }));
    expect(app.offline).toBe(false);
  });
});
