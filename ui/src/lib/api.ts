// The one place that talks to the Rust shell. Every command is a typed function here;
// components never call `invoke` or `listen` themselves.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { AccountView } from "./bindings/AccountView";
import type { ApiError } from "./bindings/ApiError";
import type { ApiKeyLoginRequest } from "./bindings/ApiKeyLoginRequest";
import type { ActivityPage } from "./bindings/ActivityPage";
import type { AthleteChoice } from "./bindings/AthleteChoice";
import type { CalendarRequest } from "./bindings/CalendarRequest";
import type { CalendarView } from "./bindings/CalendarView";
import type { ChartExport } from "./bindings/ChartExport";
import type { ChartRequest } from "./bindings/ChartRequest";
import type { CoachOverview } from "./bindings/CoachOverview";
import type { DisplaySettings } from "./bindings/DisplaySettings";
import type { ExportedFile } from "./bindings/ExportedFile";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { FitnessRequest } from "./bindings/FitnessRequest";
import type { FitnessView } from "./bindings/FitnessView";
import type { WorkoutPage } from "./bindings/WorkoutPage";
import type { DisconnectReport } from "./bindings/DisconnectReport";
import type { ProviderView } from "./bindings/ProviderView";
import type { RegisterAppRequest } from "./bindings/RegisterAppRequest";
import type { RegistrationView } from "./bindings/RegistrationView";
import type { SyncProgressView } from "./bindings/SyncProgressView";
import type { SyncReport } from "./bindings/SyncReport";
import type { SyncSettingsView } from "./bindings/SyncSettingsView";

/** An error from the backend, with a stable machine-readable `code`. */
export class OffpeakError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "OffpeakError";
    this.code = code;
  }
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ApiError).code === "string" &&
    typeof (value as ApiError).message === "string"
  );
}

/** Turns anything thrown into an `OffpeakError`. */
export function toOffpeakError(err: unknown): OffpeakError {
  if (err instanceof OffpeakError) return err;
  if (isApiError(err)) return new OffpeakError(err.code, err.message);
  if (err instanceof Error && err.message) {
    return new OffpeakError("internal", `Something went wrong: ${err.message}`);
  }
  if (typeof err === "string" && err.length > 0) {
    return new OffpeakError("internal", `Something went wrong: ${err}`);
  }
  return new OffpeakError("internal", "Something went wrong inside Offpeak.");
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (err) {
    throw toOffpeakError(err);
  }
}

/** The platforms Offpeak can connect to, and how. */
export function listProviders(): Promise<ProviderView[]> {
  return call("list_providers");
}

/** Every connection, oldest first, with scopes, expiry, last sync, last error and cache size. */
export function listAccounts(): Promise<AccountView[]> {
  return call("list_accounts");
}

export function listRegistrations(): Promise<RegistrationView[]> {
  return call("list_registrations");
}

/** Saves an app registration; its client secret goes to the keychain and is never returned. */
export function registerApp(request: RegisterAppRequest): Promise<RegistrationView> {
  return call("register_app", { request });
}

/** Forgets an app registration and removes its client secret from the keychain. */
export function forgetApp(registrationId: string): Promise<void> {
  return call("forget_app", { registrationId });
}

/**
 * Opens the system browser for the registration's platform and waits (up to 5 minutes) for the
 * person to approve. Rejects with code `auth_cancelled` after `cancelLogin`.
 */
export function loginOAuth(registrationId: string): Promise<AccountView> {
  return call("login_oauth", { registrationId });
}

/**
 * Signs in again through the browser (to re-consent or grant more scopes), keeping the cache;
 * with `liveUpdates`, also asks for the permission live updates need.
 */
export function reconnect(connectionId: string, liveUpdates = false): Promise<AccountView> {
  return call("reconnect", { connectionId, liveUpdates });
}

/** Turns live updates (webhooks) on or off; rejects with `scope_needed` when the permission is missing. */
export function setLiveUpdates(connectionId: string, on: boolean): Promise<AccountView> {
  return call("set_live_updates", { connectionId, on });
}

/** Calls `handler` with the id of each connection whose cache a live update just changed. */
export function onCacheChanged(handler: (connectionId: string) => void): Promise<UnlistenFn> {
  return listen<string>("cache-changed", (event) => handler(event.payload));
}

/** Stops a sign-in that is waiting for the browser. Does nothing when none is. */
export function cancelLogin(): Promise<void> {
  return call("cancel_login");
}

