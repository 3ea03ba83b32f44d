import { ResponseTooLargeError, TimeoutError } from '../../src/domain/errors';
import type { Facets, Page, Subgraph, ThemeMatrix } from '../../src/domain/query.types';
import type { Theme } from '../../src/domain/node.types';
import { countObjects, WorkMeter } from '../../src/store/work-meter';

const theme = (slug: string): Theme => ({ type: 'Theme', id: `Theme:${slug}`, slug, name: slug, description: '' });
const [a, b, c] = [theme('a'), theme('b'), theme('c')];

describe('countObjects', () => {
  it('counts the object elements of an array: nulls and numbers count nothing', () => {
    expect(countObjects([a, null, b, null])).toBe(2);
    expect(countObjects([{ year: 2020, count: 3 }, { year: 2021, count: 1 }])).toBe(2);
    expect(countObjects([1, 2, 3])).toBe(0);
    expect(countObjects([])).toBe(0);
  });

  it('counts a single node as 1, and null, numbers and strings as 0', () => {
    expect(countObjects(a)).toBe(1);
    expect(countObjects(null)).toBe(0);
    expect(countObjects(undefined)).toBe(0);
    expect(countObjects(42)).toBe(0);
    expect(countObjects('Theme:a')).toBe(0);
  });

  it('sums a Map of lists, of slices and of single nodes', () => {
    expect(countObjects(new Map([['x', [a, b]], ['y', []], ['z', [c]]]))).toBe(3);
    expect(countObjects(new Map([['x', { items: [a, b], totalCount: 9 }], ['y', { items: [], totalCount: 0 }]]))).toBe(2);
    expect(countObjects(new Map([['x', a], ['y', null]]))).toBe(1);
  });

  it('counts the items of a page, the nodes and edges of a subgraph, and every list of facets or a matrix', () => {
    const page: Page<Theme> = { items: [{ node: a, key: { sort: 'a', id: a.id } }], totalCount: 40, hasNextPage: true };
    expect(countObjects(page)).toBe(1);
    const subgraph: Subgraph = {
      nodes: [{ node: a, degree: 1, distance: 0 }, { node: b, degree: 1, distance: 1 }],
      edges: [{ id: 'e', source: a.id, target: b.id, type: 'BROADER', weight: 1 }],
      truncated: false,
    };
    expect(countObjects(subgraph)).toBe(3);
    const facets: Facets = {
      total: 12, themes: [{ node: a, count: 2 }], countries: [], regions: [], authors: [],
      years: [{ year: 2020, count: 1 }, { year: 2021, count: 1 }], scopes: [{ scope: 'GLOBAL', count: 2 }],
      languages: [{ language: 'en', count: 2 }],
    };
    expect(countObjects(facets)).toBe(5);
    const matrix: ThemeMatrix = {
      themes: [a], places: [], cells: [{ theme: a.id, place: 'Country:BD', count: 0 }], rowTotals: [0], columnTotals: [0], publicationCount: 0,
    };
    expect(countObjects(matrix)).toBe(2);
    expect(countObjects({ nodes: { Theme: 3 }, relationships: { ABOUT: 9 } })).toBe(0);
  });
});

describe('WorkMeter', () => {
  it('adds what each call returns and throws once the total passes maxObjects, then refuses every later call', () => {
    const meter = new WorkMeter({ maxObjects: 3 });
    expect(meter.charge([a, b])).toEqual([a, b]);
    meter.admit();
    expect(meter.charge([c])).toEqual([c]);
    expect(meter.objects).toBe(3);
    expect(() => meter.charge([a])).toThrow(new ResponseTooLargeError(3, 4, 'objects'));
    expect(() => meter.admit()).toThrow(ResponseTooLargeError);
    expect(meter.objects).toBe(4);
  });

  it('admits calls before the deadline, refuses them after, and says how long is left', () => {
    const now = Date.now();
    const open = new WorkMeter({ deadline: now + 60_000 });
    open.admit();
    expect(open.msLeft()).toBeGreaterThan(59_000);
    expect(open.msLeft()).toBeLessThanOrEqual(60_000);
    const late = new WorkMeter({ deadline: now, timeoutMs: 40 });
    expect(() => late.admit()).toThrow(new TimeoutError('the request ran past its time budget of 40 ms; nothing more was read for it'));
    expect(() => late.msLeft()).toThrow(TimeoutError);
    expect(() => late.checkDeadline()).toThrow(TimeoutError);
  });

  it('holds nothing without a budget', () => {
    const meter = new WorkMeter();
    meter.charge(Array.from({ length: 10_000 }, () => a));
    meter.admit();
    expect(meter.msLeft()).toBe(Infinity);
    expect(meter.objects).toBe(10_000);
  });
});
