import { createHash } from 'node:crypto';
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { newApiKey } from '../../src/domain/api-key.secret';
import { detectLanguage } from '../../src/ingest/language.detect';
import { accessFromEnv } from '../../src/server/access/access.config';
import { startServer, type RunningServer } from '../../src/server/http.server';
import { limitsFromEnv } from '../../src/server/limits/limits.config';
import type { GraphStore } from '../../src/store/store';
import { EXTRA, P } from '../contract/contract.fixture';
import { serveWithKeys } from '../helpers/api';
import { seedAndExtraStore } from '../helpers/memory';
import { describeNeo4j } from '../helpers/neo4j';

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, any> }[] };
}

async function call(url: string, query: string, variables: Record<string, unknown> = {}, key?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Answer['body'] };
}

const IOM = 'Publication:iom-case-data-analysis-human-trafficking';
const PAGE = `query($id: ID!) { publication(id: $id) { id title year version themes { theme { id } score source curator { by note } by at note } history(first: 5) { seq operation by before after } } }`;
const SET = `mutation($p: ID!, $t: ID!, $d: ThemeDecision!, $note: String) {
  setPublicationTheme(publication: $p, theme: $t, decision: $d, note: $note) {
    publication { id version themes { theme { id } source } }
    change { seq operation by ids before after }
  }
}`;
const UPDATE = `mutation($id: ID!, $input: PublicationPatchInput!, $v: Int!) {
  updatePublication(id: $id, input: $input, expectedVersion: $v) { publication { id title year version } change { operation before after } }
}`;

