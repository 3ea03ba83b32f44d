/**
 * What the page exposes on `window.kgExplore` for tests and measurements: the view drawn, whether
 * it is ready, the rendered graph's size, the highlighted nodes, and long tasks seen (ms).
 */
export interface ExplorerHooks {
  view: string;
  ready: boolean;
  /** When the current view finished drawing, ms since navigation start. */
  readyAt: number | null;
  /** When the neighbourhood's layout (in a worker) stopped, ms since navigation start. */
  laidOutAt: number | null;
  nodeCount: number;
  edgeCount: number;
  /** Gap cells (zero counts) the evidence-gap map shows. */
  gapCount: number;
  highlighted: string[];
  longTasks: number[];
  error: string | null;
  /** How long the last draw's steps took, ms: the renderer's set-up, the longest layout slice and the longest redraw. */
  timings: Record<string, number>;
  nodePosition: (id: string) => { x: number; y: number } | null;
}

/** Keeps the longest time seen for a step. */
export function timed(step: string, ms: number): void {
  hooks.timings[step] = Math.max(hooks.timings[step] ?? 0, Math.round(ms));
}

export const hooks: ExplorerHooks = {
  view: '',
  ready: false,
  readyAt: null,
  laidOutAt: null,
  nodeCount: 0,
  edgeCount: 0,
  gapCount: 0,
  highlighted: [],
  longTasks: [],
  error: null,
  timings: {},
  nodePosition: () => null,
};

(window as unknown as { kgExplore: ExplorerHooks }).kgExplore = hooks;

try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) hooks.longTasks.push(Math.round(entry.duration));
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // Browsers without the Long Tasks API measure nothing here.
}
