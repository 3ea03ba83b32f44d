import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ThemeLink } from '../../src/domain/import.types';
import type { Publication } from '../../src/domain/node.types';
import type { PublicationFilter } from '../../src/domain/query.types';
import { detectLanguage } from '../../src/ingest/language.detect';
import { prepareImport, type PreparedImport } from '../../src/ingest/prepare-import';
import { seedListingPath } from '../helpers/seed';
import { EXTRA, YEAR_DESC_ORDER, sorted, type StoreRef } from './contract.fixture';

const FIXTURES = join(__dirname, '..', 'fixtures');
/** JSON entries in Spanish stating `pt`, `ES` (as `lang`), nothing, and `und` for an English text. */
const JSON_FILE = join(FIXTURES, 'languages.json');
/** CSV rows in English stating `fr`, and nothing. */
const CSV_FILE = join(FIXTURES, 'languages.csv');

const L = {
  statedPt: 'Publication:la-trata-de-ninas-en-las-fincas-cafetaleras-de-guatemala',
  statedEs: 'Publication:matrimonio-infantil-y-desplazamiento-en-honduras',
  detectedJson: 'Publication:redes-de-proteccion-para-ninos-migrantes-en-el-salvador',
  statedUnd: 'Publication:notes-on-referral-pathways',
  statedFr: 'Publication:child-labour-in-the-cocoa-farms-of-cote-d-ivoire',
  detectedCsv: 'Publication:street-children-and-exploitation-in-lagos',
};

/**
 * Checks `Publication.language` through the port: stored and read back as the importer resolved
 * it (a JSON or CSV source's stated language over the detected one), filtered by `languages`,
 * counted by `facets`, and handed to a retag's judge. It imports six publications, so it runs
 * after every suite that counts the library.
 */
