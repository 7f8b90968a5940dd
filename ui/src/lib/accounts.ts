// Pure helpers for the accounts screen: expiry phrasing, sizes, scopes, labels.
import type { AccountView } from "./bindings/AccountView";
import type { AthleteView } from "./bindings/AthleteView";
import type { CacheView } from "./bindings/CacheView";
import { plural } from "./format";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span in ms as "5 min", "1 h 5 min", "3 days"; `null` under a minute. */
function span(ms: number): string | null {
  if (ms < MINUTE) return null;
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  if (ms < DAY) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const days = Math.round(ms / DAY);
  return plural(days, "day", "days");
}

export type Expiry = { text: string; expired: boolean };

/**
 * The access token's expiry relative to `now`. `refreshable` says whether the next sync will
 * refresh an expired token by itself (an active OAuth connection).
 */
export function describeExpiry(expiresAt: string | null, now: Date, refreshable = true): Expiry {
  if (!expiresAt) return { text: "does not expire", expired: false };
  const at = new Date(expiresAt).getTime();
  if (Number.isNaN(at)) return { text: "expiry unknown", expired: false };
  const left = at - now.getTime();
  if (left > 0) {
    const s = span(left);
    return { text: s ? `expires in ${s}` : "expires in under a minute", expired: false };
  }
  const s = span(-left);
  const when = s ? `expired ${s} ago` : "expired just now";
  return { text: refreshable ? `${when} — refreshes on next sync` : when, expired: true };
}

/** 0 → "0 B", 1023 → "1023 B", 1024 → "1 kB", 1536 → "1.5 kB", 1048576 → "1 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return "0 B";
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (unit < units.length - 1 && value >= 1024) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  let rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1048575 bytes is 1023.999 kB: show it as the next unit rather than "1024 kB".
  if (rounded >= 1024 && unit < units.length - 1) {
    rounded = 1;
    unit += 1;
  }
  return `${rounded} ${units[unit]}`;
}

/** "148 planned · 198 activities · 412 kB", or "Nothing cached yet". */
export function cacheSummary(cache: CacheView): string {
  if (cache.workouts === 0 && cache.activities === 0 && cache.bytes <= 0) {
    return "Nothing cached yet";
  }
  return [
    `${cache.workouts} planned`,
    plural(cache.activities, "activity", "activities"),
    formatBytes(cache.bytes),
  ].join(" · ");
}

export type ScopeChip = { scope: string; granted: boolean };

/**
 * Every asked scope, granted or not, followed by any scope granted without being asked.
 * A scope counts as missing when the backend says so or when it was not granted.
 */
export function scopeChips(requested: string[], granted: string[], missing: string[]): ScopeChip[] {
  const chips: ScopeChip[] = requested.map((scope) => ({
    scope,
    granted: granted.includes(scope) && !missing.includes(scope),
  }));
  for (const scope of granted) {
    if (!requested.includes(scope)) chips.push({ scope, granted: true });
  }
  return chips;
}

function normalizeOrigin(origin: string): string {
  const trimmed = origin.trim().replace(/\/+$/, "");
  try {
    const url = new URL(trimmed);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return trimmed.toLowerCase();
  }
}

/** True when `origin` is not the platform's public address. */
export function isCustomOrigin(origin: string, defaultOrigin: string | undefined): boolean {
  if (!origin.trim()) return false;
  if (!defaultOrigin) return true;
  return normalizeOrigin(origin) !== normalizeOrigin(defaultOrigin);
}

export function authKindLabel(kind: string): string {
  if (kind === "oauth") return "Browser sign-in (OAuth)";
  if (kind === "api_key") return "Personal API key";
  return kind;
}

export type StatusTone = "ok" | "warn" | "muted";

export function statusInfo(status: string): { label: string; tone: StatusTone } {
  if (status === "active") return { label: "Active", tone: "ok" };
  if (status === "reauth_required") return { label: "Reconnect needed", tone: "warn" };
  if (status === "disconnected") return { label: "Disconnected — cached data kept", tone: "muted" };
  return { label: status, tone: "muted" };
}

/** The athletes a connection reads besides its own. */
export function otherAthletes(account: AccountView): AthleteView[] {
  return account.athletes.filter((a) => !a.is_self && a.id !== account.athlete_id);
}

/** "Ada Lovelace" → "AL", "" → "?". */
export function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase() ?? "")
      .join("") || "?"
  );
}

/** The account "Sync now" should use: the chosen one, else the first usable, else the first. */
export function pickCurrent(accounts: AccountView[], chosenId: string | null): AccountView | null {
  return (
    accounts.find((a) => a.id === chosenId) ??
    accounts.find((a) => a.status === "active") ??
    accounts.find((a) => a.status !== "disconnected") ??
    accounts[0] ??
    null
  );
}

/** What the live-updates switch of an account card says, and whether it can be used. */
export type LiveUpdatesState = { on: boolean; usable: boolean; label: string; hint: string };

export function liveUpdatesState(account: AccountView): LiveUpdatesState {
  const on = account.live_updates_url !== null;
  const usable = account.status === "active";
  const platform = account.provider_name;
  if (on) {
    const where = account.live_updates_url?.match(/^https?:\/\/([^/]+)/)?.[1] ?? "this computer";
    return {
      on,
      usable,
      label: "On",
      hint: `${platform} tells Offpeak of each change as it happens (delivered to ${where} while Offpeak is open).`,
    };
  }
  if (!usable) return { on, usable, label: "Off", hint: "Reconnect this account to turn live updates on." };
  if (!account.live_updates_allowed) {
    return {
      on,
      usable,
      label: "Off",
      hint: `Changes arrive with the next sync. Turning this on asks ${platform} for its “webhooks” permission.`,
    };
  }
  return { on, usable, label: "Off", hint: "Changes arrive with the next sync." };
}

/** What the API-key form starts from when an API-key account is reconnected. */
export type ApiKeyPrefill = { provider: string; origin: string; athleteId: string };
