/**
 * Which language detector tells the library's entries apart best on short text (issue 17):
 *
 *   npm run bench:language
 *
 * Samples: the evaluation set in test/fixtures/tagger-eval (languages from its expected.yaml) and,
 * when it is present, the English entries of ../shared/data/resource-library-child-trafficking.txt.
 * Detectors: tinyld (normal and heavy builds), franc, franc-min and eld (extra-small, small, medium
 * and large databases), each unrestricted (all), restricted to the ten languages the library may
 * hold (library) and to the four it holds now (core). Inputs: the title alone, the first sentence
 * of the abstract, and the title and abstract together, as detectLanguage receives them.
 *
 * For each input it prints, per detector and mode: accuracy per language and overall (an `und`
 * answer counts as wrong), the share answered `und`, and microseconds per call. Then the shipped
 * detectLanguage (src/ingest/language.detect.ts) on the same inputs, on entries that mix two
 * languages and on very short texts (which it must leave `und`), and what restricting eld to the
 * library's ten languages does to titles in other languages. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { franc as francFull } from 'franc';
import { franc as francMin } from 'franc-min';
import * as tinyldNormal from 'tinyld';
import * as tinyldHeavy from 'tinyld/heavy';
import { parseListing } from '../src/ingest/listing.parser';
import { detectLanguage, UNDETERMINED } from '../src/ingest/language.detect';

const ROOT = path.resolve(__dirname, '../..');
const EVAL_DIR = path.join(ROOT, 'test/fixtures/tagger-eval');
const REAL_PAGE = path.join(ROOT, '../shared/data/resource-library-child-trafficking.txt');

/** The languages the library holds now, and the ones it may hold (UN languages, Portuguese, and the European ones IOM country offices publish in). */
const CORE = ['en', 'es', 'fr', 'pt'];
const LIBRARY = [...CORE, 'ar', 'ru', 'zh', 'de', 'it', 'nl'];
/** ISO 639-1 → the ISO 639-3 code franc uses. */
const ISO3: Readonly<Record<string, string>> = {
  en: 'eng', es: 'spa', fr: 'fra', pt: 'por', ar: 'arb', ru: 'rus', zh: 'cmn', de: 'deu', it: 'ita', nl: 'nld',
};
const ISO1 = new Map(Object.entries(ISO3).map(([one, three]) => [three, one]));
/** franc's codes to ISO 639-1: ours first, then tinyld's table; a code with no 639-1 equivalent stays as it is (it is wrong anyway). */
const fromIso3 = (code: string): string => (code === 'und' ? UNDETERMINED : ISO1.get(code) ?? (tinyldNormal.toISO2(code) || code));

interface Sample {
  readonly lang: string;
  readonly title: string;
  readonly abstract: string;
}

type Kind = 'title' | 'first sentence' | 'title + abstract';
const KINDS: readonly Kind[] = ['title', 'first sentence', 'title + abstract'];

/** The first sentence of an abstract: up to the first . ! or ? that ends a word and is followed by space or the end. */
function firstSentence(abstract: string): string {
  const m = /^.*?[.!?](?=\s|$)/su.exec(abstract.trim());
  return (m ? m[0] : abstract).trim();
}

const inputOf = (s: Sample, kind: Kind): string =>
  kind === 'title' ? s.title : kind === 'first sentence' ? firstSentence(s.abstract) : `${s.title}\n${s.abstract}`;

interface Gold {
  file: string;
  title: string;
  language: string;
}

function loadSamples(): { samples: Sample[]; sources: string[] } {
  const gold = parse(readFileSync(path.join(EVAL_DIR, 'expected.yaml'), 'utf8')) as Gold[];
  const langOf = new Map(gold.map((g) => [`${g.file}\u0000${g.title}`, g.language]));
  const samples: Sample[] = [];
  const sources: string[] = [];
  for (const file of [...new Set(gold.map((g) => g.file))]) {
    const result = parseListing(readFileSync(path.join(EVAL_DIR, file), 'utf8'), file);
    if (result.problems.length > 0) throw new Error(`${file}: ${result.problems.map((p) => p.message).join('; ')}`);
    for (const e of result.entries) {
      const lang = langOf.get(`${file}\u0000${e.title}`);
      if (!lang) throw new Error(`${file}: "${e.title}" is not in expected.yaml`);
      samples.push({ lang, title: e.title, abstract: e.abstract });
    }
    sources.push(`${file} ${result.entries.length}`);
  }
  if (existsSync(REAL_PAGE)) {
    const result = parseListing(readFileSync(REAL_PAGE, 'utf8'), REAL_PAGE);
    for (const e of result.entries) if (e.abstract) samples.push({ lang: 'en', title: e.title, abstract: e.abstract });
    sources.push(`resource-library-child-trafficking.txt ${result.entries.filter((e) => e.abstract).length} (en)`);
  }
  return { samples, sources };
}

