// What the window shows and the work behind it: starting up, signing in through the browser,
// syncing (with every sync's progress, background ones included), and what happens after a
// disconnect. App.svelte lays it out.
import { pickCurrent } from "./accounts";
import {
  calendarMonth,
  cancelLogin,
  cancelSync,
  listAccounts,
  listProviders,
  listRegistrations,
  loginOAuth,
  OffpeakError,
  onCacheChanged,
  onSyncProgress,
  reconnect,
  setLiveUpdates,
  startDemo,
  syncNow,
  syncProgress,
  syncSettings,
  toOffpeakError,
} from "./api";
import type { AccountView } from "./bindings/AccountView";
import type { CalendarMonth } from "./bindings/CalendarMonth";
import type { DisconnectReport } from "./bindings/DisconnectReport";
import type { ProviderView } from "./bindings/ProviderView";
import type { RegistrationView } from "./bindings/RegistrationView";
import type { SyncProgressView } from "./bindings/SyncProgressView";
import type { SyncSettingsView } from "./bindings/SyncSettingsView";
import { loginOutcome } from "./login";
import { endedByError, isCalmEnd, isNewer, leftCalendar, topBarSync } from "./progress";

export type Screen = "starting" | "welcome" | "waiting" | "main";
export type NoticeState = {
  title?: string;
  message: string;
  tone: "info" | "warn";
  action?: { label: string; run: () => void } | null;
};
export type WaitingFor = { demo: boolean; origin: string | null; platform: string; startedAt: number };

export class AppState {
  screen = $state<Screen>("starting");
  view = $state<"calendar" | "accounts">("calendar");
  error = $state<OffpeakError | null>(null);
  notice = $state<NoticeState | null>(null);
  accounts = $state<AccountView[]>([]);
  providers = $state<ProviderView[]>([]);
  registrations = $state<RegistrationView[]>([]);
  currentId = $state<string | null>(null);
  waitingFor = $state<WaitingFor>({ demo: false, origin: null, platform: "", startedAt: 0 });
  cancelling = $state(false);
  month = $state<CalendarMonth | null>(null);
  monthLoading = $state(false);
  /** Syncs this window started, until their `sync_now` answers. */
  syncing = $state<Record<string, boolean>>({});
  /** The latest progress report of each connection, background syncs included. */
  progress = $state<Record<string, SyncProgressView>>({});
  /** Syncs asked to stop that have not ended yet. */
  stopping = $state<Record<string, boolean>>({});
  settings = $state<SyncSettingsView | null>(null);
  /** Accounts whose live updates are being turned on or off. */
  liveUpdatesBusy = $state<Record<string, boolean>>({});

  /** True while the account syncs, whoever started it (this window or the background schedule). */
  isSyncing = (id: string): boolean => {
    const p = this.progress[id];
    return !!this.syncing[id] || (p !== undefined && !p.ended);
  };

  current = $derived(pickCurrent(this.accounts, this.currentId));
  anySyncing = $derived(this.accounts.some((a) => this.isSyncing(a.id)));
  syncIndicator = $derived(topBarSync(this.accounts, this.progress, this.isSyncing));
  /** Whether Offpeak syncs by itself (and so will try again after being offline). */
  backgroundOn = $derived((this.settings?.interval_minutes ?? 1) > 0);

  // Ignore answers to calendar requests that a newer request has overtaken.
  #calendarRequest = 0;
  #unlisten: (() => void) | null = null;
  #unlistenCache: (() => void) | null = null;

  // Arrow functions throughout: components get them as callbacks.

  start = async () => {
    try {
      // Follow progress before asking for the latest, so no report falls in between.
      this.#unlisten = await onSyncProgress(this.receiveProgress);
      this.#unlistenCache = await onCacheChanged(this.cacheChanged);
      const [list] = await Promise.all([
        listAccounts(),
        this.#loadProviders(),
        this.refreshRegistrations(),
        this.#loadProgress(),
        this.#loadSettings(),
      ]);
      this.accounts = list;
      if (list.length === 0) {
        this.screen = "welcome";
        return;
      }
      this.screen = "main";
      await this.loadMonth(null);
    } catch (err) {
      this.#report(err);
      this.screen = "welcome";
    }
  };

