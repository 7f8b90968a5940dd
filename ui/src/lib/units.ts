// Figures in the person's units (metric or imperial): distances, speeds and paces, elevation,
// clock durations. Pure; every screen formats through here.
import type { Sport } from "./bindings/Sport";
import type { UnitSystem } from "./bindings/UnitSystem";
import { groupedInteger } from "./intl";

const METRES_PER_MILE = 1609.344;
const METRES_PER_YARD = 0.9144;
const FEET_PER_METRE = 3.28084;

/** 3723 → "1:02:03", 123 → "2:03", 0 → "0:00". */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** The unit distances are shown in: "km" or "mi". */
export function distanceUnit(units: UnitSystem): "km" | "mi" {
  return units === "imperial" ? "mi" : "km";
}

/**
 * A distance: swims and anything under 1 km in metres (yards), else km (mi) with one decimal,
 * whole above 100. 42195 → "42.2 km" / "26.2 mi"; 1500 swim → "1,500 m" / "1,640 yd".
 */
export function formatDistanceIn(metres: number, units: UnitSystem, sport?: Sport): string {
  if (!Number.isFinite(metres) || metres < 0) return "";
  if (units === "imperial") {
    if (sport === "swim") return `${groupedInteger(metres / METRES_PER_YARD)} yd`;
    const miles = metres / METRES_PER_MILE;
    if (miles >= 100) return `${Math.round(miles)} mi`;
    return `${miles.toFixed(miles < 10 ? 2 : 1)} mi`;
  }
  if (sport === "swim" || metres < 1000) return `${groupedInteger(metres)} m`;
  const km = metres / 1000;
  if (km >= 100) return `${Math.round(km)} km`;
  return `${km.toFixed(1)} km`;
}

/** 10 m/s → "36.0 km/h" / "22.4 mph". */
export function formatSpeed(metresPerSecond: number, units: UnitSystem): string {
  if (!Number.isFinite(metresPerSecond) || metresPerSecond < 0) return "–";
  if (units === "imperial") return `${((metresPerSecond * 3600) / METRES_PER_MILE).toFixed(1)} mph`;
  return `${(metresPerSecond * 3.6).toFixed(1)} km/h`;
}

/**
 * Pace: runs per km (mi), swims per 100 m (100 yd). 3.6363 m/s run → "4:35 /km" / "7:23 /mi".
 */
export function formatPace(metresPerSecond: number, units: UnitSystem, sport: Sport): string {
  if (!Number.isFinite(metresPerSecond) || metresPerSecond <= 0) return "–";
  const swim = sport === "swim";
  const unitMetres = swim
    ? 100 * (units === "imperial" ? METRES_PER_YARD : 1)
    : units === "imperial"
      ? METRES_PER_MILE
      : 1000;
  const label = swim ? (units === "imperial" ? "/100yd" : "/100m") : units === "imperial" ? "/mi" : "/km";
  return `${formatClock(unitMetres / metresPerSecond)} ${label}`;
}

/** Runs and swims by pace, everything else by speed. */
export function formatSpeedFor(sport: Sport, metresPerSecond: number, units: UnitSystem): string {
  return sport === "run" || sport === "swim"
    ? formatPace(metresPerSecond, units, sport)
    : formatSpeed(metresPerSecond, units);
}

/** 850 → "850 m" / "2,789 ft". */
export function formatElevation(metres: number, units: UnitSystem): string {
  if (!Number.isFinite(metres)) return "–";
  if (units === "imperial") return `${groupedInteger(metres * FEET_PER_METRE)} ft`;
  return `${groupedInteger(metres)} m`;
}

/** A pace target in seconds per km, in the person's units: 270 → "4:30 /km" / "7:15 /mi". */
export function formatPaceTarget(secondsPerKm: number, units: UnitSystem): string {
  if (!Number.isFinite(secondsPerKm) || secondsPerKm <= 0) return "–";
  const seconds = units === "imperial" ? (secondsPerKm * METRES_PER_MILE) / 1000 : secondsPerKm;
  return `${formatClock(seconds)} ${units === "imperial" ? "/mi" : "/km"}`;
}
