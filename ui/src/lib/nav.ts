// Where the window is (calendar, accounts, coach, fitness, an activity, a workout) and the way
// back: a bounded stack of the places the person came from.
export type View =
  | { kind: "calendar" }
  | { kind: "accounts" }
  | { kind: "coach" }
  | { kind: "fitness" }
  | { kind: "activity"; connectionId: string; id: string }
  | { kind: "workout"; connectionId: string; id: string };

export type ViewKind = View["kind"];

const MAX_DEPTH = 30;

export function sameView(a: View, b: View): boolean {
  if (a.kind !== b.kind) return false;
  if ((a.kind === "activity" || a.kind === "workout") && (b.kind === "activity" || b.kind === "workout")) {
    return a.connectionId === b.connectionId && a.id === b.id;
  }
  return true;
}

/** Going from `current` to `next`: the stack to keep. The calendar is home, so going there clears it. */
export function pushView(stack: View[], current: View, next: View): View[] {
  if (sameView(current, next)) return stack;
  if (next.kind === "calendar") return [];
  // A place already on the stack is gone back to: what lay above it is dropped (no loops).
  const at = stack.findIndex((v) => sameView(v, next));
  if (at >= 0) return stack.slice(0, at);
  return [...stack, current].slice(-MAX_DEPTH);
}

/** Going back: where to, and the stack left. The calendar when there is nothing to go back to. */
export function popView(stack: View[]): { view: View; stack: View[] } {
  if (stack.length === 0) return { view: { kind: "calendar" }, stack: [] };
  return { view: stack[stack.length - 1], stack: stack.slice(0, -1) };
}
