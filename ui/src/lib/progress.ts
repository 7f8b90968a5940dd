// Sync progress in words: what a running sync is doing, how far it is and how long it has left,
// how it ended, and what the top bar says while accounts sync. Pure; the components show it.
import { formatBytes } from "./accounts";
import type { AccountView } from "./bindings/AccountView";
import type { SyncPhaseName } from "./bindings/SyncPhaseName";
import type { SyncProgressView } from "./bindings/SyncProgressView";
import { formatRelative } from "./format";
import { groupedInteger } from "./intl";

/** What each running phase is doing, in plain words. */
const PHASE_WORDS: Record<SyncPhaseName, string> = {
  profile: "Profile — athletes, thresholds and zones",
  calendar: "Calendar — the weeks around today",
  history: "History — going back in time",
  changes: "Changes since last sync",
  reconcile: "Checking all history for changes",
  streams: "Streams",
  finished: "Synced",
  cancelled: "Cancelled",
  offline: "Offline",
  failed: "The sync stopped",
};

export function phaseWords(phase: SyncPhaseName): string {
  return PHASE_WORDS[phase];
}

/**
 * Seconds left as a phrase: 20 → "less than a minute left", 170 → "about 3 min left",
 * 3900 → "about 1 h 5 min left"; `null` (not known yet) → `null`.
 */
export function formatEta(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 60) return "less than a minute left";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `about ${h} h left` : `about ${h} h ${m} min left`;
}

/** "312 of 1,204" when the total is known, "312 so far" when not. */
function countWords(p: SyncProgressView): string {
  return p.total === null ? `${groupedInteger(p.done)} so far` : `${groupedInteger(p.done)} of ${groupedInteger(p.total)}`;
}

/** The share done, 0 to 1, or `null` when there is no total to measure against (an indeterminate bar). */
export function progressFraction(p: SyncProgressView): number | null {
  if (p.total === null || p.total <= 0) return null;
  return Math.min(1, Math.max(0, p.done / p.total));
}

/**
 * The line above a running sync's bar: the phase in words, and for streams how many and how long,
 * like "Streams — 312 of 1,204, about 3 min left".
 */
export function progressHeadline(p: SyncProgressView): string {
  if (p.phase !== "streams") return phaseWords(p.phase);
  const eta = formatEta(p.eta_s);
  return `Streams — ${countWords(p)}${eta ? `, ${eta}` : ""}`;
}

/** The small line under the bar: items in this phase (streams say theirs above), time left, bytes. */
export function progressDetail(p: SyncProgressView): string {
  const parts: string[] = [];
  if (p.phase !== "streams") {
    if (p.total !== null) parts.push(`${countWords(p)} items`);
    else if (p.done > 0) parts.push(`${groupedInteger(p.done)} items`);
    const eta = formatEta(p.eta_s);
    if (eta && p.total !== null) parts.push(eta);
  }
  parts.push(`${formatBytes(p.bytes)} received`);
  return parts.join(" · ");
}

export type SyncEnding = { tone: "success" | "calm" | "problem"; text: string };

/**
 * How a sync ended, for the account card. Offline and cancelled are calm states, not failures;
 * `backgroundOn` says whether Offpeak will try again by itself.
 */
export function syncEnding(p: SyncProgressView, now: Date, backgroundOn: boolean): SyncEnding | null {
  switch (p.phase) {
    case "finished":
      return { tone: "success", text: `Synced ${formatRelative(p.at, now)}` };
    case "cancelled":
      return { tone: "calm", text: "Cancelled — what was fetched is kept" };
    case "offline":
      return {
        tone: "calm",
        text: backgroundOn
          ? "Offline — showing what is cached; Offpeak will try again"
          : "Offline — showing what is cached. Sync again once you are back online",
      };
    case "failed":
      return {
        tone: "problem",
        text:
          p.message ??
          "The sync stopped on an error. Try again; if it keeps failing, reconnect the account.",
      };
    default:
      return null;
  }
}

/** Error codes that end a sync calmly: the person's own cancel, or no network. */
export function isCalmEnd(code: string): boolean {
  return code === "cancelled" || code === "offline";
}

/**
 * The final report a failed `sync_now` stands for, when the sync stopped before it could report
 * (a refused sign-in, say) — so the card always says how the last sync ended.
 */
export function endedByError(connectionId: string, code: string, message: string, nowMs: number): SyncProgressView {
  const phase: SyncPhaseName = code === "cancelled" ? "cancelled" : code === "offline" ? "offline" : "failed";
  return {
    connection_id: connectionId,
    phase,
    ended: true,
    done: 0,
    total: null,
    bytes: 0,
    requests: 0,
    eta_s: null,
    message,
    at: new Date(nowMs).toISOString(),
  };
}

/** True when `incoming` is at least as recent as `current` (reports may arrive out of order). */
export function isNewer(current: SyncProgressView | undefined, incoming: SyncProgressView): boolean {
  return !current || incoming.at >= current.at;
}

/** True when `next` leaves the calendar window behind: the calendar has its weeks around today. */
export function leftCalendar(previous: SyncProgressView | undefined, next: SyncProgressView): boolean {
  return previous?.phase === "calendar" && next.phase !== "calendar";
}

export type TopBarSync =
  | { kind: "syncing"; text: string; title: string }
  | { kind: "offline"; text: string; title: string }
  | null;

/**
 * The top bar's small indicator: "Syncing…" while any account syncs, a calm "Offline" when the
 * last sync of an account found no network, nothing otherwise.
 */
export function topBarSync(
  accounts: AccountView[],
  progress: Record<string, SyncProgressView | undefined>,
  syncing: (id: string) => boolean,
): TopBarSync {
  const running = accounts.filter((a) => syncing(a.id));
  if (running.length === 1) {
    const p = progress[running[0].id];
    const doing = p && !p.ended ? progressHeadline(p) : "Starting";
    return { kind: "syncing", text: "Syncing…", title: `${running[0].athlete_name}: ${doing}` };
  }
  if (running.length > 1) {
    const names = running.map((a) => a.athlete_name).join(", ");
    return { kind: "syncing", text: `Syncing ${running.length} accounts…`, title: names };
  }
  const offline = accounts.filter((a) => progress[a.id]?.phase === "offline");
  if (offline.length > 0) {
    const platforms = [...new Set(offline.map((a) => a.provider_name))].join(" and ");
    return {
      kind: "offline",
      text: "Offline",
      title: `${platforms} cannot be reached. Offpeak shows what is cached and tries again later.`,
    };
  }
  return null;
}
