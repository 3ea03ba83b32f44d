import type { Api } from './api';
import { publicationFilter, type State } from './state';
import { el, publicationList, sparkline, typeOf, type ListedPublication, type YearCount } from './ui';

const NODE_DETAILS = `query Details($id: ID!, $filter: PublicationFilterInput) {
  node(id: $id) {
    id
    ... on Theme { name description }
    ... on Country { name }
    ... on Region { name }
    ... on Author { name }
  }
  facets(filter: $filter, first: 1) { total years { year count } }
  publications(filter: $filter, first: 10) {
    totalCount
    nodes { id title year themes { theme { id name } evidence score } }
  }
}`;

const PUBLICATION = `query Publication($id: ID!) {
  publication(id: $id) {
    id title year scope abstract
    authors { id name }
    countries { id name }
    themes { theme { id name } evidence score source }
  }
}`;

/** The filter field that selects a node's publications. */
const FILTER_FIELD: Record<string, string> = { Theme: 'themes', Country: 'countries', Region: 'regions', Author: 'authors' };

interface NodeAnswer {
  node: { id: string; name?: string; description?: string } | null;
  facets: { total: number; years: YearCount[] };
  publications: { totalCount: number; nodes: ListedPublication[] };
}

interface PublicationAnswer {
  publication: {
    id: string; title: string; year: number | null; scope: string; abstract: string;
    authors: Array<{ id: string; name: string }>;
    countries: Array<{ id: string; name: string }>;
    themes: Array<{ theme: { id: string; name: string }; evidence: string[]; score: number; source: string }>;
  } | null;
}

/** Fills a panel with a node's details; the latest call wins when clicks overtake each other. */
export class Details {
  private asked = 0;

  constructor(private readonly api: Api, private readonly state: () => State, private readonly panel: () => HTMLElement, private readonly fail: (err: unknown) => void) {}

  async show(id: string, extra: Record<string, unknown> = {}, title?: string): Promise<void> {
    const asked = ++this.asked;
    const box = this.panel();
    box.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
    try {
      const type = typeOf(id);
      if (type === 'Publication') {
        const { publication: p } = await this.api.send<PublicationAnswer>(PUBLICATION, { id }, false);
        if (asked !== this.asked) return;
        if (!p) return void box.replaceChildren(el('p', {}, `${id} is not in the graph.`));
        const themes = el('ul', {}, ...p.themes.map((t) => el('li', {}, `${t.theme.name} `, el('span', { class: 'muted' }, `${t.source.toLowerCase()}, score ${t.score.toFixed(2)}`), t.evidence.length ? el('div', { class: 'evidence' }, `“${t.evidence.join('”, “')}”`) : null)));
        box.replaceChildren(
          el('h2', {}, p.title),
          el('p', { class: 'muted' }, [p.year, p.scope.toLowerCase(), p.countries.map((c) => c.name).join(', ')].filter(Boolean).join(' · ')),
          p.authors.length ? el('p', {}, p.authors.map((a) => a.name).join('; ')) : '',
          el('h3', {}, 'Themes and their evidence'),
          themes,
          el('p', { class: 'muted' }, p.abstract.length > 600 ? `${p.abstract.slice(0, 600)}…` : p.abstract),
        );
        return;
      }
      const field = FILTER_FIELD[type];
      const filter = publicationFilter(this.state(), { ...(field ? { [field]: [id] } : {}), ...extra });
      const answer = await this.api.send<NodeAnswer>(NODE_DETAILS, { id, filter }, false);
      if (asked !== this.asked) return;
      const s = this.state();
      const name = title ?? answer.node?.name ?? id;
      const list = publicationList(answer.publications.nodes, type === 'Theme' ? id : null, (pub) => void this.show(pub));
      box.replaceChildren(
        el('h2', {}, name),
        el('p', { class: 'muted' }, `${type} · ${answer.publications.totalCount} publication${answer.publications.totalCount === 1 ? '' : 's'} under the filters `, sparkline(answer.facets.years, s.yearFrom, s.yearTo)),
        answer.node?.description ? el('p', {}, answer.node.description) : '',
        answer.publications.nodes.length ? list : el('p', { class: 'muted' }, 'No publication: this is a gap in the evidence.'),
        answer.publications.totalCount > answer.publications.nodes.length ? el('p', { class: 'muted' }, `and ${answer.publications.totalCount - answer.publications.nodes.length} more (download the publications CSV for all)`) : "",
      );
    } catch (err) {
      if (asked !== this.asked) return;
      box.replaceChildren();
      this.fail(err);
    }
  }
}
