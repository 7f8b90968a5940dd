// The cross-hair over a chart drawn in Rust: pointer → SVG units → nearest hover column, and the
// readout of every panel's value there. Pure.
import type { HoverView } from "../bindings/HoverView";
import { formatClock } from "../units";

export type ReadoutRow = { label: string; value: string; unit: string };
export type Readout = { x: string; rows: ReadoutRow[] };

/** A pointer's client x over an element drawn `renderedWidth` px wide → the SVG's own units. */
export function clientToSvgX(clientX: number, left: number, renderedWidth: number, chartWidth: number): number {
  if (!(renderedWidth > 0)) return 0;
  return ((clientX - left) * chartWidth) / renderedWidth;
}

/** Where `xs[i]` lies, in the SVG's units: `plot_left_px` plus its share of the plot's width. */
export function svgXOf(hover: HoverView, i: number): number {
  const { xs, plot_left_px: left, plot_right_px: right } = hover;
  if (xs.length === 0) return left;
  const first = xs[0];
  const span = xs[xs.length - 1] - first;
  if (span <= 0) return left;
  return left + ((xs[clampIndex(i, xs.length)] - first) / span) * (right - left);
}

/** Clamps `i` into `0..length-1` (0 when empty). */
export function clampIndex(i: number, length: number): number {
  if (length <= 0) return 0;
  return Math.min(length - 1, Math.max(0, Math.round(i)));
}

/** The column nearest to `svgX` (clamped to the plot), by binary search over the ascending `xs`. */
export function nearestIndex(hover: HoverView, svgX: number): number {
  const { xs, plot_left_px: left, plot_right_px: right } = hover;
  const n = xs.length;
  if (n <= 1 || right <= left) return 0;
  const share = Math.min(1, Math.max(0, (svgX - left) / (right - left)));
  const target = xs[0] + share * (xs[n - 1] - xs[0]);
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= target) lo = mid;
    else hi = mid;
  }
  return target - xs[lo] <= xs[hi] - target ? lo : hi;
}

/** The column a key press moves to: ←/→ by one, with Shift by ten, Home/End to the ends; null for other keys. */
export function keyStep(key: string, shift: boolean, current: number, length: number): number | null {
  const step = shift ? 10 : 1;
  switch (key) {
    case "ArrowLeft":
      return clampIndex(current - step, length);
    case "ArrowRight":
      return clampIndex(current + step, length);
    case "Home":
      return 0;
    case "End":
      return clampIndex(length - 1, length);
    default:
      return null;
  }
}

/** Days since 1970-01-01 → "YYYY-MM-DD". */
export function epochDayToDate(day: number): string {
  return new Date(Math.round(day) * 86_400_000).toISOString().slice(0, 10);
}

/** An x value in its unit: seconds as h:mm:ss, distances with two decimals, days as a date. */
export function formatX(x: number, unit: string, formatDate: (date: string) => string = (d) => d): string {
  if (!Number.isFinite(x)) return "–";
  switch (unit) {
    case "s":
      return formatClock(x);
    case "day":
      return formatDate(epochDayToDate(x));
    default:
      return `${x.toFixed(2)} ${unit}`.trim();
  }
}

const WHOLE_UNITS = new Set(["W", "bpm", "rpm", "spm", "m", "ft", ""]);

/** A panel value in display units: whole watts, bpm, cadence and altitude; paces as m:ss; else one decimal. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return "–";
  if (unit.startsWith("min/")) return formatClock(value * 60);
  if (unit.startsWith("/")) return formatClock(value);
  if (WHOLE_UNITS.has(unit)) return String(Math.round(value));
  return value.toFixed(1);
}

/** Every panel's value at column `i`, and the x there. */
export function readout(hover: HoverView, i: number, formatDate?: (date: string) => string): Readout {
  const index = clampIndex(i, hover.xs.length);
  return {
    x: hover.xs.length > 0 ? formatX(hover.xs[index], hover.x_unit, formatDate) : "–",
    rows: hover.panels.map((panel) => ({
      label: panel.label,
      value: formatValue(panel.values[index] ?? null, panel.unit),
      unit: panel.values[index] == null ? "" : panel.unit,
    })),
  };
}