function describeCurationApi(kind: string, open: () => Promise<{ store: GraphStore; close: () => Promise<void> }>): void {
  describe(`curation over HTTP (${kind} store)`, () => {
    let store: GraphStore;
    let close: () => Promise<void>;
    let server: RunningServer;
    let curator: string;
    let reader: string;

    beforeAll(async () => {
      ({ store, close } = await open());
      ({ server, curator, reader } = await serveWithKeys(store, { curator: `curator-${kind}`, reader: `reader-${kind}` }));
    });
    afterAll(async () => {
      await server?.stop();
      await close?.();
    });

    it('a curator rejects a theme: it is gone from the publication, the theme and the facets, with provenance in the feed', async () => {
      const before = await call(server.url, PAGE, { id: IOM });
      const pub = before.body.data!.publication;
      expect(pub.version).toBe(1);
      // Every link says who wrote it and when: here the files' import.
      expect(pub.themes[0]).toMatchObject({ by: 'kg import', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), note: null });
      const theme = pub.themes[0].theme.id as string;
      const facetsBefore = await call(server.url, `{ facets(first: 50) { themes { theme { id } count } } }`);
      const count = (f: Answer) => f.body.data!.facets.themes.find((t: any) => t.theme.id === theme)?.count ?? 0;

      const res = await call(server.url, SET, { p: IOM, t: theme, d: 'REJECTED', note: 'not about this' }, curator);
      expect(res.status).toBe(200);
      const out = res.body.data!.setPublicationTheme;
      expect(out.publication.version).toBe(2);
      expect(out.publication.themes.map((t: any) => t.theme.id)).not.toContain(theme);
      expect(out.change).toMatchObject({ operation: 'SET_THEME', by: `curator-${kind}`, ids: [IOM, theme], before: { decision: null, about: true }, after: { decision: 'REJECTED', about: false, note: 'not about this' } });

      const themePubs = await call(server.url, `query($t: ID!) { theme(id: $t) { publications(first: 100) { nodes { id } } } }`, { t: theme });
      expect(themePubs.body.data!.theme.publications.nodes.map((n: any) => n.id)).not.toContain(IOM);
      expect(count(await call(server.url, `{ facets(first: 50) { themes { theme { id } count } } }`))).toBe(count(facetsBefore) - 1);

      const after = await call(server.url, PAGE, { id: IOM });
      expect(after.body.data!.publication.history[0]).toMatchObject({ operation: 'SET_THEME', by: `curator-${kind}` });
      expect(after.body.data!.publication.history.at(-1)).toMatchObject({ operation: 'IMPORT_CREATE', by: 'kg import' });

      // Confirm another theme: provenance shows who and why.
      const confirmed = await call(server.url, SET, { p: IOM, t: 'Theme:covid-19', d: 'CONFIRMED', note: 'section 4' }, curator);
      expect(confirmed.body.data!.setPublicationTheme.publication.themes).toEqual(expect.arrayContaining([{ theme: { id: 'Theme:covid-19' }, source: 'CURATOR' }]));
      const page = await call(server.url, PAGE, { id: IOM });
      expect(page.body.data!.publication.themes.find((t: any) => t.theme.id === 'Theme:covid-19')).toMatchObject({ source: 'CURATOR', curator: { by: `curator-${kind}`, note: 'section 4' } });
    });

    it('updatePublication checks the version: a stale one gets CONFLICT with the current version', async () => {
      const { version, title } = (await call(server.url, PAGE, { id: P.nigeria })).body.data!.publication;
      const ok = await call(server.url, UPDATE, { id: P.nigeria, input: { title: `${title} (revised)` }, v: version }, curator);
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data!.updatePublication).toMatchObject({ publication: { title: `${title} (revised)`, version: version + 1 }, change: { operation: 'UPDATE_PUBLICATION', before: { title }, after: { title: `${title} (revised)` } } });
      const stale = await call(server.url, UPDATE, { id: P.nigeria, input: { year: 2020 }, v: version }, curator);
      expect(stale.status).toBe(200);
      expect(stale.body.data).toBeNull();
      expect(stale.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: version + 1, expectedVersion: version, id: P.nigeria });
      expect((await call(server.url, PAGE, { id: P.nigeria })).body.data!.publication.year).toBe(2021);
    });

    it('validation names each failing input field; unknown ids name their argument; nothing is written', async () => {
      const bad = await call(server.url, UPDATE, { id: P.nigeria, input: { title: '', year: 1066 }, v: 2 }, curator);
      expect(bad.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(bad.body.errors![0]!.extensions!.problems.map((p: any) => p.field).sort()).toEqual(['title', 'year']);
      expect(bad.body.errors![0]!.extensions!.field).toMatch(/^(title|year)$/);
      const unknown = await call(server.url, SET, { p: 'Publication:nope', t: 'gangs', d: 'REJECTED' }, curator);
      expect(unknown.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'publication' });
      const feed = await call(server.url, `{ changes(first: 100) { nodes { operation ids } } }`);
      expect(feed.body.data!.changes.nodes.filter((c: any) => c.ids[0] === 'Publication:nope')).toEqual([]);
    });

    it('writes need the curator role: a reader gets 403, an anonymous caller 401', async () => {
      const asReader = await call(server.url, SET, { p: IOM, t: 'Theme:gangs', d: 'CONFIRMED' }, reader);
      expect(asReader.status).toBe(403);
      expect(asReader.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', needed: 'curator', field: 'setPublicationTheme' });
      const anonymous = await call(server.url, UPDATE, { id: IOM, input: { year: 2000 }, v: 3 });
      expect(anonymous.status).toBe(401);
    });

    it('pages the change feed by seq, filters it by node type, and lets a dashboard poll for what is new', async () => {
      const FEED = `query($after: String, $types: [NodeType!]) { changes(first: 5, after: $after, types: $types) { edges { cursor node { seq operation } } pageInfo { hasNextPage endCursor } } }`;
      const first = (await call(server.url, FEED)).body.data!.changes;
      expect(first.edges).toHaveLength(5);
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(first.edges.map((e: any) => e.cursor)).toEqual(first.edges.map((e: any) => String(e.node.seq)));
      const second = (await call(server.url, FEED, { after: first.pageInfo.endCursor })).body.data!.changes;
      expect(second.edges[0].node.seq).toBeGreaterThan(first.edges[4].node.seq);
      const themed = (await call(server.url, FEED, { types: ['Theme'] })).body.data!.changes;
      expect(themed.edges.map((e: any) => e.node.operation)).toEqual(['SET_THEME', 'SET_THEME']);
      // Poll: nothing new after the last change, then one new change.
      const all = (await call(server.url, `{ changes(first: 100) { pageInfo { endCursor } } }`)).body.data!.changes;
      const nothing = (await call(server.url, FEED, { after: all.pageInfo.endCursor })).body.data!.changes;
      expect(nothing).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: all.pageInfo.endCursor } });
      await call(server.url, `mutation { clearPublicationTheme(publication: "${IOM}", theme: "covid-19") { change { seq } } }`, {}, curator);
      const fresh = (await call(server.url, FEED, { after: all.pageInfo.endCursor })).body.data!.changes;
      expect(fresh.edges.map((e: any) => e.node.operation)).toEqual(['CLEAR_THEME']);
      const badCursor = await call(server.url, FEED, { after: 'kg1:abc' });
      expect(badCursor.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    });

    it('an Idempotency-Key makes a retried mutation answer the first answer again, writing once', async () => {
      const send = (body: unknown, key: string, credential = curator) => fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': key },
        body: JSON.stringify(body),
      });
      const { version } = (await call(server.url, PAGE, { id: P.demand })).body.data!.publication;
      const feedBefore = (await call(server.url, `{ changes(first: 100) { nodes { seq } } }`)).body.data!.changes.nodes.length;
      const request = { query: UPDATE, variables: { id: P.demand, input: { year: 2018 }, v: version } };
      const key = `retry-${kind}-${Date.now()}`;
      const first = await send(request, key);
      const firstBody = await first.text();
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const retry = await send(request, key);
      expect(retry.status).toBe(first.status);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await retry.text()).toBe(firstBody);
      expect(JSON.parse(firstBody).data.updatePublication.publication.version).toBe(version + 1);
      expect((await call(server.url, PAGE, { id: P.demand })).body.data!.publication.version).toBe(version + 1);
      expect((await call(server.url, `{ changes(first: 100) { nodes { seq } } }`)).body.data!.changes.nodes.length).toBe(feedBefore + 1);

      // The same key for another request is refused; another identity's keys are its own.
      const reused = await send({ ...request, variables: { ...request.variables, input: { year: 2016 } } }, key);
      expect(reused.status).toBe(422);
      expect(((await reused.json()) as any).errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const otherCurator = newApiKey(`curator-2-${kind}`, 'curator', null);
      await store.apiKeys.create(otherCurator.record);
      const other = await send(request, key, otherCurator.secret);
      expect(((await other.json()) as any).errors[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: version + 1 });
      expect((await send(request, 'bad key with spaces')).status).toBe(400);
    });

    it('createPublication checks, places and tags like an import; a taken id is CONFLICT; bad fields are named', async () => {
      const CREATE = `mutation($input: NewPublicationInput!) { createPublication(input: $input) {
        publication { id title year version countries { id } themes { theme { id } source } authors { name } }
        change { operation by ids after } } }`;
      const input = { title: `Child marriage in flood camps (${kind})`, abstract: 'Child marriage rose in the camps after the floods.', countries: ['PK'], authors: ['Ana Torres'], year: 2024 };
      const made = await call(server.url, CREATE, { input }, curator);
      expect(made.body.errors).toBeUndefined();
      const out = made.body.data!.createPublication;
      expect(out.publication).toMatchObject({ id: `Publication:child-marriage-in-flood-camps-${kind}`, year: 2024, version: 1, countries: [{ id: 'Country:PK' }], authors: [{ name: 'Ana Torres' }] });
      expect(out.publication.themes).toEqual(expect.arrayContaining([{ theme: { id: 'Theme:child-marriage' }, source: 'TAGGER' }]));
      expect(out.change).toMatchObject({ operation: 'CREATE_PUBLICATION', by: `curator-${kind}`, ids: [out.publication.id], after: { title: input.title, year: 2024 } });

      const again = await call(server.url, CREATE, { input }, curator);
      expect(again.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', argument: 'input.id' });
      const bad = await call(server.url, CREATE, { input: { ...input, title: 'Another', countries: ['Atlantis'], year: 1800 } }, curator);
      expect(bad.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(bad.body.errors![0]!.extensions!.problems.map((p: any) => p.argument).sort()).toEqual(['input.year']);
      const unknownPlace = await call(server.url, CREATE, { input: { ...input, title: 'Another', countries: ['Atlantis'] } }, curator);
      expect(unknownPlace.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.countries', field: 'countries' });
      expect(unknownPlace.body.errors![0]!.message).toMatch(/unknown country "Atlantis"/);
      expect((await call(server.url, `{ publication(id: "Publication:another") { id } }`)).body.data!.publication).toBeNull();
    });

    it('createPublication and importPublications take a stated language over the detected one; updatePublication keeps it; a bad one is named', async () => {
      const CREATE = `mutation($input: NewPublicationInput!) { createPublication(input: $input) { publication { id language } } }`;
      const abstract = 'Este estudio describe cómo las redes de trata reclutan a niñas indígenas para trabajar en las fincas de café de Guatemala.';
      const stated = await call(server.url, CREATE, { input: { title: `Trata de niñas en Guatemala (${kind})`, abstract, countries: ['GT'], year: 2023, language: 'PT' } }, curator);
      expect(stated.body.errors).toBeUndefined();
      const { id, language } = stated.body.data!.createPublication.publication;
      expect(language).toBe('pt');
      expect(detectLanguage(`Trata de niñas en Guatemala (${kind})`, abstract)).toBe('es');
      const detected = await call(server.url, CREATE, { input: { title: `Redes de trata en Guatemala (${kind})`, abstract, countries: ['GT'], year: 2023 } }, curator);
      expect(detected.body.data!.createPublication.publication.language).toBe(detectLanguage(`Redes de trata en Guatemala (${kind})`, abstract));
      const named = await call(server.url, CREATE, { input: { title: `Another (${kind})`, countries: ['GT'], year: 2023, language: 'Spanish' } }, curator);
      expect(named.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.language', field: 'language' });
      expect(named.body.errors![0]!.message).toMatch(/"Spanish" is not an ISO 639-1 code/);

      // A curator's edit of the text keeps the language: it is the source's, like the theme links.
      const { version } = (await call(server.url, PAGE, { id })).body.data!.publication;
      const edited = await call(server.url, UPDATE, { id, input: { abstract: 'An English abstract now, about trafficked girls on coffee farms in Guatemala.' }, v: version }, curator);
      expect(edited.body.errors).toBeUndefined();
      expect((await call(server.url, `query($id: ID!) { publication(id: $id) { language version } }`, { id })).body.data!.publication).toEqual({ language: 'pt', version: version + 1 });

      const IMPORT = `mutation($text: String!) { importPublications(format: JSON, text: $text, fileName: "page.json") { created } }`;
      const entry = (language: string) => JSON.stringify([{ title: `Matrimonio infantil en Honduras (${kind})`, abstract, countries: ['Honduras'], year: 2022, language }], null, 2);
      const refused = await call(server.url, IMPORT, { text: entry('spa') }, curator);
      expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text', field: 'language', problems: [{ line: 9, field: 'language', message: '"spa" is not an ISO 639-1 code (two letters, such as "en" or "es") or "und"' }] });
      expect(refused.body.errors![0]!.message).toMatch(/page\.json:9: language: "spa" is not/);
      expect((await call(server.url, IMPORT, { text: entry('ES') }, curator)).body.data!.importPublications.created).toBe(1);
      const imported = await call(server.url, `{ publications(first: 100, filter: { languages: ["Es", "pt"] }) { nodes { id language } } }`);
      expect(imported.body.data!.publications.nodes).toEqual(expect.arrayContaining([
        { id: `Publication:matrimonio-infantil-en-honduras-${kind}`, language: 'es' },
        { id, language: 'pt' },
      ]));
      expect(imported.body.data!.publications.nodes.every((n: any) => ['es', 'pt'].includes(n.language))).toBe(true);
    });

    it('deletePublication checks the version, removes the publication everywhere, and keeps its history', async () => {
      const DELETE = `mutation($id: ID!, $v: Int!) { deletePublication(id: $id, expectedVersion: $v) { id title version change { operation before after } } }`;
      const { version, title } = (await call(server.url, PAGE, { id: P.girl })).body.data!.publication;
      const stale = await call(server.url, DELETE, { id: P.girl, v: version + 5 }, curator);
      expect(stale.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: version });
      expect((await call(server.url, DELETE, { id: P.girl, v: version }, reader)).status).toBe(403);
      const gone = await call(server.url, DELETE, { id: P.girl, v: version }, curator);
      expect(gone.body.data!.deletePublication).toEqual({ id: P.girl, title, version, change: { operation: 'DELETE_PUBLICATION', before: { title, year: 2016 }, after: null } });
      expect((await call(server.url, PAGE, { id: P.girl })).body.data!.publication).toBeNull();
      const marriage = await call(server.url, `{ theme(id: "Theme:child-marriage") { publications(first: 100) { nodes { id } } } }`);
      expect(marriage.body.data!.theme.publications.nodes.map((n: any) => n.id)).not.toContain(P.girl);
      const feed = await call(server.url, `{ changes(first: 100, types: [Publication]) { nodes { operation ids } } }`);
      expect(feed.body.data!.changes.nodes.filter((c: any) => c.ids[0] === P.girl).map((c: any) => c.operation)).toEqual(['IMPORT_CREATE', 'DELETE_PUBLICATION']);
    });

    it('importPublications takes a listing as text: dry run, line-numbered errors writing nothing, skipInvalid, then the import', async () => {
      const IMPORT = `mutation($text: String!, $dry: Boolean, $skip: Boolean) {
        importPublications(format: LISTING, text: $text, dryRun: $dry, skipInvalid: $skip, fileName: "page.txt") {
          dryRun created updated unchanged withheld skippedCount skipped { line title reasons } summary } }`;
      const good = readFileSync(EXTRA, 'utf8');
      const broken = good.replace(/Country\nGuatemala/, 'Country\nAtlantis');
      expect(broken).not.toBe(good);
      const before = (await call(server.url, `{ changes(first: 100) { pageInfo { endCursor } } }`)).body.data!.changes.pageInfo.endCursor;

      const dry = (await call(server.url, IMPORT, { text: good, dry: true }, curator)).body.data!.importPublications;
      expect(dry).toMatchObject({ dryRun: true, skippedCount: 0 });
      expect(dry.created + dry.updated + dry.unchanged).toBe(5);
      expect(dry.summary).toMatch(/^dry run \(nothing written\): 1 file\(s\)/);

      const refused = await call(server.url, IMPORT, { text: broken }, curator);
      expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text', field: 'country' });
      expect(refused.body.errors![0]!.extensions!.problems[0]).toMatchObject({ field: 'country', message: expect.stringMatching(/Atlantis/) });
      expect(refused.body.errors![0]!.message).toMatch(/page\.txt:\d+: country: unknown country "Atlantis"/);
      const line = refused.body.errors![0]!.extensions!.problems[0].line as number;
      expect(broken.split('\n')[line - 1]).toBe('Atlantis'); // the value's own line, as kg import reports it

      const skipped = (await call(server.url, IMPORT, { text: broken, skip: true, dry: true }, curator)).body.data!.importPublications;
      expect(skipped.skippedCount).toBe(1);
      expect(skipped.skipped[0].reasons[0]).toMatch(/^page\.txt:\d+: country: unknown country "Atlantis"/);

      expect((await call(server.url, `query($a: String) { changes(first: 100, after: $a) { nodes { seq } } }`, { a: before })).body.data!.changes.nodes).toEqual([]);
      const done = (await call(server.url, IMPORT, { text: good }, curator)).body.data!.importPublications;
      expect(done.dryRun).toBe(false);
      expect((await call(server.url, IMPORT, { text: good }, reader)).status).toBe(403);
      // The import is recorded as a run (the dry runs and refusals are not); curators see the runs.
      const RUNS = `{ importRuns(first: 1) { status atomic files { name sha256 } total processed created updated unchanged startedAt finishedAt } }`;
      const listed = await call(server.url, RUNS, {}, curator);
      expect(listed.body.errors).toBeUndefined();
      const [run] = listed.body.data!.importRuns;
      expect(run).toMatchObject({ status: 'COMPLETE', atomic: true, files: [{ name: 'page.txt', sha256: createHash('sha256').update(good).digest('hex') }], total: 5, processed: 5 });
      expect(run.created + run.updated + run.unchanged).toBe(5);
      expect(run.finishedAt).toBe(run.startedAt);
      expect((await call(server.url, RUNS, {}, reader)).status).toBe(403);
      expect((await call(server.url, `{ importRuns(first: 101) { id } }`, {}, curator)).body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
      const tooLong = await call(server.url, IMPORT, { text: 'x'.repeat(500_001) }, curator);
      expect(tooLong.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
    });

    it('mergeAuthors moves the publications, keeps the spellings as aliases, and names bad arguments', async () => {
      const CREATE = `mutation($input: NewPublicationInput!) { createPublication(input: $input) { publication { id } } }`;
      const base = { abstract: '', countries: ['Honduras'], year: 2022 };
      await call(server.url, CREATE, { input: { ...base, title: `Merge A ${kind}`, authors: ['María José Pérez'] } }, curator);
      await call(server.url, CREATE, { input: { ...base, title: `Merge B ${kind}`, authors: ['M. J. Perez'] } }, curator);
      const MERGE = `mutation($into: ID!, $from: [ID!]!) { mergeAuthors(into: $into, from: $from) {
        author { id name aliases publications(first: 10) { totalCount } } publicationCount change { operation by ids } } }`;
      const into = 'Author:maria-jose-perez';
      const from = 'Author:m-j-perez';
      expect((await call(server.url, MERGE, { into, from: [from] }, reader)).status).toBe(403);
      const unknown = await call(server.url, MERGE, { into, from: ['Author:nobody'] }, curator);
      expect(unknown.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'from' });
      const merged = await call(server.url, MERGE, { into, from: [from] }, curator);
      expect(merged.body.errors).toBeUndefined();
      expect(merged.body.data!.mergeAuthors).toMatchObject({
        author: { id: into, name: 'María José Pérez', aliases: ['M. J. Perez'], publications: { totalCount: 2 } },
        publicationCount: 1, change: { operation: 'MERGE_AUTHORS', by: `curator-${kind}`, ids: [into, from, `Publication:merge-b-${kind}`] },
      });
      expect((await call(server.url, `{ author(id: "${from}") { id } }`)).body.data!.author).toBeNull();
      const tooMany = await call(server.url, MERGE, { into, from: Array.from({ length: 51 }, (_, i) => `Author:a${i}`) }, curator);
      expect(tooMany.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    });

    it('admins define themes and retag; curators may not; bad definitions are named', async () => {
      const admin = newApiKey(`admin-${kind}`, 'admin', null);
      await store.apiKeys.create(admin.record);
      const UPSERT = `mutation($input: ThemeInput!) { upsertTheme(input: $input) { theme { id name broader { id } } created change { operation } } }`;
      const input = { slug: 'referral-pathways', name: 'Referral pathways', description: 'How victims are referred to help.', broader: 'human-trafficking', terms: ['referral mechanism'] };
      expect((await call(server.url, UPSERT, { input }, curator)).body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', needed: 'admin' });
      const bad = await call(server.url, UPSERT, { input: { ...input, slug: 'Bad Slug', terms: [] } }, admin.secret);
      expect(bad.body.errors![0]!.extensions!.problems.map((p: any) => p.field).sort()).toEqual(['slug', 'terms']);
      const cycle = await call(server.url, UPSERT, { input: { ...input, slug: 'human-trafficking', broader: 'child-trafficking' } }, admin.secret);
      expect(cycle.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.broader' });
      expect(cycle.body.errors![0]!.message).toMatch(/cycle/);
      const made = await call(server.url, UPSERT, { input }, admin.secret);
      expect(made.body.data!.upsertTheme).toEqual({ theme: { id: 'Theme:referral-pathways', name: 'Referral pathways', broader: { id: 'Theme:human-trafficking' } }, created: true, change: { operation: 'UPSERT_THEME' } });

      const RETAG = `mutation($themes: [ID!]!) { retag(themes: $themes) { checked linked unlinked kept changedPublications changes { operation ids } } }`;
      expect((await call(server.url, RETAG, { themes: ['referral-pathways'] }, curator)).status).toBe(403);
      const retagged = (await call(server.url, RETAG, { themes: ['referral-pathways'] }, admin.secret)).body.data!.retag;
      expect(retagged.linked).toBeGreaterThanOrEqual(2);
      expect(retagged.changes.every((c: any) => c.operation === 'RETAG' && c.ids[1] === 'Theme:referral-pathways')).toBe(true);
      const linked = await call(server.url, `{ theme(id: "referral-pathways") { publications(first: 50) { totalCount } } }`);
      expect(linked.body.data!.theme.publications.totalCount).toBe(retagged.linked);
      // A publication created now is tagged with the new theme at once.
      const CREATE = `mutation($input: NewPublicationInput!) { createPublication(input: $input) { publication { themes { theme { id } } } } }`;
      const created = await call(server.url, CREATE, { input: { title: `A national referral mechanism review (${kind})`, countries: ['Ghana'], year: 2024 } }, curator);
      expect(created.body.data!.createPublication.publication.themes.map((t: any) => t.theme.id)).toContain('Theme:referral-pathways');
      const unknown = await call(server.url, RETAG, { themes: ['nope'] }, admin.secret);
      expect(unknown.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'themes' });
    });

    it('a page of publications with their histories is a bounded number of round trips', async () => {
      const res = await fetch(server.url, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ publications(first: 20) { nodes { id version history(first: 3) { seq } themes { source } } } }' }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { publications: { nodes: { history: unknown[] }[] } } };
      expect(body.data.publications.nodes.length).toBeGreaterThan(5);
      expect(body.data.publications.nodes.every((n) => n.history.length >= 1)).toBe(true);
      expect(Number(res.headers.get('x-kg-round-trips'))).toBeLessThanOrEqual(4);
    });
  });
}

describeCurationApi('embedded', () => seedAndExtraStore('embedded'));

describeNeo4j('curation over HTTP on Neo4j', () => {
  describeCurationApi('neo4j', () => seedAndExtraStore('neo4j'));
});