  /** Stops following progress (the window is going away). */
  stop = () => {
    this.#unlisten?.();
    this.#unlisten = null;
    this.#unlistenCache?.();
    this.#unlistenCache = null;
  };

  /** One progress report, from any sync: the newest per connection wins. */
  receiveProgress = (report: SyncProgressView) => {
    const id = report.connection_id;
    const previous = this.progress[id];
    if (!isNewer(previous, report)) return;
    this.progress[id] = report;
    if (this.screen !== "main") return;
    // The weeks around today are in: show them without waiting for history.
    if (leftCalendar(previous, report)) void this.loadMonth(this.month?.month ?? null);
    // A new phase: what the cache holds has grown, say so on the account's card.
    if (!report.ended && previous && previous.phase !== report.phase) void this.refreshAccounts();
    if (report.ended) {
      delete this.stopping[id];
      // A background sync ended: counts, last sync and the calendar may have changed. Syncs this
      // window started do the same when their answer arrives.
      if (!this.syncing[id]) {
        void this.refreshAccounts();
        void this.loadMonth(this.month?.month ?? null);
      }
    }
  };

  /** A live update changed the cache: show it. */
  cacheChanged = () => {
    if (this.screen !== "main") return;
    void this.loadMonth(this.month?.month ?? null);
    if (this.view === "accounts") void this.refreshAccounts();
  };

