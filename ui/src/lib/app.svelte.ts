// What the window shows and the work behind it: starting up, signing in through the browser,
// syncing (with every sync's progress, background ones included), what happens after a
// disconnect, which athlete and which month or week the calendar shows, the coach overview,
// exports, display settings, and where Back goes. App.svelte lays it out.
import { pickCurrent } from "./accounts";
import {
  calendar as fetchCalendar,
  cancelLogin,
  cancelSync,
  coachOverview,
  displaySettings,
  exportActivitiesCsv,
  exportPlanIcs,
  listAccounts,
  listAthletes,
  listProviders,
  listRegistrations,
  loginOAuth,
  OffpeakError,
  onCacheChanged,
  onSyncProgress,
  reconnect,
  saveDisplaySettings,
  setLiveUpdates,
  startDemo,
  syncNow,
  syncProgress,
  syncSettings,
  toOffpeakError,
} from "./api";
import type { AccountView } from "./bindings/AccountView";
import type { AthleteChoice } from "./bindings/AthleteChoice";
import type { AthleteRef } from "./bindings/AthleteRef";
import type { CalendarItem } from "./bindings/CalendarItem";
import type { CalendarSpan } from "./bindings/CalendarSpan";
import type { CalendarView } from "./bindings/CalendarView";
import type { CoachOverview } from "./bindings/CoachOverview";
import type { CoachRow } from "./bindings/CoachRow";
import type { DisconnectReport } from "./bindings/DisconnectReport";
import type { DisplaySettings } from "./bindings/DisplaySettings";
import type { ExportedFile } from "./bindings/ExportedFile";
import type { ProviderView } from "./bindings/ProviderView";
import type { RegistrationView } from "./bindings/RegistrationView";
import type { SyncProgressView } from "./bindings/SyncProgressView";
import type { SyncSettingsView } from "./bindings/SyncSettingsView";
import { addDays, addMonths, exportRange, focusFor, inView, spanKey } from "./calendar";
import { exportedMessage } from "./format";
import { loginOutcome } from "./login";
import { popView, pushView, sameView, type View } from "./nav";
import { endedByError, isCalmEnd, isNewer, leftCalendar, topBarSync } from "./progress";
import { resolveTheme } from "./theme";

export type Screen = "starting" | "welcome" | "waiting" | "main";
export type NoticeState = {
  title?: string;
  message: string;
  tone: "info" | "warn";
  action?: { label: string; run: () => void } | null;
};
export type WaitingFor = { demo: boolean; origin: string | null; platform: string; startedAt: number };
export type ExportKind = "ics" | "csv";

/** The athlete a choice names, or the first one offered for a connection. */
export function findAthlete(athletes: AthleteChoice[], ref: AthleteRef | null, connectionId: string | null): AthleteChoice | null {
  if (ref) {
    const exact = athletes.find(
      (a) => a.athlete.connection_id === ref.connection_id && a.athlete.athlete_id === ref.athlete_id,
    );
    if (exact) return exact;
  }
  const id = ref?.connection_id ?? connectionId;
  return athletes.find((a) => a.athlete.connection_id === id) ?? null;
}

export class AppState {
  screen = $state<Screen>("starting");
  view = $state<View>({ kind: "calendar" });
  /** Where Back goes, most recent last. */
  stack = $state<View[]>([]);
  error = $state<OffpeakError | null>(null);
  notice = $state<NoticeState | null>(null);
  accounts = $state<AccountView[]>([]);
  providers = $state<ProviderView[]>([]);
  registrations = $state<RegistrationView[]>([]);
  currentId = $state<string | null>(null);
  waitingFor = $state<WaitingFor>({ demo: false, origin: null, platform: "", startedAt: 0 });
  cancelling = $state(false);
  athletes = $state<AthleteChoice[]>([]);
  /** The athlete the calendar, fitness and exports are about; null until the first calendar answers. */
  athleteRef = $state<AthleteRef | null>(null);
  calendar = $state<CalendarView | null>(null);
  calendarLoading = $state(false);
  span = $state<CalendarSpan>("month");
  /** The calendar's focused day (the roving focus), kept across screens so Back returns to it. */
  focusDate = $state<string | null>(null);
  /** Set when coming back to the calendar: the card (or day, when "") that should take the focus. */
  restoreFocus = $state<string | null>(null);
  coach = $state<CoachOverview | null>(null);
  coachLoading = $state(false);
  exporting = $state<ExportKind | null>(null);
  display = $state<DisplaySettings>({ units: "metric", theme: "system" });
  systemDark = $state(false);
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

