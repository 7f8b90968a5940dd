// What the window shows and the work behind it: starting up, signing in through the browser,
// syncing, and what happens after a disconnect. App.svelte lays it out.
import { pickCurrent } from "./accounts";
import {
  calendarMonth,
  cancelLogin,
  listAccounts,
  listProviders,
  listRegistrations,
  loginOAuth,
  OffpeakError,
  reconnect,
  startDemo,
  syncNow,
  toOffpeakError,
} from "./api";
import type { AccountView } from "./bindings/AccountView";
import type { CalendarMonth } from "./bindings/CalendarMonth";
import type { DisconnectReport } from "./bindings/DisconnectReport";
import type { ProviderView } from "./bindings/ProviderView";
import type { RegistrationView } from "./bindings/RegistrationView";
import { loginOutcome } from "./login";

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
  syncing = $state<Record<string, boolean>>({});
  syncErrors = $state<Record<string, string>>({});

  current = $derived(pickCurrent(this.accounts, this.currentId));
  anySyncing = $derived(Object.values(this.syncing).some(Boolean));

  // Ignore answers to calendar requests that a newer request has overtaken.
  #calendarRequest = 0;

  // Arrow functions throughout: components get them as callbacks.

  start = async () => {
    try {
      const [list] = await Promise.all([listAccounts(), this.#loadProviders(), this.refreshRegistrations()]);
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

  /** Errors from a card's button stay on the card; the top bar's go to the banner too. */
  sync = async (id: string, fromCard = false) => {
    if (this.syncing[id]) return;
    this.syncing[id] = true;
    delete this.syncErrors[id];
    try {
      await syncNow(id);
    } catch (err) {
      const e = toOffpeakError(err);
      this.syncErrors[id] = e.message;
      if (!fromCard) this.error = e;
    } finally {
      this.syncing[id] = false;
    }
    await this.refreshAccounts();
    await this.loadMonth(this.month?.month ?? null);
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

  async #browserLogin(run: () => Promise<AccountView>, info: Omit<WaitingFor, "startedAt">) {
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
        const action = { label: "Try again", run: () => void this.#browserLogin(run, info) };
        this.notice = { title: outcome.title, message: outcome.message, tone: "warn", action };
      } else this.error = e;
      await this.refreshAccounts();
      this.screen = this.accounts.length > 0 ? "main" : "welcome";
      return;
    } finally {
      this.cancelling = false;
    }
    await this.connected(account);
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