/** Connects with a personal API key (checked against the platform before it is kept). */
export function loginApiKey(request: ApiKeyLoginRequest): Promise<AccountView> {
  return call("login_api_key", { request });
}

/** Revokes at the platform, deletes the secrets, and keeps or purges the cached data. */
export function disconnect(connectionId: string, purge: boolean): Promise<DisconnectReport> {
  return call("disconnect", { connectionId, purge });
}

/** Starts the built-in demo server and connects to it through the same browser sign-in. */
export function startDemo(): Promise<AccountView> {
  return call("start_demo");
}

/**
 * Syncs one connection now. Rejects with code `cancelled` after `cancelSync`, and `offline` when
 * the platform cannot be reached: both are calm endings, not failures.
 */
export function syncNow(connectionId: string): Promise<SyncReport> {
  return call("sync_now", { connectionId });
}

/** Stops the connection's sync under way (what it fetched is kept); false when none was running. */
export function cancelSync(connectionId: string): Promise<boolean> {
  return call("cancel_sync", { connectionId });
}

/** The latest progress report of every connection that synced since the app started. */
export function syncProgress(): Promise<SyncProgressView[]> {
  return call("sync_progress");
}

/** Calls `handler` with every progress report of every sync, background ones included. */
export function onSyncProgress(handler: (progress: SyncProgressView) => void): Promise<UnlistenFn> {
  return listen<SyncProgressView>("sync-progress", (event) => handler(event.payload));
}

export function syncSettings(): Promise<SyncSettingsView> {
  return call("sync_settings");
}

/** Checks and keeps the settings (rejects with `invalid_input` and a sentence); a new interval applies at once. */
export function saveSyncSettings(settings: SyncSettingsView): Promise<SyncSettingsView> {
  return call("save_sync_settings", { settings });
}

/** Fetches an opened activity's streams now, when the cache lacks them; true when it fetched. */
export function openActivity(connectionId: string, activityId: string): Promise<boolean> {
  return call("open_activity", { connectionId, activityId });
}

/** The athletes the cache holds, for the switcher: each connection's own athlete first. */
export function listAthletes(): Promise<AthleteChoice[]> {
  return call("list_athletes");
}

/**
 * A month (`key` "YYYY-MM") or a week (`key` any of its dates) of one athlete, from the cache
 * only; `athlete` null is the first connection's own athlete, `key` null the span containing
 * today. Rejects with `invalid_input` for a malformed key, `not_found` for an unknown athlete.
 */
export function calendar(request: CalendarRequest): Promise<CalendarView> {
  return call("calendar", { request });
}

/** An activity's page: summary, charts drawn at `chart.width_px`, laps, the plan it fulfils. */
export function activityPage(connectionId: string, activityId: string, chart: ChartRequest): Promise<ActivityPage> {
  return call("activity_page", { connectionId, activityId, chart });
}

/** A planned workout's page: its steps with absolute targets and the step chart. */
export function workoutPage(connectionId: string, workoutId: string, chart: ChartRequest): Promise<WorkoutPage> {
  return call("workout_page", { connectionId, workoutId, chart });
}

/** The fitness (performance-management) chart of one athlete over a range. */
export function fitness(request: FitnessRequest): Promise<FitnessView> {
  return call("fitness", { request });
}

/** One row per athlete of a coach's connection for the week containing `week` (null: this week). */
export function coachOverview(connectionId: string, week: string | null): Promise<CoachOverview> {
  return call("coach_overview", { connectionId, week });
}

/** Writes the planned workouts of a range as an iCalendar file in the exports folder. */
export function exportPlanIcs(request: ExportRequest): Promise<ExportedFile> {
  return call("export_plan_ics", { request });
}

/** Writes the activities of a range as a CSV file in the exports folder. */
export function exportActivitiesCsv(request: ExportRequest): Promise<ExportedFile> {
  return call("export_activities_csv", { request });
}

/** Writes a chart (SVG text, or PNG as base64) to the exports folder. */
export function exportChart(request: ChartExport): Promise<ExportedFile> {
  return call("export_chart", { request });
}

export function displaySettings(): Promise<DisplaySettings> {
  return call("display_settings");
}

export function saveDisplaySettings(settings: DisplaySettings): Promise<DisplaySettings> {
  return call("save_display_settings", { settings });
}
