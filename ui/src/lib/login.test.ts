import { describe, expect, it } from "vitest";
import { OffpeakError } from "./api";
import { formatCountdown, LOGIN_LIMIT_MS, loginOutcome } from "./login";

describe("loginOutcome", () => {
  it("treats a cancelled sign-in calmly", () => {
    expect(loginOutcome(new OffpeakError("auth_cancelled", "Cancelled."))).toEqual({
      kind: "cancelled",
      message: "Sign-in cancelled. Nothing was connected.",
    });
  });
  it("offers to try again after timeouts, refusals and failures, keeping the message", () => {
    for (const code of ["auth_timeout", "auth_denied", "auth_failed"]) {
      const outcome = loginOutcome(new OffpeakError(code, "The sentence to show."));
      expect(outcome.kind).toBe("retry");
      expect(outcome.kind === "retry" && outcome.message).toBe("The sentence to show.");
    }
  });
  it("leaves other errors to the error banner", () => {
    expect(loginOutcome(new OffpeakError("offline", "No network.")).kind).toBe("error");
    expect(loginOutcome(new OffpeakError("keychain", "Locked.")).kind).toBe("error");
  });
});

describe("formatCountdown", () => {
  it("shows minutes and seconds left, rounding up", () => {
    expect(formatCountdown(LOGIN_LIMIT_MS)).toBe("5:00");
    expect(formatCountdown(LOGIN_LIMIT_MS - 500)).toBe("5:00");
    expect(formatCountdown(LOGIN_LIMIT_MS - 1000)).toBe("4:59");
    expect(formatCountdown(61_000)).toBe("1:01");
    expect(formatCountdown(9_000)).toBe("0:09");
  });
  it("stops at zero", () => {
    expect(formatCountdown(0)).toBe("0:00");
    expect(formatCountdown(-4000)).toBe("0:00");
    expect(formatCountdown(Number.NaN)).toBe("0:00");
  });
});
