// Form checks for app registrations and API keys, run before anything is sent.
import type { ApiKeyLoginRequest } from "./bindings/ApiKeyLoginRequest";
import type { ProviderView } from "./bindings/ProviderView";
import type { RegisterAppRequest } from "./bindings/RegisterAppRequest";
import { validateOrigin } from "./format";

export type RegistrationForm = {
  origin: string;
  clientId: string;
  clientSecret: string;
  /** Loopback ports the platform registered for the app, "8723, 8724"; empty for any. */
  redirectPorts: string;
};
export type ApiKeyForm = { origin: string; apiKey: string; athleteId: string };
export type Errors<T> = { [K in keyof T]: string | null };

/** Trims and drops trailing slashes: "https://x.com/ " → "https://x.com". */
export function cleanOrigin(value: string): string {
  return value.trim().replace(/\/+$/, "");
}

export function hasErrors<T>(errors: Errors<T>): boolean {
  return Object.values(errors).some((e) => e !== null);
}

export function validateRegistration(
  form: RegistrationForm,
  provider: Pick<ProviderView, "name" | "oauth_needs_secret">,
): Errors<RegistrationForm> {
  return {
    origin: validateOrigin(form.origin),
    clientId: form.clientId.trim() ? null : `Enter the client ID of your ${provider.name} app.`,
    clientSecret:
      provider.oauth_needs_secret && !form.clientSecret ? "Enter the client secret." : null,
    redirectPorts: parsePorts(form.redirectPorts)
      ? null
      : "Ports are numbers from 1 to 65535, like 8723, 8724. Leave it empty unless the platform requires it.",
  };
}

/** "8723, 8724" → [8723, 8724]; empty → []; anything else → null. */
export function parsePorts(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter((p) => p !== "");
  const ports = parts.map((p) => (/^\d{1,5}$/.test(p) ? Number(p) : NaN));
  return ports.every((n) => n >= 1 && n <= 65535) ? ports : null;
}

export function validateApiKey(form: ApiKeyForm): Errors<ApiKeyForm> {
  const athlete = form.athleteId.trim();
  return {
    origin: validateOrigin(form.origin),
    apiKey: form.apiKey.trim() ? null : "Enter your API key.",
    athleteId:
      athlete === "" || /^[A-Za-z0-9_-]+$/.test(athlete)
        ? null
        : "An athlete ID is letters and digits only, like i12345.",
  };
}

export function registerRequest(
  provider: Pick<ProviderView, "id" | "oauth_needs_secret">,
  form: RegistrationForm,
): RegisterAppRequest {
  return {
    provider: provider.id,
    origin: cleanOrigin(form.origin),
    client_id: form.clientId.trim(),
    client_secret: provider.oauth_needs_secret ? form.clientSecret : "",
    redirect_ports: (parsePorts(form.redirectPorts) ?? []).join(","),
  };
}

export function apiKeyRequest(providerId: string, form: ApiKeyForm): ApiKeyLoginRequest {
  return {
    provider: providerId,
    origin: cleanOrigin(form.origin),
    api_key: form.apiKey.trim(),
    athlete_id: form.athleteId.trim() || "0",
  };
}

/** Moves focus to the first field marked invalid inside `root`, once the DOM shows the marks. */
export function focusFirstInvalid(root: ParentNode | null): void {
  setTimeout(() => root?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}
