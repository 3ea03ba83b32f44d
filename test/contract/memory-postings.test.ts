import MiniSearch from 'minisearch';
import { standardTerms } from '../../src/store/memory/memory.analyzer';
import { PostingsIndex } from '../../src/store/memory/memory.postings';

interface Doc {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
}

const WORDS = 'child trafficking gangs marriage labour covid referral bangladesh nigeria ms-13 exploitation survey review evidence girls boys school'.split(' ');

/** Returns deterministic documents of a few of WORDS each. */
function docs(n: number): Doc[] {
  let seed = 7;
  const next = (m: number) => (seed = (seed * 48271) % 2147483647) % m;
  const text = (len: number) => Array.from({ length: len }, () => WORDS[next(WORDS.length)]).join(' ');
  return Array.from({ length: n }, (_, i) => ({ id: `Publication:${i}`, title: text(3 + next(6)), abstract: i % 11 === 0 ? '' : text(10 + next(40)) }));
}

describe('PostingsIndex scores as MiniSearch does', () => {
  it('gives the same hits with bit-identical scores, after adds, removals and re-adds', () => {
    const all = docs(600);
    const mini = new MiniSearch<Doc>({
      fields: ['title', 'abstract'], tokenize: standardTerms, processTerm: (t) => t,
      searchOptions: { tokenize: (t) => [t], processTerm: (t) => t, prefix: false, fuzzy: false, combineWith: 'AND' },
    });
    const postings = new PostingsIndex<Doc>(2, (d) => [d.title, d.abstract], (d) => d.id, (t) => standardTerms(t));
    for (const d of all) {
      mini.add(d);
      postings.add(d);
    }
    for (let i = 0; i < all.length; i += 5) {
      mini.remove(all[i]);
      postings.remove(all[i]);
    }
    for (let i = 0; i < all.length; i += 15) {
      const edited = { ...all[i], title: `${all[i].title} school girls` };
      mini.add(edited);
      postings.add(edited);
    }
    postings.compact();
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    let compared = 0;
    for (const a of WORDS.flatMap(standardTerms)) {
      for (const b of ['', 'child', 'gangs', '13', 'school']) {
        const terms = [...new Set([a, b].filter(Boolean))];
        const expected = mini.search({ combineWith: 'AND', queries: terms }).map((r) => ({ id: r.id as string, score: r.score })).sort(byId);
        expect(postings.search(terms).sort(byId)).toEqual(expected);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
