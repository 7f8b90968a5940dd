// Sample activity, workout and fitness pages for the tests, typed against the bindings.
import type { ActivityPage } from "./bindings/ActivityPage";
import type { ActivitySummaryView } from "./bindings/ActivitySummaryView";
import type { ChartView } from "./bindings/ChartView";
import type { ComplianceView } from "./bindings/ComplianceView";
import type { FitnessView } from "./bindings/FitnessView";
import type { HoverView } from "./bindings/HoverView";
import type { LapView } from "./bindings/LapView";
import type { PlanStepView } from "./bindings/PlanStepView";
import type { WorkoutPage } from "./bindings/WorkoutPage";

/** A small drawn chart; `overrides` change any field. */
export function chartView(overrides: Partial<ChartView> = {}): ChartView {
  return {
    svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 300"><rect width="800" height="300"/></svg>',
    width: 800,
    height: 300,
    ...overrides,
  };
}

/**
 * A cross-hair over an 800-wide chart whose plot runs from 100 to 700: five columns every 60 s,
 * a power panel (with a gap) and a speed panel.
 */
export function hoverView(overrides: Partial<HoverView> = {}): HoverView {
  return {
    plot_left_px: 100,
    plot_right_px: 700,
    xs: [0, 60, 120, 180, 240],
    x_unit: "s",
    panels: [
      { label: "Power", unit: "W", top_px: 10, bottom_px: 130, values: [180.4, 251.6, null, 300, 120] },
      { label: "Speed", unit: "km/h", top_px: 140, bottom_px: 260, values: [30.04, 35.26, 36, 38.5, 25] },
    ],
    ...overrides,
  };
}

export function compliance(overrides: Partial<ComplianceView> = {}): ComplianceView {
  return {
    color: "green",
    percent: 98,
    basis: "load",
    rule: "Done load 88 vs planned 90 (98%): within ±20% is green.",
    ...overrides,
  };
}

export function summaryView(overrides: Partial<ActivitySummaryView> = {}): ActivitySummaryView {
  return {
    moving_time_s: 5400,
    elapsed_time_s: 5700,
    distance_m: 45_000,
    elevation_gain_m: 620,
    avg_speed_mps: 8.333,
    avg_power_w: 212.4,
    normalized_power_w: 231.8,
    intensity_factor: 0.824,
    load: 88.2,
    avg_hr: 142.3,
    max_hr: 171,
    avg_cadence: 88.6,
    calories: 1210,
    ftp_w: 280,
    ...overrides,
  };
}

export function lapView(overrides: Partial<LapView> = {}): LapView {
  return {
    label: "Lap 1",
    start_s: 0,
    duration_s: 600,
    distance_m: 5000,
    avg_power_w: 205,
    normalized_power_w: 214,
    avg_hr: 138,
    max_hr: 150,
    avg_cadence: 90,
    avg_speed_mps: 8.333,
    ...overrides,
  };
}

/** A cached ride with every chart, two laps and the plan it fulfils. */
export function activityPageView(overrides: Partial<ActivityPage> = {}): ActivityPage {
  return {
    athlete: { connection_id: "c1", athlete_id: "a1" },
    id: "act1",
    name: "Tempo ride",
    sport: "ride",
    date: "2026-11-10",
    start_time: "2026-11-10T07:30:00Z",
    timezone: "Europe/Paris",
    description: null,
    trainer: false,
    stub: false,
    provider_name: "VeloPeak",
    summary: summaryView(),
    streams: "cached",
    has_distance: true,
    series: { chart: chartView({ height: 600 }), hover: hoverView() },
    power_curve: chartView(),
    power_zones: chartView(),
    hr_zones: chartView(),
    route: chartView({ height: 500 }),
    laps: [lapView(), lapView({ label: "Lap 2", start_s: 600, duration_s: 900, distance_m: 7000 })],
    plan: { id: "w1", name: "Tempo 3×10", date: "2026-11-10", duration_s: 5400, load: 90 },
    compliance: compliance(),
    ...overrides,
  };
}

export function planStep(overrides: Partial<PlanStepView> = {}): PlanStepView {
  return {
    intensity: "active",
    start_s: 600,
    duration_s: 600,
    distance_m: null,
    target: { kind: "power", low: 250, high: 275, absolute: true },
    ...overrides,
  };
}

/** A structured ride with a warm-up, an interval and a cool-down, not done yet. */
export function workoutPageView(overrides: Partial<WorkoutPage> = {}): WorkoutPage {
  return {
    athlete: { connection_id: "c1", athlete_id: "a1" },
    id: "w1",
    name: "Tempo 3×10",
    sport: "ride",
    date: "2026-11-10",
    start_time: "07:30",
    description: "Easy spin.\nThen three blocks of tempo.",
    planned_duration_s: 5400,
    planned_distance_m: null,
    planned_load: 90,
    race: null,
    steps: [
      planStep({ intensity: "warmup", start_s: 0, target: { kind: "power", low: 150, high: 180, absolute: true } }),
      planStep(),
      planStep({ intensity: "cooldown", start_s: 1200, target: null }),
    ],
    chart: chartView({ height: 220 }),
    structure_error: null,
    done_by: null,
    compliance: compliance({ color: "upcoming", percent: null, basis: null, rule: "Planned for a later day." }),
    provider_name: "VeloPeak",
    ...overrides,
  };
}

/** Fitness over three days of November 2026 (epoch days 20767–20769). */
export function fitnessViewSample(overrides: Partial<FitnessView> = {}): FitnessView {
  return {
    athlete: { connection_id: "c1", athlete_id: "a1" },
    athlete_name: "Ada",
    from: "2026-11-10",
    to: "2026-11-12",
    chart: {
      chart: chartView(),
      hover: hoverView({
        xs: [20767, 20768, 20769],
        x_unit: "day",
        panels: [
          { label: "Fitness", unit: "", top_px: 10, bottom_px: 260, values: [40.2, 41.1, 41.9] },
          { label: "Fatigue", unit: "", top_px: 10, bottom_px: 260, values: [55, 60.4, 52] },
          { label: "Form", unit: "", top_px: 10, bottom_px: 260, values: [-14.8, -19.3, -10.1] },
        ],
      }),
    },
    latest: { date: "2026-11-12", load: 60, fitness: 41.9, fatigue: 52, form: -10.1 },
    first_load: "2024-03-02",
    ...overrides,
  };
}
