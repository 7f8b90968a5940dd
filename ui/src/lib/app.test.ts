import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "./api";
import { AppState } from "./app.svelte";
import type { RegistrationView } from "./bindings/RegistrationView";
import type { SyncProgressView } from "./bindings/SyncProgressView";
import { accountView, progressView } from "./fixtures";

// The backend's answers are scripted per test; OffpeakError and toOffpeakError stay real.
vi.mock("./api", async (importActual) => ({
  ...(await importActual<typeof import("./api")>()),
  calendarMonth: vi.fn(),
  cancelLogin: vi.fn(),
  cancelSync: vi.fn(),
  listAccounts: vi.fn(),
  listProviders: vi.fn(),
  listRegistrations: vi.fn(),
  loginOAuth: vi.fn(),
  onCacheChanged: vi.fn(),
  onSyncProgress: vi.fn(),
  reconnect: vi.fn(),
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

/** Lets the chain of awaited mock answers run to its end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  vi.resetAllMocks();
  vi.mocked(api.listProviders).mockResolvedValue([]);
  vi.mocked(api.listRegistrations).mockResolvedValue([]);
  vi.mocked(api.calendarMonth).mockResolvedValue({
    month: "2026-11",
    previous: "2026-10",
    next: "2026-12",
    today: "2026-11-18",
    days: [],
    has_data: false,
  });
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
    expect(some.month?.month).toBe("2026-11");
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
    vi.mocked(api.calendarMonth).mockClear();
    vi.mocked(api.listAccounts).mockClear();

    emit(progressView({ phase: "calendar", at: "2026-11-23T08:00:01.000Z" }));
    expect(api.calendarMonth).not.toHaveBeenCalled();
    emit(progressView({ phase: "history", at: "2026-11-23T08:00:02.000Z" }));
    expect(api.calendarMonth).toHaveBeenCalledTimes(1);
    expect(api.listAccounts).toHaveBeenCalledTimes(1);
    emit(progressView({ phase: "finished", ended: true, at: "2026-11-23T08:00:03.000Z" }));
    await settle();
    expect(api.listAccounts).toHaveBeenCalledTimes(2);
    expect(api.calendarMonth).toHaveBeenCalledTimes(2);
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
    expect(app.month).toBeNull();
    expect(app.notice).toMatchObject({ tone: "warn", message: "Could not reach the server." });
  });

  it("turns live updates on at once when allowed, else asks for their permission first", async () => {
    const allowed = accountView({ live_updates_allowed: true });
    vi.mocked(api.listAccounts).mockResolvedValue([allowed]);
    vi.mocked(api.setLiveUpdates).mockResolvedValue(allowed);
    const app = new AppState();
    await app.start();
    app.view = "accounts";
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
    expect(app.view).toBe("accounts");
    expect(api.syncNow).not.toHaveBeenCalled();
  });

  it("shows what a live update changed", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    const app = new AppState();
    await app.start();
    const before = vi.mocked(api.calendarMonth).mock.calls.length;
    cacheChanged("c1");
    await settle();
    expect(vi.mocked(api.calendarMonth).mock.calls.length).toBe(before + 1);
  });
});