  current = $derived(pickCurrent(this.accounts, this.athleteRef?.connection_id ?? this.currentId));
  currentAthlete = $derived(findAthlete(this.athletes, this.athleteRef, this.current?.id ?? null));
  /** The connection whose coach overview the Coach view shows: the current one when it coaches. */
  coachConnectionId = $derived(
    (this.currentAthlete?.coach ? this.currentAthlete : this.athletes.find((a) => a.coach))?.athlete.connection_id ??
      null,
  );
  units = $derived(this.display.units);
  dark = $derived(resolveTheme(this.display.theme, this.systemDark) === "dark");
  /** The current connection's last sync found no network: the calendar shows what is cached. */
  offline = $derived.by(() => {
    const c = this.current;
    if (!c || this.isSyncing(c.id)) return false;
    const p = this.progress[c.id];
    return p ? p.phase === "offline" : c.last_error_code === "offline";
  });
  anySyncing = $derived(this.accounts.some((a) => this.isSyncing(a.id)));
  syncIndicator = $derived(topBarSync(this.accounts, this.progress, this.isSyncing));
  /** Whether Offpeak syncs by itself (and so will try again after being offline). */
  backgroundOn = $derived((this.settings?.interval_minutes ?? 1) > 0);

  // Ignore answers to calendar (and coach) requests that a newer request has overtaken.
  #calendarRequest = 0;
  #coachRequest = 0;
  /** The key of the calendar last asked for (what a reload asks again). */
  #calendarKey: string | null = null;
  #coachWeek: string | null = null;
  /** The card opened from the calendar, to focus again on the way back. */
  #opened: string | null = null;
  #unlisten: (() => void) | null = null;
  #unlistenCache: (() => void) | null = null;
  #unlistenTheme: (() => void) | null = null;

  // Arrow functions throughout: components get them as callbacks.

