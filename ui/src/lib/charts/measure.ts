// Chart sizing: the width a chart is requested at (rounded, debounced while a window resizes)
// and which request's answer is still wanted.

/** A measured width rounded to 10 px, so a pixel of jitter does not redraw every chart. */
export function roundWidth(px: number): number {
  if (!Number.isFinite(px) || px <= 0) return 0;
  return Math.max(10, Math.round(px / 10) * 10);
}

/** Calls `fn` once `delayMs` after the last of a burst of calls; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, delayMs: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const call = (...args: A) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, delayMs);
  };
  call.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return call;
}

/**
 * Watches `element`'s content width (inside its padding) and reports it rounded: the first
 * measurement at once, later ones once a resize has settled for `delayMs`. Returns the function
 * that stops watching.
 */
export function watchWidth(element: HTMLElement, onwidth: (width: number) => void, delayMs = 150): () => void {
  let last = 0;
  const apply = (width: number) => {
    const rounded = roundWidth(width);
    if (rounded > 0 && rounded !== last) {
      last = rounded;
      onwidth(rounded);
    }
  };
  const settle = debounce(apply, delayMs);
  const observer = new ResizeObserver((entries) => {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    if (last === 0) apply(entry.contentRect.width);
    else settle(entry.contentRect.width);
  });
  observer.observe(element);
  return () => {
    settle.cancel();
    observer.disconnect();
  };
}

/** Numbers requests so only the latest one's answer is applied. */
export class Latest {
  private current = 0;

  /** A ticket for a new request; earlier tickets stop being current. */
  next(): number {
    this.current += 1;
    return this.current;
  }

  isCurrent(ticket: number): boolean {
    return ticket === this.current;
  }
}

/** Content this wide or wider puts the smaller charts two to a row. */
export const TWO_COLUMNS_FROM = 960;

/**
 * How the smaller charts sit under the main one: one column as wide as the content, or two
 * columns `gap` apart, each drawn at its own (rounded) width so their text keeps its size.
 */
export function chartGrid(width: number, gap: number): { columns: 1 | 2; cellWidth: number } {
  if (width < TWO_COLUMNS_FROM) return { columns: 1, cellWidth: roundWidth(width) };
  return { columns: 2, cellWidth: roundWidth((width - gap) / 2) };
}