interface Detector {
  readonly name: string;
  readonly mode: string;
  /** ISO 639-1 or `und`. */
  detect(text: string): string;
}

interface EldApi {
  detect(text: string): { language: string; getScores(): Record<string, number> };
  setLanguageSubset(languages: string[] | false): unknown;
  newInstance(): EldApi;
}

/** eld-small, unrestricted, for the threshold sweep (set by detectors()). */
let eldSmall: EldApi | undefined;

async function detectors(): Promise<Detector[]> {
  const out: Detector[] = [];
  const modes: [string, string[] | null][] = [['all', null], ['library', LIBRARY], ['core', CORE]];
  for (const [mode, only] of modes) {
    for (const [name, lib] of [['tinyld', tinyldNormal], ['tinyld-heavy', tinyldHeavy]] as const) {
      const opts = only ? { only } : {};
      out.push({ name, mode, detect: (t) => lib.detect(t, opts) || UNDETERMINED });
    }
    for (const [name, fn] of [['franc', francFull], ['franc-min', francMin]] as const) {
      const opts = only ? { only: only.map((l) => ISO3[l]) } : {};
      out.push({ name, mode, detect: (t) => fromIso3(fn(t, opts)) });
    }
  }
  // eld's package exports only an `import` condition, so CommonJS reaches it through import().
  const sizes = [
    ['eld-xsmall', (await import('eld/extrasmall')).eld],
    ['eld-small', (await import('eld/small')).eld],
    ['eld-medium', (await import('eld/medium')).eld],
    ['eld-large', (await import('eld/large')).eld],
  ] as unknown as [string, EldApi][];
  eldSmall = sizes.find(([name]) => name === 'eld-small')![1].newInstance();
  for (const [mode, only] of modes) {
    for (const [name, base] of sizes) {
      const inst = base.newInstance();
      if (only) inst.setLanguageSubset(only);
      out.push({ name, mode, detect: (t) => inst.detect(t).language || UNDETERMINED });
    }
  }
  const order = ['tinyld', 'tinyld-heavy', 'franc', 'franc-min', 'eld-xsmall', 'eld-small', 'eld-medium', 'eld-large'];
  return out.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

interface Row {
  name: string;
  mode: string;
  byLang: Map<string, number>;
  overall: number;
  und: number;
  micros: number;
}

/** Runs a detector over the inputs; times whole passes until about 150 ms have gone by. */
function measure<T>(name: string, mode: string, detect: (input: T) => string, inputs: readonly T[], langs: readonly string[]): Row {
  const answers = inputs.map((t) => detect(t));
  let calls = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0n;
  while (calls < inputs.length * 3 || elapsed < 150_000_000n) {
    for (const t of inputs) detect(t);
    calls += inputs.length;
    elapsed = process.hrtime.bigint() - started;
  }
  const byLang = new Map<string, number>();
  for (const lang of new Set(langs)) {
    const idx = langs.flatMap((l, i) => (l === lang ? [i] : []));
    byLang.set(lang, idx.filter((i) => answers[i] === lang).length / idx.length);
  }
  return {
    name,
    mode,
    byLang,
    overall: answers.filter((a, i) => a === langs[i]).length / answers.length,
    und: answers.filter((a) => a === UNDETERMINED).length / answers.length,
    micros: Number(elapsed) / calls / 1000,
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}`.padStart(6);

function printTable(title: string, rows: readonly Row[], langs: readonly string[]): void {
  console.log(`\n## ${title}`);
  console.log(['detector'.padEnd(13), 'mode'.padEnd(8), ...langs.map((l) => l.padStart(6)), 'all'.padStart(6), 'und'.padStart(6), 'µs/call'.padStart(8)].join(' '));
  for (const r of rows) {
    console.log([r.name.padEnd(13), r.mode.padEnd(8), ...langs.map((l) => pct(r.byLang.get(l) ?? 0)), pct(r.overall), pct(r.und), r.micros.toFixed(1).padStart(8)].join(' '));
  }
}

/** Short texts detectLanguage must leave undetermined. */
const SHORT_TEXTS: readonly [string, string][] = [
  ['Annex', ''],
  ['Toolkit', 'Resumen'],
  ['Informe anual', ''],
  ['COVID-19 (2020)', ''],
];

/** The same title or sentence in languages outside the library's ten, to see what restricting does to them. */
const OUTSIDE: readonly [string, string][] = [
  ['uk', 'Торгівля людьми в Україні під час війни: оцінка ризиків для внутрішньо переміщених осіб'],
  ['ca', 'Guia per a professionals sobre la identificació de víctimes de tràfic d’éssers humans a Catalunya'],
  ['tr', 'Türkiye’deki mülteci çocuklar arasında çocuk işçiliği üzerine bir değerlendirme raporu'],
  ['pl', 'Handel ludźmi w Polsce: raport z monitoringu praktyki sądowej'],
  ['ro', 'Traficul de persoane în Republica Moldova: raport anual privind victimele identificate'],
  ['id', 'Panduan penanganan korban perdagangan orang bagi petugas layanan di tingkat kabupaten'],
  ['vi', 'Hướng dẫn hỗ trợ nạn nhân bị mua bán người tại các tỉnh biên giới'],
  ['th', 'คู่มือการคัดแยกผู้เสียหายจากการค้ามนุษย์สำหรับเจ้าหน้าที่'],
];

/** Entries made of two languages: each sample paired with the next one in another language (every fourth, to vary the pairs). */
function mixedSamples(samples: readonly Sample[]): { name: string; expect: 'und' | 'second'; pairs: [string, string, string][] }[] {
  const pairs: [Sample, Sample][] = [];
  samples.forEach((a, i) => {
    const b = samples.find((x, j) => j > i && x.lang !== a.lang && j % 4 === i % 4);
    if (b) pairs.push([a, b]);
  });
  return [
    { name: 'sentence A + sentence B', expect: 'und', pairs: pairs.map(([a, b]) => ['', `${firstSentence(a.abstract)} ${firstSentence(b.abstract)}`, '']) },
    { name: 'title "A / B"', expect: 'und', pairs: pairs.map(([a, b]) => [`${a.title} / ${b.title}`, '', '']) },
    { name: 'abstract A + abstract B', expect: 'und', pairs: pairs.map(([a, b]) => [a.title, `${a.abstract}\n${b.abstract}`, '']) },
    { name: 'title A, abstract B', expect: 'second', pairs: pairs.map(([a, b]) => [a.title, b.abstract, b.lang]) },
  ];
}

/**
 * Where detectLanguage's MIN_LETTERS and MIN_MARGIN come from: eld-small on the first 1-4 words of
 * every title, by number of letters; how often its answer is right, and how often it is right when
 * its lead over the runner-up is at least each margin.
 */
function printSweep(samples: readonly Sample[]): void {
  const margins = [0, 0.01, 0.02, 0.03, 0.05];
  const buckets = [[0, 9], [10, 14], [15, 19], [20, 29], [30, Infinity]] as const;
  const stats = buckets.map(() => margins.map(() => ({ answered: 0, right: 0 })));
  const counts = buckets.map(() => 0);
  for (const s of samples) {
    for (let words = 1; words <= 4; words++) {
      const text = s.title.split(/\s+/).slice(0, words).join(' ');
      const letters = text.match(/\p{L}/gu)?.length ?? 0;
      const b = buckets.findIndex(([lo, hi]) => letters >= lo && letters <= hi);
      const r = eldSmall!.detect(text);
      const scores = Object.values(r.getScores()).sort((x, y) => y - x);
      const lead = (scores[0] ?? 0) - (scores[1] ?? 0);
      counts[b]++;
      margins.forEach((m, i) => {
        if (!r.language || lead < m) return;
        stats[b][i].answered++;
        if (r.language === s.lang) stats[b][i].right++;
      });
    }
  }
  console.log('\n## eld-small on title fragments (first 1-4 words): % right of the answers kept / % of fragments kept, per minimum lead');
  console.log(['letters'.padEnd(9), 'n'.padStart(4), ...margins.map((m) => `lead>=${m}`.padStart(14))].join(' '));
  buckets.forEach(([lo, hi], b) => {
    const cells = stats[b].map(({ answered, right }) => `${pct(right / Math.max(1, answered))}/${pct(answered / Math.max(1, counts[b]))}`.replace(/ +/g, ' ').padStart(14));
    console.log([`${lo}-${hi === Infinity ? '' : hi}`.padEnd(9), String(counts[b]).padStart(4), ...cells].join(' '));
  });
}

async function main(): Promise<void> {
  const { samples, sources } = loadSamples();
  const langs = samples.map((s) => s.lang);
  const langList = [...new Set(langs)];
  console.log(`samples: ${samples.length} (${sources.join(', ')}); accuracy in %, und = share answered und`);
  console.log(`modes: all = unrestricted; library = ${LIBRARY.join(' ')}; core = ${CORE.join(' ')}`);
  const dets = await detectors();
  for (const kind of KINDS) {
    const inputs = samples.map((s) => inputOf(s, kind));
    const chars = inputs.reduce((n, t) => n + t.length, 0) / inputs.length;
    const rows = dets.map((d) => measure(d.name, d.mode, d.detect, inputs, langs));
    printTable(`${kind} (mean ${chars.toFixed(0)} characters)`, rows, langList);
  }
  printSweep(samples);
  const shipped = KINDS.map((kind) => {
    const pairs = samples.map((s): [string, string] =>
      kind === 'title' ? [s.title, ''] : kind === 'first sentence' ? ['', firstSentence(s.abstract)] : [s.title, s.abstract]);
    return measure('detectLanguage', kind, ([title, abstract]: [string, string]) => detectLanguage(title, abstract), pairs, langs);
  });
  console.log('\n## detectLanguage (src/ingest/language.detect.ts), per input');
  console.log(['input'.padEnd(22), ...langList.map((l) => l.padStart(6)), 'all'.padStart(6), 'und'.padStart(6), 'µs/call'.padStart(8)].join(' '));
  for (const r of shipped) {
    console.log([r.mode.padEnd(22), ...langList.map((l) => pct(r.byLang.get(l) ?? 0)), pct(r.overall), pct(r.und), r.micros.toFixed(1).padStart(8)].join(' '));
  }
  console.log('\n## detectLanguage on mixed entries (% und / % the expected language / % other)');
  for (const m of mixedSamples(samples)) {
    const got = m.pairs.map(([title, abstract]) => detectLanguage(title, abstract));
    const und = got.filter((g) => g === UNDETERMINED).length;
    const expected = m.expect === 'und' ? und : got.filter((g, i) => g === m.pairs[i][2]).length;
    const n = got.length;
    console.log(`${m.name.padEnd(26)} n=${n}  und ${pct(und / n)}  expected (${m.expect === 'und' ? 'und' : 'abstract\'s language'}) ${pct(expected / n)}  other ${pct((n - und - (m.expect === 'und' ? 0 : expected)) / n)}`);
  }
  console.log('\n## detectLanguage on short texts (must be und)');
  for (const [title, abstract] of SHORT_TEXTS) console.log(`${detectLanguage(title, abstract).padEnd(4)} ${JSON.stringify(`${title} | ${abstract}`)}`);
  console.log('\n## languages outside the library\'s ten: eld-small unrestricted vs restricted (library)');
  const all = dets.find((d) => d.name === 'eld-small' && d.mode === 'all')!;
  const lib = dets.find((d) => d.name === 'eld-small' && d.mode === 'library')!;
  for (const [lang, text] of OUTSIDE) console.log(`${lang}: all ${all.detect(text).padEnd(4)} library ${lib.detect(text).padEnd(4)} detectLanguage ${detectLanguage(text, '').padEnd(4)} ${text.slice(0, 40)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
