// What a finished or failed sign-in means for the person.
import type { OffpeakError } from "./api";

/** How long the backend waits for the browser before giving up. */
export const LOGIN_LIMIT_MS = 5 * 60_000;

export type LoginOutcome =
  | { kind: "cancelled"; message: string }
  | { kind: "retry"; title: string; message: string }
  | { kind: "error" };

const RETRY_TITLES: Record<string, string> = {
  auth_timeout: "Sign-in timed out",
  auth_denied: "Access was not granted",
  auth_failed: "Sign-in failed",
};

/** Cancelling is calm; timeouts, refusals and failed sign-ins offer "Try again". */
export function loginOutcome(error: OffpeakError): LoginOutcome {
  if (error.code === "auth_cancelled") {
    return { kind: "cancelled", message: "Sign-in cancelled. Nothing was connected." };
  }
  const title = RETRY_TITLES[error.code];
  if (title) return { kind: "retry", title, message: error.message };
  return { kind: "error" };
}

/** Time left before the sign-in limit, as "4:59"; never negative. */
export function formatCountdown(remainingMs: number): string {
  const total = Number.isFinite(remainingMs) ? Math.max(0, Math.ceil(remainingMs / 1000)) : 0;
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}
