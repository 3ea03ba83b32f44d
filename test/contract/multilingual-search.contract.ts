import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareImport } from '../../src/ingest/prepare-import';
import { YEAR_DESC_ORDER, type StoreRef } from './contract.fixture';

const FILE = join(__dirname, '..', 'fixtures', 'multilingual-search.json');
const ES = 'Publication:trata-de-personas-en-la-frontera-norte-de-chile-respuestas-institucionales';
const FR = 'Publication:la-traite-des-etres-humains-au-niger-etat-des-lieux';
const PT = 'Publication:trafico-de-pessoas-em-mocambique-um-retrato-das-vitimas';
const EN = 'Publication:trafficking-in-persons-along-the-southern-border-of-chile';

/**
 * Search and typeahead in the library's languages (docs/stores.md, "Text in several languages"):
 * a query matches the words as written in any language, on both stores, and the tagger tags each
 * entry from its own language's terms. It imports four publications, so it runs after every suite
 * that counts the library.
 */
export function describeMultilingualSearch(store: StoreRef): void {
  describe('search in several languages', () => {
    beforeAll(async () => {
      const prepared = prepareImport([{ file: FILE, text: readFileSync(FILE, 'utf8') }]);
      expect(prepared.problems).toEqual([]);
      expect(Object.fromEntries(prepared.records.map((r) => [r.id, r.language]))).toEqual({ [ES]: 'es', [FR]: 'fr', [PT]: 'pt', [EN]: 'en' });
      await store().importPublications(prepared.records, prepared.reference);
    });

    const ids = async (text: string) => (await store().findPublications({ text }, YEAR_DESC_ORDER, { first: 20 })).items.map((i) => i.node.id);

    it('a Spanish query finds the Spanish entries, and only them', async () => {
      expect(await ids('trata de personas')).toEqual([ES]);
      expect((await store().search('trata de personas', ['Publication'], 10)).map((h) => h.node.id)).toEqual([ES]);
    });

    it('French and Portuguese queries find theirs, accents as written', async () => {
      expect(await ids('traite des êtres humains')).toEqual([FR]);
      expect(await ids('tráfico de pessoas')).toEqual([PT]);
      const english = await ids('trafficking in persons');
      expect(english).toContain(EN);
      expect(english.filter((id) => [ES, FR, PT].includes(id))).toEqual([]);
    });

    it('typeahead finds titles in any language, accents or not', async () => {
      const suggested = async (prefix: string) => (await store().suggest(prefix, ['Publication'], 10)).map((s) => s.node.id);
      expect(await suggested('trata de pers')).toEqual([ES]);
      expect(await suggested('la traite des etres')).toEqual([FR]);
      expect(await suggested('trafico de pess')).toEqual([PT]);
    });

    it('each entry is tagged from its own language\'s terms, with the words as written', async () => {
      const themes = await store().themesOf([ES, FR, PT]);
      const evidence = (id: string) => themes.get(id)?.find((t) => t.theme.id === 'Theme:human-trafficking')?.evidence;
      expect(evidence(ES)).toContain('Trata de personas');
      expect(evidence(FR)).toContain('traite des êtres humains');
      expect(evidence(PT)).toContain('Tráfico de pessoas');
    });
  });
}
