import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { InvalidInputError } from '../../src/domain/errors';
import type { PublicationRecord } from '../../src/domain/import.types';
import type { Publication } from '../../src/domain/node.types';
import { runImport } from '../../src/cli/import.command';
import { prepareImport, referenceData } from '../../src/ingest/prepare-import';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { describeNeo4j, testRunner, wipeDatabase } from '../helpers/neo4j';
import { publicationSnapshot, totals } from '../helpers/graph-snapshot';
import { seedListingPath, writeTwoEntryFiles } from '../helpers/seed';

const fixture = (name: string): string => join(__dirname, '..', 'fixtures', name);
const SEED = seedListingPath();

async function importFiles(files: string[], flags: { skipInvalid?: boolean; dryRun?: boolean; format?: 'listing' | 'json' | 'csv' } = {}) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => (text += c));
  const summary = await runImport(files, flags, out);
  return { summary, text };
}

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kg-import-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describeNeo4j('kg import on the real Neo4j', () => {
  let runner: Neo4jRunner;
  beforeAll(async () => {
    runner = testRunner();
    await wipeDatabase(runner);
  });
  afterAll(() => runner.close());

  describe('the seed listing', () => {
    beforeAll(async () => {
      await wipeDatabase(runner);
      await importFiles([SEED]);
    });

    it('imports exactly 9 publications with their years', async () => {
      const rows = await runner.read('MATCH (p:Publication) RETURN p.title AS title, p.year AS year ORDER BY p.year, p.title');
      expect(rows).toHaveLength(9);
      expect(rows.map((r) => r.year)).toEqual([2009, 2012, 2015, 2016, 2017, 2017, 2019, 2020, 2020]);
    });

    it('links the two named authors to their papers', async () => {
      const rows = await runner.read('MATCH (p:Publication)-[r:AUTHORED_BY]->(a:Author) RETURN a.id AS id, a.name AS name, r.position AS position, p.year AS year ORDER BY a.name');
      expect(rows).toEqual([
        { id: 'Author:jennifer-schlecht', name: 'Jennifer Schlecht', position: 0, year: 2016 },
        { id: 'Author:michelle-lillie', name: 'Michelle Lillie', position: 0, year: 2017 },
      ]);
    });

    it('covers Bangladesh, Asia and Oceania for the Rohingya case analysis, and World for global entries', async () => {
      const [row] = await runner.read(`MATCH (p:Publication) WHERE p.title STARTS WITH 'IOM Case Data'
        RETURN p.scope AS scope, COLLECT { MATCH (p)-[:COVERS]->(x) RETURN x.id ORDER BY x.id } AS covers`);
      expect(row).toEqual({ scope: 'NATIONAL', covers: ['Country:BD', 'Region:asia', 'Region:oceania'] });
      const global = await runner.read(`MATCH (p:Publication {scope: 'GLOBAL'}) RETURN count(p) AS n,
        sum(CASE WHEN EXISTS { (p)-[:COVERS]->(:Country) } THEN 1 ELSE 0 END) AS withCountry`);
      expect(global).toEqual([{ n: 8, withCountry: 0 }]);
      const world = await runner.read(`MATCH (p:Publication)-[:COVERS]->(:Region {id: 'Region:world'}) RETURN count(p) AS n`);
      expect(world).toEqual([{ n: 7 }]);
    });

    it('places Bangladesh in Southern Asia, part of Asia, part of World', async () => {
      const rows = await runner.read(`MATCH (c:Country {id: 'Country:BD'})-[:IN_REGION]->(s:Region)-[:PART_OF]->(r:Region)-[:PART_OF]->(w:Region)
        RETURN c.iso3 AS iso3, c.m49 AS m49, s.id AS sub, s.level AS subLevel, r.id AS region, w.id AS world`);
      expect(rows).toEqual([{ iso3: 'BGD', m49: '050', sub: 'Region:southern-asia', subLevel: 'SUBREGION', region: 'Region:asia', world: 'Region:world' }]);
    });

    it.each([
      ['The Connection Between the Mara Salvatrucha', 'Theme:gangs', /MS-13|Mara Salvatrucha/],
      ['A Girl No More', 'Theme:child-marriage', /child marriage/i],
      ['COVID-19 Impact on Trafficking in Persons - A Protection, Gender & Inclusion (PGI) Factsheet', 'Theme:covid-19', /covid/i],
      ['COVID-19 Impact on Trafficking in Persons - A Protection, Gender & Inclusion (PGI) Technical', 'Theme:covid-19', /covid/i],
      ['The Way Forward in Establishing Effective Transnational Referral', 'Theme:referral-mechanisms', /referral mechanism/i],
    ])('links "%s" to %s with evidence', async (title, theme, evidence) => {
      const rows = await runner.read(`MATCH (p:Publication)-[r:ABOUT]->(t:Theme {id: $theme}) WHERE p.title STARTS WITH $title
        RETURN r.score AS score, r.evidence AS evidence`, { title, theme });
      expect(rows).toHaveLength(1);
      expect(rows[0].score).toBeGreaterThan(0);
      expect(rows[0].score).toBeLessThanOrEqual(1);
      expect((rows[0].evidence as string[]).some((e) => evidence.test(e))).toBe(true);
    });

    it('links every entry of the page to its heading, Child Trafficking', async () => {
      const rows = await runner.read(`MATCH (p:Publication) RETURN p.sourceCategory AS category,
        EXISTS { (p)-[:ABOUT]->(:Theme {id: 'Theme:child-trafficking'}) } AS linked`);
      expect(rows).toHaveLength(9);
      for (const r of rows) expect(r).toEqual({ category: 'Child Trafficking', linked: true });
    });

    it('records the ten South-Eastern European countries the referral report mentions', async () => {
      const rows = await runner.read(`MATCH (p:Publication)-[:MENTIONS]->(c:Country) WHERE p.title STARTS WITH 'The Way Forward'
        RETURN c.iso2 AS iso2 ORDER BY iso2`);
      expect(rows.map((r) => r.iso2)).toEqual(['AL', 'BA', 'BG', 'HR', 'MD', 'ME', 'MK', 'RO', 'RS', 'XK']);
    });

    it('changes no counts when the same file is imported again', async () => {
      const before = await totals(runner);
      const { summary } = await importFiles([SEED]);
      expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 9, relationshipsWritten: 0 });
      expect(await totals(runner)).toEqual(before);
    });
  });

  describe('bad input writes nothing and names file, line and field', () => {
    beforeAll(async () => {
      await wipeDatabase(runner);
      await importFiles([SEED]);
    });

    const cases: [string, string, RegExp][] = [
      ['an entry without a title', 'listing-no-title.txt', /listing-no-title\.txt:\d+: title: .*no title/],
      ['a year that is not a 4-digit year', 'listing-year-20x9.txt', /listing-year-20x9\.txt:\d+: year: "20x9" is not a 4-digit year/],
      ['a year outside the sane range', 'listing-year-1850.txt', /listing-year-1850\.txt:\d+: year: "1850" is not a 4-digit year between 1900/],
      ['an unknown block label', 'listing-unknown-label.txt', /listing-unknown-label\.txt:\d+: label: .*Language/],
      ['an empty file', 'listing-empty.txt', /listing-empty\.txt:1: file: empty file/],
    ];
    it.each(cases)('%s', async (_name, file, message) => {
      const before = await publicationSnapshot(runner);
      const attempt = importFiles([SEED, fixture(file)]);
      await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
      await expect(attempt).rejects.toThrow(message);
      expect(await publicationSnapshot(runner)).toEqual(before);
    });

    it('an unresolvable country or region, with its line', async () => {
      const bad = tempFile('atlantis.txt', 'Lost Places\n\nA report about nowhere.\nCountry\nAtlantis\nRegion\nMiddle Earth\nYear\n2020\n');
      const attempt = importFiles([bad]);
      // Each error names the value's own line, not the label above it.
      await expect(attempt).rejects.toThrow(/atlantis\.txt:5: country: unknown country "Atlantis"/);
      await expect(attempt).rejects.toThrow(/atlantis\.txt:7: region: unknown region "Middle Earth"/);
      expect(await runner.read("MATCH (p:Publication {title: 'Lost Places'}) RETURN p")).toEqual([]);
    });

    it('with --skip-invalid imports the valid entries and lists each skipped one with its reason', async () => {
      const mixed = tempFile('mixed.txt', [
        'Good Entry About Gangs', '', 'A study of gang recruitment in Honduras.', 'Country', 'Honduras', 'Region', 'Americas', 'Year', '2021', 'Category', '',
        'Bad Year Entry', '', 'Some abstract.', 'Country', 'Honduras', 'Region', 'Americas', 'Year', '20x1', '',
      ].join('\n'));
      const { summary, text } = await importFiles([mixed], { skipInvalid: true });
      expect(summary.created).toBe(1);
      expect(text).toMatch(/skipped .*mixed\.txt:12 "Bad Year Entry":\n\s+.*mixed\.txt:\d+: year: "20x1"/);
      const rows = await runner.read(`MATCH (p:Publication {id: 'Publication:good-entry-about-gangs'})-[:ABOUT]->(t:Theme {id: 'Theme:gangs'}) RETURN p.year AS year`);
      expect(rows).toEqual([{ year: 2021 }]);
    });
  });

  describe('languages', () => {
    const files = [SEED, fixture('languages.json'), fixture('languages.csv')];
    const stated = {
      'Publication:la-trata-de-ninas-en-las-fincas-cafetaleras-de-guatemala': 'pt',
      'Publication:matrimonio-infantil-y-desplazamiento-en-honduras': 'es',
      'Publication:notes-on-referral-pathways': 'und',
      'Publication:child-labour-in-the-cocoa-farms-of-cote-d-ivoire': 'fr',
    };
    beforeAll(async () => {
      await wipeDatabase(runner);
      await importFiles(files);
    });

    it('writes every publication\'s language, the one a JSON or CSV file states over the detected one', async () => {
      expect(await runner.read('MATCH (p:Publication) WHERE p.language IS NULL RETURN p.id AS id')).toEqual([]);
      const rows = await runner.read('MATCH (p:Publication) WHERE p.id IN $ids RETURN p.id AS id, p.language AS language', { ids: Object.keys(stated) });
      expect(Object.fromEntries(rows.map((r) => [r.id, r.language]))).toEqual(stated);
      const [index] = await runner.read("SHOW INDEXES YIELD name, type, labelsOrTypes, properties WHERE name = 'publication_language' RETURN type, labelsOrTypes, properties");
      expect(index).toEqual({ type: 'RANGE', labelsOrTypes: ['Publication'], properties: ['language'] });
    });

    it('reads, filters and counts a publication stored before languages as und, until a re-import rewrites it once', async () => {
      const legacy = Object.keys(stated).slice(0, 2);
      // As an older kg wrote them: no language, and the content hash of a record without one.
      await runner.write((tx) => tx.run("MATCH (p:Publication) WHERE p.id IN $legacy REMOVE p.language SET p.contentHash = 'before-languages'", { legacy }));
      const store = new Neo4jStore(testRunner());
      try {
        expect(((await store.getNodes(legacy)) as Publication[]).map((p) => p.language)).toEqual(['und', 'und']);
        const und = await store.findPublications({ languages: ['und'] }, { field: 'YEAR', direction: 'DESC' }, { first: 100 });
        expect(und.items.map((i) => i.node.id)).toEqual(expect.arrayContaining([...legacy, 'Publication:notes-on-referral-pathways']));
        const iberian = await store.findPublications({ languages: ['pt', 'es'] }, { field: 'YEAR', direction: 'DESC' }, { first: 100 });
        expect(iberian.items.filter((i) => legacy.includes(i.node.id))).toEqual([]);
        const facets = await store.facets({ languages: ['und'] }, 10, ['languages']);
        expect(facets.languages).toEqual([{ language: 'und', count: und.totalCount }]);
      } finally {
        await store.close();
      }
      const again = await importFiles(files);
      expect(again.summary).toMatchObject({ created: 0, updated: 2 });
      const rows = await runner.read('MATCH (p:Publication) WHERE p.id IN $legacy RETURN p.id AS id, p.language AS language, p.version AS version ORDER BY id', { legacy });
      expect(rows).toEqual(legacy.sort().map((id) => ({ id, language: stated[id as keyof typeof stated], version: 2 })));
    });
  });

  it('rolls back a failing write completely, even past the first batch', async () => {
    await wipeDatabase(runner);
    const store = new Neo4jStore(testRunner());
    const base = prepareImport([{ file: SEED, text: readFileSync(SEED, 'utf8') }]).records[0];
    const records: PublicationRecord[] = Array.from({ length: 2_500 }, (_, i) => ({ ...base, id: `Publication:bulk-${i}`, title: `Bulk ${i}` }));
    // A map is not a storable property value, so Neo4j rejects the last record mid-transaction.
    records.push({ ...base, id: 'Publication:broken', title: { not: 'a string' } as unknown as string });
    await expect(store.importPublications(records, referenceData())).rejects.toThrow();
    expect(await totals(runner)).toEqual({ nodes: 0, relationships: 0 });
    await store.close();
  });

  it('updates an edited entry and removes the links it no longer has', async () => {
    await wipeDatabase(runner);
    const v1 = tempFile('v1.txt', 'Gang Study\n\nGangs recruit children in Honduras and Guatemala.\nCountry\nHonduras\nRegion\nAmericas\nAuthors\nAna Pérez; Luis Gómez\nYear\n2020\n');
    await importFiles([v1]);
    const v2 = tempFile('v1.txt', 'Gang Study\n\nChild marriage rises in Honduras.\nCountry\nEl Salvador\nRegion\nAmericas\nAuthors\nAna Perez\nYear\n2021\n');
    const { summary } = await importFiles([v2]);
    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const [row] = await runner.read(`MATCH (p:Publication {id: 'Publication:gang-study'})
      RETURN p.year AS year,
        COLLECT { MATCH (p)-[:COVERS]->(x) RETURN x.id ORDER BY x.id } AS covers,
        COLLECT { MATCH (p)-[:MENTIONS]->(x) RETURN x.id ORDER BY x.id } AS mentions,
        COLLECT { MATCH (p)-[:ABOUT]->(t) RETURN t.id ORDER BY t.id } AS themes,
        COLLECT { MATCH (p)-[:AUTHORED_BY]->(a) RETURN a.name } AS authors`);
    expect(row).toEqual({ year: 2021, covers: ['Country:SV', 'Region:americas'], mentions: ['Country:HN'], themes: ['Theme:child-marriage', 'Theme:gangs'], authors: ['Ana Pérez'] });
    // "Luis Gómez" authored nothing any more, so he is gone; "Ana Perez" merged with "Ana Pérez".
    expect(await runner.read('MATCH (a:Author) RETURN a.id AS id')).toEqual([{ id: 'Author:ana-perez' }]);
  });

  it('gives the same graph from JSON and CSV as from the listing', async () => {
    const snapshots = [];
    const two = writeTwoEntryFiles();
    for (const file of [two.listing, two.json, two.csv]) {
      await wipeDatabase(runner);
      await importFiles([file]);
      snapshots.push(await publicationSnapshot(runner));
    }
    expect(snapshots[0]).toHaveLength(2);
    expect(snapshots[1]).toEqual(snapshots[0]);
    expect(snapshots[2]).toEqual(snapshots[0]);
  });

  it('refuses a file that is not UTF-8 at the line and offset of its first bad byte, before anything else', async () => {
    const file = tempFile('latin1.txt', '');
    writeFileSync(file, Buffer.concat([Buffer.from('Heading\n\nA title\n\nAn abstract.\nCountry\n'), Buffer.from([0x43, 0xf4, 0x74, 0x65]), Buffer.from('\n')]));
    const error = await importFiles([file]).then(() => null, (err: unknown) => err);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toMatch(/latin1\.txt:7: file: not valid UTF-8: byte 0xF4 at offset 40/);
  });

  it('imports several files at once and writes nothing on --dry-run', async () => {
    await wipeDatabase(runner);
    const two = writeTwoEntryFiles().listing;
    const { summary } = await importFiles([two, SEED], { dryRun: true });
    expect(summary).toMatchObject({ created: 9, updated: 0, unchanged: 0 });
    expect(await totals(runner)).toEqual({ nodes: 0, relationships: 0 });
    const real = await importFiles([two, SEED]);
    expect(real.summary.created).toBe(9);
    expect(real.text).toMatch(/publications: 9 created, 0 updated, 0 unchanged/);
    // The dry run reported what the import then wrote, links included.
    expect(real.summary.relationshipsWritten).toBeGreaterThan(40);
    expect(summary).toEqual(real.summary);
  });
});