  start = async () => {
    try {
      // Follow progress before asking for the latest, so no report falls in between.
      this.#unlisten = await onSyncProgress(this.receiveProgress);
      this.#unlistenCache = await onCacheChanged(this.cacheChanged);
      this.#followSystemTheme();
      // The calendar does not wait for the rest: it is what the window is opened for.
      const first = this.#firstCalendar();
      const [list] = await Promise.all([
        listAccounts(),
        this.#loadAthletes(),
        this.#loadDisplay(),
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
      const shown = await first;
      if (shown) this.#showCalendar(shown);
      else await this.loadCalendar(null);
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
    this.#unlistenTheme?.();
    this.#unlistenTheme = null;
  };

  /** One progress report, from any sync: the newest per connection wins. */
  receiveProgress = (report: SyncProgressView) => {
    const id = report.connection_id;
    const previous = this.progress[id];
    if (!isNewer(previous, report)) return;
    this.progress[id] = report;
    if (this.screen !== "main") return;
    // The weeks around today are in: show them without waiting for history.
    if (leftCalendar(previous, report)) void this.reloadCalendar();
    // A new phase: what the cache holds has grown, say so on the account's card.
    if (!report.ended && previous && previous.phase !== report.phase) void this.refreshAccounts();
    if (report.ended) {
      delete this.stopping[id];
      // A background sync ended: counts, last sync and the calendar may have changed. Syncs this
      // window started do the same when their answer arrives.
      if (!this.syncing[id]) {
        void this.refreshAccounts();
        void this.reloadCalendar();
      }
    }
  };

  /** A live update changed the cache: show it. */
  cacheChanged = () => {
    if (this.screen !== "main") return;
    void this.reloadCalendar();
    if (this.view.kind === "accounts") void this.refreshAccounts();
    if (this.view.kind === "coach") void this.loadCoach(this.#coachWeek);
  };

  /**
   * Asks for the calendar of the current athlete: `key` a month "YYYY-MM" or any date of a week,
   * null for the span containing today. The shown calendar stays until the answer arrives.
   */
  loadCalendar = async (key: string | null, span: CalendarSpan = this.span) => {
    const ticket = ++this.#calendarRequest;
    this.#calendarKey = key;
    this.span = span;
    this.calendarLoading = true;
    try {
      const result = await fetchCalendar({ athlete: this.athleteRef, span, key });
      if (ticket !== this.#calendarRequest) return;
      this.#showCalendar(result);
    } catch (err) {
      if (ticket === this.#calendarRequest) this.#report(err);
    } finally {
      if (ticket === this.#calendarRequest) this.calendarLoading = false;
    }
  };

  #showCalendar(result: CalendarView) {
    if (!this.calendar) markFirstPaint();
    this.calendar = result;
    this.#calendarKey = result.key;
    this.span = result.span;
    this.athleteRef ??= result.athlete;
    this.focusDate = focusFor(result, this.focusDate);
  }

  /**
   * The calendar around today, asked for at start-up alongside everything else; null when
   * there is nothing to show yet (no account) or a newer request was made meanwhile.
   */
  async #firstCalendar(): Promise<CalendarView | null> {
    const ticket = this.#calendarRequest;
    try {
      const result = await fetchCalendar({ athlete: null, span: this.span, key: null });
      return ticket === this.#calendarRequest && !this.calendar ? result : null;
    } catch {
      return null;
    }
  }

  /** The same month or week again (the cache changed). */
  reloadCalendar = () => this.loadCalendar(this.#calendarKey);

  /** Moves the calendar's focus to `date`, loading its month or week when it is not the one shown. */
  goToDate = (date: string) => {
    this.focusDate = date;
    const shown = this.calendar;
    if (shown && shown.span === this.span && inView(shown, date) && !this.calendarLoading) return;
    if (this.#calendarKey === spanKey(this.span, date) && this.calendarLoading) return;
    void this.loadCalendar(spanKey(this.span, date));
  };

  /** The previous (-1) or next (+1) month or week, keeping the day. */
  step = (delta: -1 | 1) => {
    const from = this.focusDate ?? this.calendar?.today;
    if (!from) return;
    this.goToDate(this.span === "month" ? addMonths(from, delta) : addDays(from, 7 * delta));
  };

  goToToday = () => {
    if (this.calendar) this.goToDate(this.calendar.today);
    else void this.loadCalendar(null);
  };

  /** Month or week, around the focused day. */
  setSpan = (span: CalendarSpan) => {
    if (span === this.span && this.calendar?.span === span) return;
    const around = this.focusDate ?? this.calendar?.today ?? null;
    void this.loadCalendar(around ? spanKey(span, around) : null, span);
  };

  /** Another athlete: the same month or week, theirs; their connection is the one Sync now syncs. */
  switchAthlete = (choice: AthleteChoice) => {
    this.athleteRef = choice.athlete;
    this.currentId = choice.athlete.connection_id;
    if (this.view.kind === "activity" || this.view.kind === "workout") this.show("calendar");
    if (this.view.kind === "coach") void this.loadCoach(this.#coachWeek);
    void this.loadCalendar(this.#calendarKey);
  };

  /** The coach overview for the week containing `week` (null: this week). */
  loadCoach = async (week: string | null) => {
    const connectionId = this.coachConnectionId;
    if (!connectionId) return;
    const ticket = ++this.#coachRequest;
    this.#coachWeek = week;
    this.coachLoading = true;
    try {
      const result = await coachOverview(connectionId, week);
      if (ticket === this.#coachRequest) {
        this.coach = result;
        this.#coachWeek = result.week;
      }
    } catch (err) {
      if (ticket === this.#coachRequest) this.#report(err);
    } finally {
      if (ticket === this.#coachRequest) this.coachLoading = false;
    }
  };

  /** A row of the coach overview: that athlete's calendar, at that week. */
  openCoachRow = (row: CoachRow) => {
    const week = this.coach?.week ?? null;
    this.athleteRef = row.athlete;
    this.currentId = row.athlete.connection_id;
    if (week) this.focusDate = this.coach && inWeek(week, this.coach.today) ? this.coach.today : week;
    this.#go({ kind: "calendar" });
    void this.loadCalendar(week, "week");
  };

  /** Exports the visible month or week of the current athlete; the notice says where it went. */
  exportSpan = async (kind: ExportKind) => {
    const shown = this.calendar;
    if (!shown || this.exporting) return;
    this.exporting = kind;
    try {
      const request = { athlete: shown.athlete, ...exportRange(shown) };
      if (kind === "ics") {
        this.exported(await exportPlanIcs(request), ["planned workout", "planned workouts"]);
      } else {
        this.exported(await exportActivitiesCsv(request), ["activity", "activities"]);
      }
    } catch (err) {
      this.#report(err);
    } finally {
      this.exporting = null;
    }
  };

  /** A file was written (here or by a page): say what and where. */
  exported = (file: ExportedFile, what?: [string, string]) => {
    this.notice = { title: "Exported", message: exportedMessage(file, what), tone: "info" };
  };

  /** Keeps the display settings; the screen follows at once and goes back if saving fails. */
  saveDisplay = async (next: DisplaySettings) => {
    const before = this.display;
    this.display = next;
    try {
      this.display = await saveDisplaySettings(next);
    } catch (err) {
      this.display = before;
      this.#report(err);
    }
  };

  // Where the window is, and the way back.

  /** A top-level place: the calendar, accounts, the coach overview or the fitness chart. */
  show = (kind: "calendar" | "accounts" | "coach" | "fitness") => {
    if (this.view.kind === kind) return;
    this.#go({ kind });
    if (kind === "accounts") void this.refreshAccounts();
    if (kind === "coach") void this.loadCoach(this.#coachWeek);
  };

  openActivity = (connectionId: string, id: string) => {
    this.#go({ kind: "activity", connectionId, id });
  };

  openWorkout = (connectionId: string, id: string) => {
    this.#go({ kind: "workout", connectionId, id });
  };

  /** A calendar card: its activity or its planned workout. */
  openItem = (item: CalendarItem) => {
    this.#opened = item.id;
    if (item.kind === "completed") this.openActivity(item.connection_id, item.id);
    else this.openWorkout(item.connection_id, item.id);
  };

  canGoBack = $derived(this.view.kind !== "calendar");

  /** Back to where the person was: the same calendar month and day, or the page before. */
  back = () => {
    const { view, stack } = popView(this.stack);
    this.#leave(view);
    this.stack = stack;
    this.view = view;
    if (view.kind === "calendar") {
      this.restoreFocus = this.#opened ?? "";
      this.#opened = null;
    }
    if (view.kind === "coach") void this.loadCoach(this.#coachWeek);
  };

  #go(next: View) {
    if (sameView(this.view, next)) return;
    this.#leave(next);
    this.stack = pushView(this.stack, this.view, next);
    this.view = next;
  }

  #leave(next: View) {
    // The calendar may have lost or gained data while the accounts screen was open.
    if (this.view.kind === "accounts" && next.kind === "calendar") void this.reloadCalendar();
  }

  refreshAccounts = async () => {
    try {
      const [list] = await Promise.all([listAccounts(), this.#loadAthletes()]);
      this.accounts = list;
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
    await this.reloadCalendar();
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
    this.athleteRef = { connection_id: account.id, athlete_id: account.athlete_id };
    this.stack = [];
    this.view = { kind: "calendar" };
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
        this.view = { kind: "accounts" };
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
      this.calendar = null;
      this.athleteRef = null;
      this.stack = [];
      this.view = { kind: "calendar" };
      this.screen = "welcome";
      this.notice = { message: result.message, tone: result.revoked_at_server ? "info" : "warn" };
      return;
    }
    if (this.athleteRef && !this.accounts.some((a) => a.id === this.athleteRef?.connection_id)) {
      // The athlete shown was that connection's: show the first one left.
      this.athleteRef = null;
      this.coach = null;
      void this.loadCalendar(this.#calendarKey);
    }
  };

  /** The Accounts button: open the accounts screen, or go back from it. */
  toggleAccounts = () => {
    if (this.view.kind === "accounts") this.back();
    else this.show("accounts");
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

  async #loadAthletes() {
    try {
      this.athletes = await listAthletes();
    } catch (err) {
      this.#report(err);
    }
  }

  async #loadDisplay() {
    try {
      this.display = await displaySettings();
    } catch (err) {
      this.#report(err);
    }
  }

  #followSystemTheme() {
    if (typeof window === "undefined" || typeof window.matchMedia !== "function") return;
    const query = window.matchMedia("(prefers-color-scheme: dark)");
    const update = () => (this.systemDark = query.matches);
    update();
    query.addEventListener("change", update);
    this.#unlistenTheme = () => query.removeEventListener("change", update);
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

/** True when `date` falls in the Monday-first week starting `monday`. */
function inWeek(monday: string, date: string): boolean {
  return date >= monday && date <= addDays(monday, 6);
}

/** Marks when the first calendar reached the screen (two frames after it is set), for the window benchmark. */
function markFirstPaint() {
  if (typeof requestAnimationFrame === "undefined" || typeof performance === "undefined") return;
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark("offpeak:calendar-painted")));
}
