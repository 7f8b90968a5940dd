// Sample values for the tests.
import type { AccountView } from "./bindings/AccountView";
import type { SyncProgressView } from "./bindings/SyncProgressView";

/** An active VeloPeak OAuth account with an empty cache; `overrides` change any field. */
export function accountView(overrides: Partial<AccountView> = {}): AccountView {
  return {
    id: "c1",
    provider: "velopeak",
    provider_name: "VeloPeak",
    auth_kind: "oauth",
    status: "active",
    origin: "https://velo-peak.com",
    athlete_id: "a1",
    athlete_name: "Ada",
    athletes: [],
    scopes_granted: [],
    scopes_requested: [],
    scopes_missing: [],
    access_expires_at: null,
    last_refresh_at: null,
    last_sync_at: null,
    last_error: null,
    last_error_code: null,
    cache: { workouts: 0, activities: 0, bytes: 0 },
    connected_at: "2026-11-01T00:00:00Z",
    live_updates_offered: true,
    live_updates_allowed: false,
    live_updates_url: null,
    ...overrides,
  };
}

/** A progress report of account c1 in the middle of its calendar phase; `overrides` change any field. */
export function progressView(overrides: Partial<SyncProgressView> = {}): SyncProgressView {
  return {
    connection_id: "c1",
    phase: "calendar",
    ended: false,
    done: 0,
    total: null,
    bytes: 0,
    requests: 0,
    eta_s: null,
    message: null,
    at: "2026-11-23T08:00:00.000Z",
    ...overrides,
  };
}
