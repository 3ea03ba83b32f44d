/**
 * Measures the theme tagger against a labelled set of library entries (test/fixtures/tagger-eval):
 * precision and recall per language and per theme. Used by `npm run eval:tagger`, which prints
 * them, and by test/unit/tagger-eval.test.ts, which holds the floor.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { detectLanguage } from '../src/ingest/language.detect';
import { parseListing } from '../src/ingest/listing.parser';
import type { ThemeTagger } from '../src/ingest/theme.tagger';

/** test/fixtures/tagger-eval, found by walking up from this file (it runs from scripts/ and from dist/scripts/). */
export const EVALUATION_SET = ((): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test', 'fixtures', 'tagger-eval');
    if (fs.existsSync(path.join(candidate, 'expected.yaml'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`test/fixtures/tagger-eval not found above ${__dirname}`);
  }
})();

/** One labelled entry: its text, the language it is written in, and the themes an indexer gives it. */
export interface LabelledEntry {
  readonly file: string;
  readonly title: string;
  readonly abstract: string;
  readonly language: string;
  readonly themes: readonly string[];
  readonly note?: string;
}

/** Counts and their ratios; a ratio with nothing to count is 1 (nothing was missed or invented). */
export interface Score {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
}

/** What the tagger got wrong on one entry. */
export interface Miss {
  readonly entry: LabelledEntry;
  readonly detected: string;
  readonly missed: readonly string[];
  readonly invented: readonly { readonly theme: string; readonly evidence: readonly string[] }[];
}

export interface Evaluation {
  readonly entries: number;
  readonly overall: Score;
  readonly byLanguage: ReadonlyMap<string, Score & { readonly entries: number; readonly detectedRight: number }>;
  readonly byTheme: ReadonlyMap<string, Score>;
  readonly misses: readonly Miss[];
}

/** Reads the set: the listings and expected.yaml, matched by file and title; every entry must have a label and every label an entry. */
export function loadEvaluationSet(dir: string = EVALUATION_SET): LabelledEntry[] {
  const labels = parseYaml(fs.readFileSync(path.join(dir, 'expected.yaml'), 'utf8')) as Array<Omit<LabelledEntry, 'abstract'>>;
  const byKey = new Map(labels.map((l) => [`${l.file}\u0000${l.title}`, l]));
  if (byKey.size !== labels.length) throw new Error(`${dir}/expected.yaml: a file and title are labelled twice`);
  const out: LabelledEntry[] = [];
  for (const file of [...new Set(labels.map((l) => l.file))]) {
    const parsed = parseListing(fs.readFileSync(path.join(dir, file), 'utf8'), file);
    if (parsed.problems.length) throw new Error(`${dir}/${file}:${parsed.problems[0].line}: ${parsed.problems[0].message}`);
    for (const e of parsed.entries) {
      const label = byKey.get(`${file}\u0000${e.title}`);
      if (!label) throw new Error(`${dir}/${file}:${e.location.line}: "${e.title}" has no label in expected.yaml`);
      byKey.delete(`${file}\u0000${e.title}`);
      out.push({ ...label, abstract: e.abstract });
    }
  }
  if (byKey.size) throw new Error(`${dir}/expected.yaml: no entry titled "${[...byKey.values()][0].title}"`);
  return out;
}

const score = (tp: number, fp: number, fn: number): Score => ({
  truePositives: tp,
  falsePositives: fp,
  falseNegatives: fn,
  precision: tp + fp === 0 ? 1 : tp / (tp + fp),
  recall: tp + fn === 0 ? 1 : tp / (tp + fn),
});

/**
 * Tags every entry as an import would (the language detected from its title and abstract; the page
 * heading left out, so that the text tagger alone is measured) and compares the themes with the labels.
 */
export function evaluateTagger(tagger: ThemeTagger, entries: readonly LabelledEntry[]): Evaluation {
  const counts = (m: Map<string, [number, number, number]>, key: string, i: 0 | 1 | 2) => {
    const c = m.get(key) ?? [0, 0, 0];
    c[i]++;
    m.set(key, c);
  };
  const languages = new Map<string, [number, number, number]>();
  const themes = new Map<string, [number, number, number]>();
  const perLanguage = new Map<string, { entries: number; detectedRight: number }>();
  const misses: Miss[] = [];
  for (const entry of entries) {
    const detected = detectLanguage(entry.title, entry.abstract);
    const links = tagger.tag(entry.title, entry.abstract, detected);
    const found = new Set(links.map((l) => l.id.replace(/^Theme:/, '')));
    const expected = new Set(entry.themes);
    const seen = perLanguage.get(entry.language) ?? { entries: 0, detectedRight: 0 };
    seen.entries++;
    if (detected === entry.language) seen.detectedRight++;
    perLanguage.set(entry.language, seen);
    for (const t of expected) {
      counts(languages, entry.language, found.has(t) ? 0 : 2);
      counts(themes, t, found.has(t) ? 0 : 2);
    }
    for (const t of found) {
      if (expected.has(t)) continue;
      counts(languages, entry.language, 1);
      counts(themes, t, 1);
    }
    const missed = [...expected].filter((t) => !found.has(t));
    const invented = links.filter((l) => !expected.has(l.id.replace(/^Theme:/, ''))).map((l) => ({ theme: l.id.replace(/^Theme:/, ''), evidence: l.evidence }));
    if (missed.length || invented.length) misses.push({ entry, detected, missed, invented });
  }
  const total = [...languages.values()].reduce((a, c) => [a[0] + c[0], a[1] + c[1], a[2] + c[2]], [0, 0, 0]);
  return {
    entries: entries.length,
    overall: score(total[0], total[1], total[2]),
    byLanguage: new Map([...languages].sort(([a], [b]) => a.localeCompare(b)).map(([l, c]) => [l, { ...score(...c), ...perLanguage.get(l)! }])),
    byTheme: new Map([...themes].sort(([a], [b]) => a.localeCompare(b)).map(([t, c]) => [t, score(...c)])),
    misses,
  };
}
