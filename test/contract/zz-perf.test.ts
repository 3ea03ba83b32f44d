import { generateLibrary, toListing } from '../../src/ingest/library.generator';
import { prepareImport } from '../../src/ingest/prepare-import';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { buildIndexes } from '../../src/store/memory/memory.indexes';

it('perf', async () => {
  const prepared = prepareImport([{ file: 'g.txt', text: toListing(generateLibrary({ publications: 20000 })) }]);
  const store = new MemoryStore();
  let t = Date.now();
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  await store.importPublications(prepared.records, prepared.reference);
  console.log('import', Date.now() - t);
  global.gc?.();
  console.log('heap MB', (process.memoryUsage().heapUsed - heap0) / 1e6);
  t = Date.now(); buildIndexes(store.graph); console.log('buildIndexes', Date.now() - t);
  t = Date.now();
  const again = prepared.records.slice(0, 10).map((r) => ({ ...r, title: r.title + ' x' }));
  await store.importPublications(again, prepared.reference);
  console.log('small reimport', Date.now() - t);
  const time = async (name: string, fn: () => Promise<unknown>) => { const t0 = process.hrtime.bigint(); await fn(); console.log(name, (Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)); };
  const authors = (await store.listAuthors({ first: 5 })).items.map((i) => i.node.id);
  const pub = prepared.records[0].id;
  for (let k = 0; k < 2; k++) {
    await time('find all year', () => store.findPublications({}, { field: 'YEAR', direction: 'DESC' }, { first: 20 }));
    await time('find title page 2', () => store.findPublications({ regions: ['Region:asia'] }, { field: 'TITLE', direction: 'ASC' }, { first: 20, after: { sort: 'M', id: '' } }));
    await time('find text relevance', () => store.findPublications({ text: 'child trafficking' }, { field: 'RELEVANCE', direction: 'DESC' }, { first: 20 }));
    await time('find text phrase', () => store.findPublications({ text: 'anti-trafficking' }, { field: 'RELEVANCE', direction: 'DESC' }, { first: 20 }));
    await time('search', () => store.search('trafficking asia', [], 20));
    await time('facets world', () => store.facets({ regions: ['Region:world'] }, 20));
    await time('themeGraph', () => store.themeGraph({}, 1));
    await time('matrix country', () => store.themeMatrix(null, null, 'COUNTRY', {}));
    await time('relatedOf', () => store.relatedOf([pub], 10));
    await time('paths theme-author', () => store.paths('Theme:gangs', authors[0], { maxHops: 6, first: 20, via: [] }));
    await time('paths author-author', () => store.paths(authors[1], authors[2], { maxHops: 6, first: 20, via: [] }));
    await time('neighborhood world 3', () => store.neighborhood(['Region:world'], { depth: 3, limit: 2000, types: [] }));
    await time('suggest a', () => store.suggest('a', [], 10));
    await time('suggest chi', () => store.suggest('chi', [], 10));
    await time('suggest traff', () => store.suggest('traff', [], 10));
    await time('publicationsOf', () => store.publicationsOf(['Region:world', 'Theme:human-trafficking', authors[0]], 10));
    await time('regionCountsOf', () => store.regionCountsOf(['Theme:human-trafficking']));
    await time('relatedThemesOf', () => store.relatedThemesOf(['Theme:human-trafficking'], 10));
  }
}, 600_000);
