import type { RawEntry } from '../../src/domain/import.types';
import { formatProblem } from '../../src/domain/errors';
import { resolveEntry } from '../../src/ingest/entry.resolver';
import { prepareImport, type PreparedImport } from '../../src/ingest/prepare-import';
import { MAX_ABSTRACT, MAX_LIST_ITEMS, MAX_TITLE, validateEntry } from '../../src/ingest/publication.input';
import { decodeInput, MAX_LINE } from '../../src/ingest/read-input';
import { loadTaxonomy } from '../../src/ingest/taxonomy';
import { createTagger } from '../../src/ingest/theme.tagger';
import { BASES, FORBIDDEN, type FuzzInput, lineCount, makeInput, problemFaults, prng, Rand } from '../helpers/fuzz-inputs';

/**
 * Issue 19, "Malformed input never crashes the importer": a seeded fuzz of the importer's prepare
 * step. Every input is a mutation of the seed listing page, a small JSON file or a small CSV file;
 * each must give records or problems that name a file and a line, never an exception, and quickly.
 * The seed makes a failure reproducible: the failure names the input's number and its mutations.
 */
const SEED = Number(process.env.KG_FUZZ_SEED ?? 19);
const INPUTS = 1_000;
/** A synchronous hang cannot be interrupted in-process; this bound catches the super-linear blow-ups that come before one. */
const PER_INPUT_MS = 5_000;
/** The whole loop stops here even if inputs remain (and the test then fails on the count). */
const BUDGET_MS = 100_000;

/** Returns every way a prepared import breaks the contract for its input. */
function outcomeFaults(input: FuzzInput, text: string, prepared: PreparedImport): string[] {
  const { file } = input;
  const maxLine = lineCount(text) + 1;
  const faults = prepared.problems.flatMap((p) => problemFaults(p, file, maxLine));
  for (const s of prepared.skipped) {
    if (s.location.file !== file || !(s.location.line >= 1)) faults.push(`skipped entry at ${s.location.file}:${s.location.line}`);
    for (const reason of s.reasons) if (!reason.startsWith(`${file}:`) || !/^\d+: /.test(reason.slice(file.length + 1))) faults.push(`skip reason without file:line: ${reason.slice(0, 120)}`);
  }
  for (const rec of prepared.records) {
    if (rec.location.file !== file || !(rec.location.line >= 1)) faults.push(`record at ${rec.location.file}:${rec.location.line}`);
    if (rec.title.length > MAX_TITLE || rec.abstract.length > MAX_ABSTRACT || rec.authors.length > MAX_LIST_ITEMS) faults.push(`record ${rec.id} past a bound`);
  }
  if (prepared.records.length + prepared.problems.length + prepared.skipped.length === 0) faults.push('neither records nor problems');
  if (FORBIDDEN.test(text) && prepared.problems.length === 0) faults.push('a NUL, control character, U+FFFD or lone surrogate was accepted');
  const longLine = input.format !== 'json' && text.split(/\r\n|\r|\n/).some((l) => l.length > MAX_LINE);
  if (longLine && prepared.problems.length === 0) faults.push(`a line past ${MAX_LINE} characters was accepted`);
  return faults;
}

