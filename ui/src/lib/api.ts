// The one place that talks to the Rust shell. Every command is a typed function here;
// components never call `invoke` themselves.
import { invoke } from "@tauri-apps/api/core";
import type { ApiError } from "./bindings/ApiError";
import type { CalendarMonth } from "./bindings/CalendarMonth";
import type { ConnectRequest } from "./bindings/ConnectRequest";
import type { ConnectionView } from "./bindings/ConnectionView";
import type { SyncReport } from "./bindings/SyncReport";

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

export function listConnections(): Promise<ConnectionView[]> {
  return call("list_connections");
}

/** Opens the system browser and waits (up to minutes) for the person to approve. */
export function connectVelopeak(request: ConnectRequest): Promise<ConnectionView> {
  return call("connect_velopeak", { request });
}

/** Starts the built-in demo server and connects to it through the same browser sign-in. */
export function startDemo(): Promise<ConnectionView> {
  return call("start_demo");
}

export function syncNow(connectionId: string): Promise<SyncReport> {
  return call("sync_now", { connectionId });
}

/** `month` is "YYYY-MM"; `null` asks for the month containing today. */
export function calendarMonth(month: string | null): Promise<CalendarMonth> {
  return call("calendar_month", { month });
}