  loadMonth = async (which: string | null) => {
    const ticket = ++this.#calendarRequest;
    this.monthLoading = true;
    try {
      const result = await calendarMonth(which);
      if (ticket === this.#calendarRequest) this.month = result;
    } catch (err) {
      if (ticket === this.#calendarRequest) this.#report(err);
    } finally {
      if (ticket === this.#calendarRequest) this.monthLoading = false;
    }
  };

  refreshAccounts = async () => {
    try {
      this.accounts = await listAccounts();
    } catch (err) {
      this.#report(err);
    }
  };

  refreshRegistrations = async () => {
    try {
      this.registrations = await listRegistrations();
    } catch (err) {
      this.#report(err);
    }
  };

  /**
   * Syncs one account now. How it ended shows on its card; a failure started from the top bar
   * goes to the banner too. Cancelled and offline are calm endings, never a red banner.
   */
  sync = async (id: string, fromCard = false) => {
    if (this.isSyncing(id)) return;
    this.syncing[id] = true;
    // The card's bar starts afresh; this sync's ending replaces the last one.
    delete this.progress[id];
    try {
      await syncNow(id);
      await this.#loadProgress();
    } catch (err) {
      const e = toOffpeakError(err);
      await this.#loadProgress();
      this.progress[id] = endedByError(id, e.code, e.message, Date.now());
      if (!fromCard && !isCalmEnd(e.code)) this.error = e;
    } finally {
      this.syncing[id] = false;
      delete this.stopping[id];
    }
    await this.refreshAccounts();
    await this.loadMonth(this.month?.month ?? null);
  };

  /** Asks the account's sync to stop; what it fetched is kept. */
  cancelSync = async (id: string) => {
    if (!this.isSyncing(id) || this.stopping[id]) return;
    this.stopping[id] = true;
    try {
      if (!(await cancelSync(id))) delete this.stopping[id];
    } catch (err) {
      delete this.stopping[id];
      this.#report(err);
    }
  };

  settingsSaved = (settings: SyncSettingsView) => {
    this.settings = settings;
  };

  connected = async (account: AccountView) => {
    this.error = null;
    this.notice = null;
    await this.refreshAccounts();
    if (!this.accounts.some((a) => a.id === account.id)) this.accounts = [...this.accounts, account];
    this.currentId = account.id;
    this.view = "calendar";
    this.screen = "main";
    await this.sync(account.id);
  };

  signIn = (registration: RegistrationView) => {
    void this.#browserLogin(() => loginOAuth(registration.id), {
      demo: false,
      origin: registration.origin,
      platform: registration.provider_name,
    });
  };

  signInAgain = (account: AccountView) => {
    void this.#browserLogin(() => reconnect(account.id), {
      demo: false,
      origin: account.origin,
      platform: account.provider_name,
    });
  };

  /** Turns live updates on or off; without their permission, a browser sign-in asks for it first. */
  setLiveUpdates = async (account: AccountView, on: boolean) => {
    if (this.liveUpdatesBusy[account.id]) return;
    if (on && !account.live_updates_allowed) {
      const info = { demo: false, origin: account.origin, platform: account.provider_name };
      const run = () => reconnect(account.id, true).then((a) => setLiveUpdates(a.id, true));
      await this.#browserLogin(run, info, async () => {
        this.screen = "main";
        this.view = "accounts";
        await this.refreshAccounts();
      });
      return;
    }
    this.liveUpdatesBusy[account.id] = true;
    try {
      await setLiveUpdates(account.id, on);
    } catch (err) {
      this.#report(err);
    } finally {
      delete this.liveUpdatesBusy[account.id];
    }
    await this.refreshAccounts();
  };

  demo = () => {
    void this.#browserLogin(startDemo, { demo: true, origin: null, platform: "the demo server" });
  };

  cancel = async () => {
    this.cancelling = true;
    try {
      // The waiting sign-in then rejects with `auth_cancelled`, which #browserLogin handles.
      await cancelLogin();
    } catch (err) {
      this.#report(err);
      this.cancelling = false;
    }
  };

  disconnected = async (_account: AccountView, result: DisconnectReport) => {
    await this.refreshAccounts();
    if (this.accounts.length === 0) {
      this.month = null;
      this.view = "calendar";
      this.screen = "welcome";
      this.notice = { message: result.message, tone: result.revoked_at_server ? "info" : "warn" };
    }
  };

  switchTo = (id: string) => {
    this.currentId = id;
  };

  toggleAccounts = () => {
    if (this.view === "accounts") {
      this.view = "calendar";
      // The calendar may have lost or gained data while the accounts screen was open.
      void this.loadMonth(this.month?.month ?? null);
    } else {
      this.view = "accounts";
      void this.refreshAccounts();
    }
  };

  async #browserLogin(
    run: () => Promise<AccountView>,
    info: Omit<WaitingFor, "startedAt">,
    done: (account: AccountView) => Promise<void> = this.connected,
  ) {
    this.error = null;
    this.notice = null;
    this.cancelling = false;
    this.waitingFor = { ...info, startedAt: Date.now() };
    this.screen = "waiting";
    let account: AccountView;
    try {
      account = await run();
    } catch (err) {
      const e = toOffpeakError(err);
      const outcome = loginOutcome(e);
      if (outcome.kind === "cancelled") this.notice = { message: outcome.message, tone: "info" };
      else if (outcome.kind === "retry") {
        const action = { label: "Try again", run: () => void this.#browserLogin(run, info, done) };
        this.notice = { title: outcome.title, message: outcome.message, tone: "warn", action };
      } else this.error = e;
      await this.refreshAccounts();
      this.screen = this.accounts.length > 0 ? "main" : "welcome";
      return;
    } finally {
      this.cancelling = false;
    }
    await done(account);
  }

  async #loadProgress() {
    try {
      for (const report of await syncProgress()) {
        if (isNewer(this.progress[report.connection_id], report)) this.progress[report.connection_id] = report;
      }
    } catch (err) {
      this.#report(err);
    }
  }

  async #loadSettings() {
    try {
      this.settings = await syncSettings();
    } catch (err) {
      this.#report(err);
    }
  }

  async #loadProviders() {
    try {
      this.providers = await listProviders();
    } catch (err) {
      this.#report(err);
    }
  }

  #report(err: unknown) {
    this.error = toOffpeakError(err);
  }
}