describe('what the seeded run found (issue 19)', () => {
  const taxonomy = loadTaxonomy();
  const shown = (prepared: PreparedImport): string[] => prepared.problems.map((p) => formatProblem(p).slice(0, 160));
  const record = (fields: Record<string, unknown>): string => JSON.stringify([{ title: 'Many Hands', abstract: 'A study.', countries: ['Ghana'], year: 2020, ...fields }], null, 1);

  it('bounds an entry\'s authors at MAX_LIST_ITEMS, refusing 100,000 quickly on the authors line', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `Author ${i}`);
    const t0 = Date.now();
    const refused = prepareImport([{ file: 'a.json', text: record({ authors: many }) }], { taxonomy });
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(shown(refused)).toEqual([`a.json:9: authors: lists 100000 authors; an entry may list at most ${MAX_LIST_ITEMS}`]);
    const accepted = prepareImport([{ file: 'a.json', text: record({ authors: many.slice(0, MAX_LIST_ITEMS) }) }], { taxonomy });
    expect(accepted.problems).toEqual([]);
    expect(accepted.records[0].authors).toHaveLength(MAX_LIST_ITEMS);
    expect(accepted.records[0].authors.at(-1)).toEqual({ id: 'Author:author-999', name: 'Author 999' });
    expect(shown(prepareImport([{ file: 'a.json', text: record({ countries: Array(MAX_LIST_ITEMS + 1).fill('Ghana') }) }], { taxonomy })))
      .toEqual([`a.json:5: country: lists ${MAX_LIST_ITEMS + 1} countries; an entry may list at most ${MAX_LIST_ITEMS}`]);
  });

  it('resolves authors in linear time (40,000 took 5.6 s when each was searched for among the earlier ones)', () => {
    const authors = Array.from({ length: 40_000 }, (_, i) => `Author ${i}`);
    const raw: RawEntry = {
      location: { file: 'a.json', line: 1 }, fieldLines: {}, title: 'Many Hands', abstract: 'A study.', countries: ['Ghana'],
      regions: [], authors: [...authors, 'author 7', 'AUTHOR  7'], year: '2020', categories: [], pageCategory: null,
    };
    // Past validation's bound on purpose: resolution alone must not grow with the square of the list.
    const entry = { ...raw, authors: raw.authors, year: 2020 };
    const t0 = Date.now();
    const { record: resolved } = resolveEntry(entry, createTagger(taxonomy));
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(resolved?.authors).toHaveLength(40_000);
    expect(validateEntry(raw).problems.map((p) => p.message)).toEqual([`lists 40000 authors; an entry may list at most ${MAX_LIST_ITEMS}`]);
  });

  it('prints a duplicate CSV record by file:line, not by record number', () => {
    const csv = 'id,title,abstract,country,region,year\nPublication:x,T,A,Ghana,,2020\nPublication:x,T,B,Ghana,,2020\n';
    expect(shown(prepareImport([{ file: 'a.csv', text: csv }], { taxonomy }))).toEqual([
      'a.csv:3: title: duplicate publication "T": same id Publication:x as the entry at a.csv:2, with different content',
    ]);
  });

  it('tags an abstract holding the word "constructor" (the stemmer was handed Object.prototype.constructor)', () => {
    const text = record({ abstract: 'The constructor of the school, and child labour: __proto__ toString.' });
    const prepared = prepareImport([{ file: 'a.json', text }], { taxonomy });
    expect(prepared.problems).toEqual([]);
    expect(prepared.records[0].abstract).toContain('constructor');
  });

  it('bounds a record\'s pageCategory like a category (a 300,000-character one took minutes in the tagger)', () => {
    const t0 = Date.now();
    const prepared = prepareImport([{ file: 'a.json', text: record({ pageCategory: 'é'.repeat(300_000) }) }], { taxonomy });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(shown(prepared)).toEqual(['a.json:2: pageCategory: must be at most 200 characters (it has 300000)']);
  });
});

describe('importer fuzz (issue 19: malformed input never crashes the importer)', () => {
  const taxonomy = loadTaxonomy();

  it('accepts the three unmutated bases', () => {
    for (const base of Object.values(BASES)) {
      const prepared = prepareImport([base], { taxonomy });
      expect(prepared.problems).toEqual([]);
      expect(prepared.records.length).toBeGreaterThanOrEqual(2);
    }
  });

  it(`gives ${INPUTS} seeded mutations records or located problems, never an exception`, () => {
    const r = new Rand(prng(SEED));
    const failures: string[] = [];
    const tally = { accepted: 0, rejected: 0, skipped: 0, invalidUtf8: 0 };
    const started = Date.now();
    let n = 0;
    for (; n < INPUTS && Date.now() - started < BUDGET_MS; n++) {
      const input = makeInput(n, r);
      const what = `input ${n} (seed ${SEED}, ${input.format}: ${input.mutations.join(' + ')})`;
      const t0 = Date.now();
      try {
        const decoded = decodeInput(input.bytes, input.file);
        for (const p of decoded.problems) failures.push(...problemFaults(p, input.file, lineCount(decoded.text) + 1).map((f) => `${what}: decode: ${f}`));
        if (decoded.problems.length) tally.invalidUtf8++;
        // Half the inputs take the CLI's own decoding (Buffer#toString keeps a BOM and puts U+FFFD for bad bytes).
        const text = n % 2 ? input.bytes.toString('utf8') : decoded.text;
        const skipInvalid = n % 3 === 0;
        const prepared = prepareImport([{ file: input.file, text }], { taxonomy, skipInvalid });
        failures.push(...outcomeFaults(input, text, prepared).map((f) => `${what}: ${f}`));
        if (decoded.problems.length && prepared.problems.length === 0) failures.push(`${what}: invalid UTF-8 was accepted`);
        if (prepared.problems.length) tally.rejected++;
        else if (prepared.skipped.length) tally.skipped++;
        else tally.accepted++;
      } catch (e) {
        failures.push(`${what}: threw ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
      }
      const ms = Date.now() - t0;
      if (ms > PER_INPUT_MS) failures.push(`${what}: took ${ms} ms (bound ${PER_INPUT_MS} ms)`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(n).toBe(INPUTS);
    // The run must reach both outcomes, or it is not testing what it claims.
    expect(tally.accepted + tally.skipped).toBeGreaterThanOrEqual(50);
    expect(tally.rejected).toBeGreaterThanOrEqual(500);
    expect(tally.invalidUtf8).toBeGreaterThanOrEqual(50);
  }, BUDGET_MS + 30_000);
});
