import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "./api";
import { AppState } from "./app.svelte";
import type { RegistrationView } from "./bindings/RegistrationView";
import { accountView } from "./fixtures";

// The backend's answers are scripted per test; OffpeakError and toOffpeakError stay real.
vi.mock("./api", async (importActual) => ({
  ...(await importActual<typeof import("./api")>()),
  calendarMonth: vi.fn(),
  cancelLogin: vi.fn(),
  listAccounts: vi.fn(),
  listProviders: vi.fn(),
  listRegistrations: vi.fn(),
  loginOAuth: vi.fn(),
  reconnect: vi.fn(),
  startDemo: vi.fn(),
  syncNow: vi.fn(),
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
});

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

  it("keeps a card's sync error on the card, and shows the top bar's in the banner too", async () => {
    vi.mocked(api.listAccounts).mockResolvedValue([account]);
    vi.mocked(api.syncNow).mockRejectedValue(new api.OffpeakError("offline", "You're offline."));
    const app = new AppState();
    await app.start();
    await app.sync("c1", true);
    expect(app.syncErrors.c1).toBe("You're offline.");
    expect(app.error).toBeNull();
    await app.sync("c1");
    expect(app.error?.code).toBe("offline");
    expect(app.syncing.c1).toBe(false);
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
});