export function describeLanguages(store: StoreRef): void {
  describe('languages', () => {
    let prepared: PreparedImport;
    beforeAll(async () => {
      prepared = prepareImport([JSON_FILE, CSV_FILE].map((file) => ({ file, text: readFileSync(file, 'utf8') })));
      expect(prepared.problems).toEqual([]);
      await store().importPublications(prepared.records, prepared.reference);
    });

    /** Returns every publication of the store, with its language. */
    async function library(filter: PublicationFilter = {}): Promise<Publication[]> {
      const page = await store().findPublications(filter, YEAR_DESC_ORDER, { first: 100 });
      expect(page.hasNextPage).toBe(false);
      return page.items.map((i) => i.node);
    }

    it('stores the language a JSON or CSV source states over the detected one, any case, and detects it otherwise', async () => {
      const nodes = (await store().getNodes(Object.values(L))) as Publication[];
      const language = Object.fromEntries(nodes.map((n) => [n.id, n.language]));
      const text = (id: string) => prepared.records.find((r) => r.id === id)!;
      // The abstract is Spanish, and the detector says so; the source says Portuguese, and wins.
      expect(detectLanguage(text(L.statedPt).title, text(L.statedPt).abstract)).toBe('es');
      expect(language).toEqual({
        [L.statedPt]: 'pt',
        [L.statedEs]: 'es',
        [L.detectedJson]: detectLanguage(text(L.detectedJson).title, text(L.detectedJson).abstract),
        [L.statedUnd]: 'und',
        [L.statedFr]: 'fr',
        [L.detectedCsv]: detectLanguage(text(L.detectedCsv).title, text(L.detectedCsv).abstract),
      });
      expect(detectLanguage(text(L.statedFr).title, text(L.statedFr).abstract)).toBe('en');
      // Listing pages state none: each of their publications has the language detected on import.
      const listing = prepareImport([seedListingPath(), EXTRA].map((file) => ({ file, text: readFileSync(file, 'utf8') }))).records;
      const stored = (await store().getNodes(listing.map((r) => r.id))) as Publication[];
      expect(stored.map((p) => [p.id, p.language])).toEqual(listing.map((r) => [r.id, detectLanguage(r.title, r.abstract)]));
      expect((await library()).every((p) => /^([a-z]{2}|und)$/.test(p.language))).toBe(true);
    });

    it('filters by any of the languages, alone and with other criteria', async () => {
      const all = await library();
      const ofLanguage = (...codes: string[]) => sorted(all.filter((p) => codes.includes(p.language)).map((p) => p.id));
      expect(sorted((await library({ languages: ['pt'] })).map((p) => p.id))).toEqual([L.statedPt]);
      expect(sorted((await library({ languages: ['fr', 'pt'] })).map((p) => p.id))).toEqual(sorted([L.statedFr, L.statedPt]));
      for (const codes of [['en'], ['es'], ['und'], ['en', 'und']]) {
        const found = await store().findPublications({ languages: codes }, YEAR_DESC_ORDER, { first: 100 });
        expect(sorted(found.items.map((i) => i.node.id))).toEqual(ofLanguage(...codes));
        expect(found.totalCount).toBe(ofLanguage(...codes).length);
      }
      expect(ofLanguage('es').length).toBeGreaterThanOrEqual(2);
      expect((await library({ languages: ['de'] }))).toEqual([]);
      // With a year range, a country, a theme and text: the language still narrows.
      expect((await library({ languages: ['es', 'pt'], yearFrom: 2021 })).map((p) => p.id)).toEqual([L.statedPt, L.statedEs]);
      expect((await library({ languages: ['pt'], countries: ['Country:GT'] })).map((p) => p.id)).toEqual([L.statedPt]);
      expect((await library({ languages: ['es'], countries: ['Country:GT'] })).map((p) => p.id)).toEqual([]);
      expect((await library({ languages: ['es'], themes: ['Theme:child-marriage'] })).map((p) => p.id)).toEqual([L.statedEs]);
      expect((await library({ languages: ['fr'], text: 'cocoa' })).map((p) => p.id)).toEqual([L.statedFr]);
      expect((await library({ languages: ['en'], text: 'cocoa' })).map((p) => p.id)).toEqual([]);
    });

    it('counts languages in facets by count desc then code, over exactly the filtered set', async () => {
      const all = await library();
      const tally = (pubs: readonly Publication[]) => {
        const counts = new Map<string, number>();
        for (const p of pubs) counts.set(p.language, (counts.get(p.language) ?? 0) + 1);
        return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([language, count]) => ({ language, count }));
      };
      const facets = await store().facets({}, 1);
      expect(facets.languages).toEqual(tally(all));
      expect(facets.languages.filter((l) => ['pt', 'fr'].includes(l.language))).toEqual([{ language: 'fr', count: 1 }, { language: 'pt', count: 1 }]);
      expect(facets.languages.reduce((sum, l) => sum + l.count, 0)).toBe(facets.total);
      const iberian = await store().facets({ yearFrom: 2021, languages: ['es', 'pt'] }, 10);
      expect(iberian.total).toBe(2);
      expect(iberian.languages).toEqual([{ language: 'es', count: 1 }, { language: 'pt', count: 1 }]);
      expect(iberian.years).toEqual([{ year: 2021, count: 1 }, { year: 2022, count: 1 }]);
      expect((await store().facets({}, 10, ['years'])).languages).toEqual([]);
    });

    it('hands a retag\'s judge each publication\'s stored language', async () => {
      const theme = 'Theme:referral-mechanisms';
      const all = await library();
      const links = await store().themesOf(all.map((p) => p.id));
      const seen = new Map<string, string>();
      // The judge answers with the stored links, so the retag changes nothing.
      const result = await store().retag({
        by: 'contract', at: '2026-12-01T10:00:00.000Z', themes: [theme],
        judge: (p) => {
          seen.set(p.id, p.language);
          return (links.get(p.id) ?? []).filter((l) => l.theme.id === theme).map((l): ThemeLink => ({ id: l.theme.id, score: l.score, evidence: l.evidence }));
        },
      });
      expect(result).toMatchObject({ checked: all.length, linked: 0, unlinked: 0, changes: [] });
      expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(all.map((p) => [p.id, p.language])));
    });

    it('refuses a stated language that is not an ISO 639-1 code or und, naming the file, the line and the field', () => {
      const json = [
        '[',
        '  {',
        '    "title": "Trata de personas en Perú",',
        '    "countries": ["Peru"],',
        '    "year": 2020,',
        '    "language": "Spanish"',
        '  }',
        ']',
      ].join('\n');
      const csv = 'title,abstract,country,region,year,Lang\nOne,,Peru,,2020,en\nTwo,,Peru,,2020,spa\n';
      const refused = prepareImport([{ file: 'bad-language.json', text: json }, { file: 'bad-language.csv', text: csv }]);
      expect(refused.problems).toEqual([
        { file: 'bad-language.json', line: 6, field: 'language', message: '"Spanish" is not an ISO 639-1 code (two letters, such as "en" or "es") or "und"' },
        { file: 'bad-language.csv', line: 3, field: 'language', message: '"spa" is not an ISO 639-1 code (two letters, such as "en" or "es") or "und"' },
      ]);
      expect(refused.records.map((r) => r.title)).toEqual(['One']);
    });
  });
}
