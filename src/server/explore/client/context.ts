import type { Api } from './api';
import { fragmentKey } from './api';
import type { State } from './state';
import { el } from './ui';

/** What a view is given: the API, the state, and the page's regions. */
export interface Context {
  readonly api: Api;
  readonly state: State;
  readonly stage: HTMLElement;
  readonly side: HTMLElement;
  readonly controls: HTMLElement;
  readonly downloads: HTMLElement;
  readonly exportsPath: string;
  /** Changes the state: the URL follows (a new history entry with `push`) and the view redraws. */
  navigate(patch: Partial<State>, push?: boolean): void;
  /** Records a state change the view already drew (a selection), in the URL only. */
  remember(patch: Partial<State>): void;
  /**
   * The side panel's details: a node and its publications under the filters (narrowed further by
   * `extra`, e.g. a matrix cell's place), with the evidence that tagged them.
   */
  details(id: string, extra?: Record<string, unknown>, title?: string): Promise<void>;
  fail(error: unknown): void;
  ready(): void;
}

export interface ViewHandle {
  destroy(): void;
}

export interface Download {
  readonly label: string;
  /** Path under the exports folder, e.g. `graph.gexf`. */
  readonly file: string;
  readonly params: Record<string, string | null | undefined>;
}

/**
 * Download buttons for the exports. Without a key they are plain links (the server streams the
 * file); with one, the file is fetched with the key in a header and saved from memory, since a
 * link cannot carry a header and the key must never go into a URL the server logs.
 */
export function showDownloads(ctx: Context, downloads: readonly Download[]): void {
  ctx.downloads.replaceChildren('Download: ');
  for (const d of downloads) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(d.params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
    const href = `${ctx.exportsPath}/${d.file}${q.toString() ? `?${q}` : ''}`;
    const link = el('a', { href, download: d.file, 'data-export': d.file }, d.label);
    link.addEventListener('click', async (event) => {
      const key = fragmentKey();
      if (!key) return;
      event.preventDefault();
      try {
        const res = await fetch(href, { headers: { authorization: `Bearer ${key}` }, credentials: 'omit' });
        if (!res.ok) throw new Error(`${d.file}: HTTP ${res.status}`);
        const url = URL.createObjectURL(await res.blob());
        const save = el('a', { href: url, download: d.file });
        document.body.append(save);
        save.click();
        save.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      } catch (err) {
        ctx.fail(err);
      }
    });
    ctx.downloads.append(link);
  }
}
