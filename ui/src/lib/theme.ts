// Display settings: which theme applies (a choice, or the system's when the choice is "system").
import type { ThemeChoice } from "./bindings/ThemeChoice";

export type Theme = "light" | "dark";

/** The theme to paint: the person's choice, or the system's when they chose "system". */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  if (choice === "light" || choice === "dark") return choice;
  return systemDark ? "dark" : "light";
}
