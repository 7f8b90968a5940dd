// What the planned-workout screen shows, formatted: step targets in the person's units, step
// sizes, intensity names and the planned figures. Pure.
import type { PlanStepView } from "./bindings/PlanStepView";
import type { Sport } from "./bindings/Sport";
import type { StepTargetView } from "./bindings/StepTargetView";
import type { UnitSystem } from "./bindings/UnitSystem";
import type { WorkoutPage } from "./bindings/WorkoutPage";
import type { Tile } from "./activity";
import { formatClock, formatDistanceIn, formatPaceTarget } from "./units";

export const INTENSITY_NAMES: Record<string, string> = {
  warmup: "Warm-up",
  active: "Active",
  recovery: "Recovery",
  cooldown: "Cool-down",
};

/** "warmup" → "Warm-up"; an unknown intensity is shown as it came, capitalised. */
export function intensityName(intensity: string): string {
  return INTENSITY_NAMES[intensity] ?? intensity.charAt(0).toUpperCase() + intensity.slice(1);
}

const RELATIVE_TO: Record<string, string> = {
  power: "FTP",
  heart_rate: "threshold HR",
  pace: "threshold pace",
};

/** "low–high", or the one value when both are the same. */
function range(low: string, high: string, suffix: string): string {
  return low === high ? `${low}${suffix}` : `${low}–${high}${suffix}`;
}

/**
 * A step's target: "250–275 W", "145–152 bpm", "4:30–4:40 /km" (or /mi), or "88–94% FTP" when
 * the athlete's threshold is unknown.
 */
export function formatTarget(target: StepTargetView | null, units: UnitSystem): string {
  if (!target) return "–";
  const low = Math.round(target.low);
  const high = Math.round(target.high);
  if (!target.absolute) {
    return range(String(low), String(high), `% ${RELATIVE_TO[target.kind] ?? "threshold"}`);
  }
  switch (target.kind) {
    case "power":
      return range(String(low), String(high), " W");
    case "heart_rate":
      return range(String(low), String(high), " bpm");
    case "pace": {
      const unit = units === "imperial" ? " /mi" : " /km";
      const strip = (s: string) => s.replace(/ \/(km|mi)$/, "");
      const [fast, slow] = target.low <= target.high ? [target.low, target.high] : [target.high, target.low];
      return range(strip(formatPaceTarget(fast, units)), strip(formatPaceTarget(slow, units)), unit);
    }
    default:
      return range(String(low), String(high), "");
  }
}

/** A step's size: its distance when it is set by distance, else its duration. */
export function formatStepSize(step: PlanStepView, units: UnitSystem, sport: Sport): string {
  if (step.distance_m != null && step.distance_m > 0) return formatDistanceIn(step.distance_m, units, sport);
  return formatClock(step.duration_s);
}

/** The planned figures a workout has: duration, distance, load. */
export function plannedTiles(page: WorkoutPage, units: UnitSystem): Tile[] {
  const tiles: Tile[] = [];
  if (page.planned_duration_s > 0) {
    tiles.push({ key: "duration", label: "Planned time", value: formatClock(page.planned_duration_s) });
  }
  if (page.planned_distance_m != null && page.planned_distance_m > 0) {
    tiles.push({
      key: "distance",
      label: "Planned distance",
      value: formatDistanceIn(page.planned_distance_m, units, page.sport),
    });
  }
  if (page.planned_load != null) {
    tiles.push({ key: "load", label: "Planned load", value: String(Math.round(page.planned_load)) });
  }
  if (page.steps.length > 0) {
    tiles.push({ key: "steps", label: "Steps", value: String(page.steps.length) });
  }
  return tiles;
}
