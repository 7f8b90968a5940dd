// Intl formatters, built once per locale and options and then reused. Building one sets up ICU
// formatters (calendars, symbols, patterns): slow, and their memory stays until the formatter is
// collected, so a calendar that made one per day cell and card churned through about 80 a month.

const MAX_KEPT = 64;
const dates = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();

function kept<F>(cache: Map<string, F>, key: string, make: () => F): F {
  const found = cache.get(key);
  if (found) return found;
  const made = make();
  // Time zones come from the data, so the keys are not a fixed set: stay bounded.
  if (cache.size >= MAX_KEPT) cache.clear();
  cache.set(key, made);
  return made;
}

/** `new Intl.DateTimeFormat(locale, options)`, shared; throws as the constructor does. */
export function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return kept(dates, `${locale ?? ""}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** `new Intl.NumberFormat(locale, options)`, shared. */
export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return kept(numbers, `${locale ?? ""}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** 1204 → "1,204": a whole number with thousands separators, the same in every locale. */
export function groupedInteger(n: number): string {
  return numberFormat("en-US", { maximumFractionDigits: 0 }).format(Math.round(n));
}

/** An instant in the person's locale and time zone, date and time: what `Date.toLocaleString()` gives. */
export function localDateTime(d: Date): string {
  return dateFormat(undefined, {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).format(d);
}
