import { describe, expect, it } from "vitest";
import {
  apiKeyRequest,
  cleanOrigin,
  hasErrors,
  parsePorts,
  registerRequest,
  validateApiKey,
  validateRegistration,
} from "./validation";

const velopeak = { id: "velopeak", name: "VeloPeak", oauth_needs_secret: true };
const velocity = { id: "velocity", name: "Velocity", oauth_needs_secret: false };

describe("validateRegistration", () => {
  it("requires a client id, and a secret only for confidential apps", () => {
    const empty = { origin: "https://velo-peak.com", clientId: " ", clientSecret: "", redirectPorts: "" };
    expect(validateRegistration(empty, velopeak)).toEqual({
      origin: null,
      clientId: "Enter the client ID of your VeloPeak app.",
      clientSecret: "Enter the client secret.",
      redirectPorts: null,
    });
    expect(validateRegistration(empty, velocity).clientSecret).toBeNull();
    const ok = { origin: "http://127.0.0.1:8080", clientId: "abc", clientSecret: "s", redirectPorts: "8723, 8724" };
    expect(hasErrors(validateRegistration(ok, velopeak))).toBe(false);
  });
  it("insists on http:// or https:// origins", () => {
    const form = { origin: "velo-peak.com", clientId: "abc", clientSecret: "s", redirectPorts: "" };
    expect(validateRegistration(form, velopeak).origin).toMatch(/full address/);
    form.origin = "ftp://velo-peak.com";
    expect(validateRegistration(form, velopeak).origin).toMatch(/https:\/\/ or http:\/\//);
    form.origin = "";
    expect(validateRegistration(form, velopeak).origin).toBe("Enter the server address.");
  });
});

describe("redirect ports", () => {
  it("are numbers from 1 to 65535, separated by commas or spaces, or nothing", () => {
    expect(parsePorts("")).toEqual([]);
    expect(parsePorts(" 8723, 8724 ")).toEqual([8723, 8724]);
    expect(parsePorts("8723 8724")).toEqual([8723, 8724]);
    expect(parsePorts("1,65535")).toEqual([1, 65535]);
    for (const bad of ["0", "65536", "80a", "-1", "8723;8724", "123456"]) {
      expect(parsePorts(bad)).toBeNull();
    }
    const form = { origin: "https://velo-peak.com", clientId: "abc", clientSecret: "s", redirectPorts: "http" };
    expect(validateRegistration(form, velopeak).redirectPorts).toMatch(/1 to 65535/);
  });
});

describe("validateApiKey", () => {
  it("requires the key and accepts an empty athlete id", () => {
    const form = { origin: "https://intervals.icu", apiKey: "", athleteId: "" };
    expect(validateApiKey(form)).toEqual({ origin: null, apiKey: "Enter your API key.", athleteId: null });
    expect(hasErrors(validateApiKey({ ...form, apiKey: "k", athleteId: "i12345" }))).toBe(false);
    expect(validateApiKey({ ...form, apiKey: "k", athleteId: "i 12" }).athleteId).toMatch(/letters and digits/);
  });
});

describe("requests", () => {
  it("cleans what is sent", () => {
    expect(cleanOrigin(" https://intervals.icu// ")).toBe("https://intervals.icu");
    expect(
      registerRequest(velopeak, { origin: "https://x.com/", clientId: " id ", clientSecret: " s", redirectPorts: " 8723 8724" }),
    ).toEqual({
      provider: "velopeak",
      origin: "https://x.com",
      client_id: "id",
      client_secret: " s",
      redirect_ports: "8723,8724",
    });
    const stale = { origin: "https://x.com", clientId: "id", clientSecret: "stale", redirectPorts: "" };
    expect(registerRequest(velocity, stale).client_secret).toBe("");
    expect(registerRequest(velocity, stale).redirect_ports).toBe("");
    expect(apiKeyRequest("intervals", { origin: "https://intervals.icu", apiKey: " k ", athleteId: "" })).toEqual({
      provider: "intervals",
      origin: "https://intervals.icu",
      api_key: "k",
      athlete_id: "0",
    });
  });
});
