import { seedEntries } from '../helpers/seed';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTaxonomy } from '../../src/ingest/taxonomy';
import { createTagger } from '../../src/ingest/theme.tagger';
import type { ThemeLink } from '../../src/domain/import.types';


const taxonomy = loadTaxonomy();
const tagger = createTagger(taxonomy);
const entries = seedEntries();

function tagsOf(titleStart: string): ThemeLink[] {
  const matches = entries.filter((e) => e.title.startsWith(titleStart));
  expect(matches).toHaveLength(1);
  return tagger.tag(matches[0].title, matches[0].abstract);
}
const link = (links: ThemeLink[], slug: string): ThemeLink | undefined => links.find((l) => l.id === `Theme:${slug}`);
const ids = (links: ThemeLink[]): string[] => links.map((l) => l.id);

describe('taxonomy', () => {
  it('loads the repository taxonomy with its broader links', () => {
    expect(taxonomy.themes.length).toBeGreaterThanOrEqual(14);
    expect(taxonomy.themes.find((t) => t.id === 'Theme:gangs')).toMatchObject({ type: 'Theme', slug: 'gangs', name: 'Gangs' });
    expect(taxonomy.broader).toContainEqual(['Theme:child-trafficking', 'Theme:human-trafficking']);
    expect(taxonomy.broader).toContainEqual(['Theme:child-marriage', 'Theme:gender-based-violence']);
  });

  describe('refuses a bad file, naming file and entry', () => {
    let dir: string;
    beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taxonomy-'))));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, yaml: string): string => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, yaml);
      return file;
    };
    const theme = (slug: string, broader: string | null, extra = ''): string =>
      `  - slug: ${slug}\n    name: ${slug}\n    description: d.\n    broader: ${broader ?? 'null'}\n    terms: [${slug}]\n${extra}`;

    it('unknown broader slug', () => {
      const file = write('unknown.yaml', `themes:\n${theme('gangs', null)}${theme('mara', 'street-crime')}`);
      expect(() => loadTaxonomy(file)).toThrow(`${file}: theme #2 "mara": unknown broader slug "street-crime"`);
    });

    it('a cycle', () => {
      const file = write('cycle.yaml', `themes:\n${theme('a', 'b')}${theme('b', 'c')}${theme('c', 'a')}`);
      expect(() => loadTaxonomy(file)).toThrow(/cycle.yaml: theme #1 "a": broader links form a cycle: a -> b -> c -> a/);
    });

    it('missing name or terms, duplicate slug', () => {
      const noName = write('noname.yaml', 'themes:\n  - slug: x\n    description: d.\n    terms: [x]\n');
      expect(() => loadTaxonomy(noName)).toThrow(`${noName}: theme #1 "x": missing name`);
      const noTerms = write('noterms.yaml', 'themes:\n  - slug: x\n    name: X\n    description: d.\n    terms: []\n');
      expect(() => loadTaxonomy(noTerms)).toThrow(`${noTerms}: theme #1 "x".terms: expected a non-empty list of terms`);
      const noSlug = write('noslug.yaml', 'themes:\n  - name: X\n    description: d.\n    terms: [x]\n');
      expect(() => loadTaxonomy(noSlug)).toThrow(`${noSlug}: theme #1: missing slug`);
      const dup = write('dup.yaml', `themes:\n${theme('a', null)}${theme('a', null)}`);
      expect(() => loadTaxonomy(dup)).toThrow(`${dup}: theme #2 "a": duplicate slug (also theme #1 "a")`);
    });
  });
});

describe('tagging the seed page', () => {
  it('MS-13 paper → gangs, with the names that matched', () => {
    const links = tagsOf('The Connection Between the Mara Salvatrucha');
    const gangs = link(links, 'gangs')!;
    expect(gangs.evidence).toEqual(['Mara Salvatrucha', 'MS-13']);
    expect(gangs.score).toBe(0.826); // raw 3·2 (title) + 2 (abstract terms) + 0.5·3 (repeats) = 9.5
    expect(links[0].id).toBe('Theme:gangs');
    expect(ids(links)).toContain('Theme:human-trafficking');
  });

  it('"A Girl No More" → child-marriage, and GBV by the source\'s own spelling', () => {
    const links = tagsOf('A Girl No More');
    expect(links[0].id).toBe('Theme:child-marriage');
    expect(link(links, 'child-marriage')!.evidence).toEqual(['Child Marriage', 'early marriage']);
    expect(link(links, 'gender-based-violence')!.evidence).toEqual(['genderbased violence', 'intimate partner violence']);
    expect(link(links, 'displacement-and-refugees')!.evidence).toEqual(['displacement']);
  });

  it('both COVID-19 documents → covid-19', () => {
    for (const start of ['COVID-19 Impact on Trafficking in Persons - A Protection, Gender & Inclusion (PGI) Factsheet', 'COVID-19 Impact on Trafficking in Persons - A Protection, Gender & Inclusion (PGI) Technical']) {
      const covid = link(tagsOf(start), 'covid-19')!;
      expect(covid.evidence[0]).toBe('COVID-19');
      expect(covid.score).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('transnational referral report → referral-mechanisms', () => {
    const links = tagsOf('The Way Forward in Establishing Effective Transnational Referral Mechanisms');
    // Ties with the generic human-trafficking theme (both 0.778); equal scores sort by id.
    expect(ids(links)).toEqual(['Theme:human-trafficking', 'Theme:referral-mechanisms']);
    expect(link(links, 'referral-mechanisms')!.score).toBe(0.778);
    expect(link(links, 'referral-mechanisms')!.evidence).toEqual(['Transnational Referral Mechanisms', 'transnational referral mechanism', 'TRM']);
  });

  it('demand-side brief → demand-side-measures', () => {
    const links = tagsOf('The Demand-Side in Anti-Trafficking');
    expect(links[0].id).toBe('Theme:demand-side-measures');
    expect(link(links, 'demand-side-measures')!.evidence).toEqual([
      'Demand-Side', 'purchase of sexual services', 'discourage the demand', 'demand-side measures',
    ]);
  });

  it('CSEC "In a Nutshell" → commercial-sexual-exploitation and child-labour', () => {
    const links = tagsOf('Commercial Sexual Exploitation and Trafficking of Children');
    expect(link(links, 'commercial-sexual-exploitation')!.evidence).toEqual(['Commercial Sexual Exploitation', 'sexual exploitation']);
    expect(link(links, 'child-labour')!.evidence).toEqual(['worst forms of child labour']);
    expect(link(links, 'child-trafficking')!.evidence).toEqual(['Trafficking of Children']);
  });

  it('training manual → training-and-capacity-building', () => {
    const links = tagsOf('Training Manual to Fight Trafficking in Children');
    expect(link(links, 'training-and-capacity-building')!.evidence).toEqual(['Training Manual', "Facilitator's Guide"]);
    expect(link(links, 'child-trafficking')).toEqual({
      id: 'Theme:child-trafficking', score: 0.714, evidence: ['Trafficking in Children', 'child trafficking'],
    });
  });

  it('IOM case data → case-management and displacement (Rohingya), not child-specific themes', () => {
    const links = tagsOf('IOM Case Data Analysis');
    expect(ids(links)).toEqual(expect.arrayContaining(['Theme:case-management', 'Theme:human-trafficking', 'Theme:displacement-and-refugees']));
    expect(ids(links)).not.toContain('Theme:child-trafficking');
  });

  it('gives every seed entry at least one theme, with scores in (0, 1] sorted desc then by id', () => {
    for (const e of entries) {
      const links = tagger.tag(e.title, e.abstract);
      expect(links.length).toBeGreaterThan(0);
      for (const l of links) {
        expect(l.score).toBeGreaterThan(0);
        expect(l.score).toBeLessThanOrEqual(1);
        expect(l.evidence.length).toBeGreaterThan(0);
        expect(l.evidence.length).toBeLessThanOrEqual(10);
      }
      const sorted = [...links].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
      expect(links).toEqual(sorted);
    }
  });
});

describe('matching rules', () => {
  it('matches whole words only', () => {
    expect(tagger.tag('The gangway and the gangster', 'Marital status; a covidious word')).toEqual([]);
    expect(tagger.tag('Maasai Mara', 'the facilitated transfer of training')).toEqual([]);
  });

  it('catches plurals and inflections, hyphens and case', () => {
    expect(link(tagger.tag('', 'Gangs recruit'), 'gangs')!.evidence).toEqual(['Gangs']);
    expect(link(tagger.tag('', 'forced marriages rose'), 'child-marriage')!.evidence).toEqual(['forced marriages']);
    expect(link(tagger.tag('', 'trafficked children were found'), 'child-trafficking')!.evidence).toEqual(['trafficked children']);
    expect(link(tagger.tag('', 'ms 13 and the maras'), 'gangs')!.evidence).toEqual(['ms 13', 'maras']);
    expect(link(tagger.tag('', 'Gender Based Violence'), 'gender-based-violence')!.evidence).toEqual(['Gender Based Violence']);
  });

  it('does not let a term span sentence punctuation', () => {
    expect(link(tagger.tag('', 'They had no child. Marriage came later.'), 'child-marriage')).toBeUndefined();
  });

  it('weighs title matches above abstract matches, deterministically', () => {
    expect(tagger.tag('Gangs', '')).toEqual([{ id: 'Theme:gangs', score: 0.6, evidence: ['Gangs'] }]);
    expect(tagger.tag('', 'gangs')).toEqual([{ id: 'Theme:gangs', score: 0.333, evidence: ['gangs'] }]);
    expect(tagger.tag('', 'gang, gang, gang')[0].score).toBe(0.5);
  });

  it('maps listing categories to themes', () => {
    expect(tagger.themeForCategory('Child Trafficking')).toBe('Theme:child-trafficking');
    expect(tagger.themeForCategory('child-trafficking')).toBe('Theme:child-trafficking');
    expect(tagger.themeForCategory('Human Trafficking')).toBe('Theme:human-trafficking');
    expect(tagger.themeForCategory('Child Marriage')).toBe('Theme:child-marriage');
    expect(tagger.themeForCategory('COVID-19')).toBe('Theme:covid-19');
    expect(tagger.themeForCategory('Trafficking in Persons')).toBe('Theme:human-trafficking');
    expect(tagger.themeForCategory('Fisheries')).toBeNull();
    expect(tagger.themeForCategory('')).toBeNull();
  });
});

describe('languages (issue 17)', () => {
  const tagger = createTagger(loadTaxonomy());
  const evidence = (links: ThemeLinkLike[], slug: string) => links.find((l) => l.id === `Theme:${slug}`)?.evidence;

  it('gives every theme of data/taxonomy.yaml terms in English, Spanish, French and Portuguese', () => {
    for (const e of loadTaxonomy().entries) {
      for (const language of ['en', 'es', 'fr', 'pt'] as const) expect({ theme: e.theme.id, language, terms: (e.languages[language]?.terms.length ?? 0) > 0 }).toEqual({ theme: e.theme.id, language, terms: true });
    }
  });

  it('matches each language with its own stemmer and keeps the evidence as written', () => {
    expect(evidence(tagger.tag('', 'Trata de niñas, niños y adolescentes en Guatemala.', 'es'), 'child-trafficking')).toEqual(['Trata de niñas']);
    expect(evidence(tagger.tag('', 'Les mécanismes nationaux d’orientation au Niger.', 'fr'), 'referral-mechanisms')).toEqual(['mécanismes nationaux d’orientation']);
    expect(evidence(tagger.tag('', 'O trabalho escravo e o tráfico de pessoas.', 'pt'), 'forced-labour')).toEqual(['trabalho escravo']);
    expect(evidence(tagger.tag('', 'Desplazamiento forzado en Colombia.', 'es'), 'displacement-and-refugees')).toEqual(['Desplazamiento forzado']);
  });

  it('matches a text of unknown language against every language, a span counted once', () => {
    expect(tagger.tag('', 'Mariage précoce et matrimonio infantil.', 'und').map((l) => [l.id, l.evidence])).toEqual([
      ['Theme:child-marriage', ['Mariage précoce', 'matrimonio infantil']],
    ]);
    expect(tagger.tag('', 'Mariage précoce.', 'de')).toEqual(tagger.tag('', 'Mariage précoce.'));
    // A Spanish text is not matched with French terms when its language is known.
    expect(tagger.tag('', 'Mariage précoce.', 'es')).toEqual([]);
  });

  it('never matches a name through a stem: the Ganges, Maasai Mara, Dr Li Gang', () => {
    expect(tagger.tag('', 'Floods in the Ganges delta.', 'en')).toEqual([]);
    expect(tagger.tag('Floods in the Ganges Delta', '', 'en')).toEqual([]);
    expect(tagger.tag('', 'Tourism around the Maasai Mara and the Mara region.', 'en')).toEqual([]);
    expect(tagger.tag('', 'Turismo en la región de Mara, en Tanzania.', 'es')).toEqual([]);
    expect(tagger.tag('', 'A model built by Dr Li Gang.', 'en')).toEqual([]);
    // A common word as written still matches in any case, and a sentence may start with it.
    expect(evidence(tagger.tag('', 'Gangs recruit children. The gang leaders', 'en'), 'gangs')).toEqual(['Gangs', 'gang']);
  });

  it('matches acronyms only in capitals', () => {
    expect(evidence(tagger.tag('', 'The TIP Report and GBV services.', 'en'), 'human-trafficking')).toEqual(['TIP']);
    expect(evidence(tagger.tag('', 'The TIP Report and GBV services.', 'en'), 'gender-based-violence')).toEqual(['GBV']);
    expect(tagger.tag('', 'A useful tip for gbv-free design.', 'en')).toEqual([]);
    expect(evidence(tagger.tag('', 'Servicios de atención a la VBG.', 'es'), 'gender-based-violence')).toEqual(['VBG']);
  });

  it('drops a negated mention, and a word meant otherwise', () => {
    expect(tagger.tag('', 'This study is not related to gangs.', 'en')).toEqual([]);
    expect(tagger.tag('', 'El estudio no se refiere a pandillas ni a maras.', 'es')).toEqual([]);
    expect(tagger.tag('', 'Cette note ne porte pas sur la traite des êtres humains.', 'fr')).toEqual([]);
    expect(tagger.tag('', 'Se trata de personas migrantes en tránsito.', 'es')).toEqual([]);
    expect(tagger.tag('', 'L’étude traite des enfants migrants.', 'fr')).toEqual([]);
    // "without" is no negation of the topic: children without referral mechanisms are about them.
    expect(evidence(tagger.tag('', 'Children without referral mechanisms.', 'en'), 'referral-mechanisms')).toEqual(['referral mechanisms']);
  });

  it('drops a mention denied after it, back to the start of its sentence or to a contrast', () => {
    expect(tagger.tag('', 'La question du travail des enfants, traitée dans un rapport distinct, n’est pas abordée ici.', 'fr')).toEqual([]);
    expect(tagger.tag('', 'Child labour in the pits is not covered by this note.', 'en')).toEqual([]);
    expect(tagger.tag('', 'El trabajo infantil queda fuera del estudio.', 'es')).toEqual([]);
    // The denial reaches back no further than its sentence, nor past a contrast.
    const two = tagger.tag('', 'It documents forced labour in the kilns. Child labour is not covered.', 'en');
    expect(two.map((l) => l.id)).toEqual(['Theme:forced-labour']);
    const contrast = tagger.tag('', 'It documents forced labour, but child labour is not covered.', 'en');
    expect(contrast.map((l) => l.id)).toEqual(['Theme:forced-labour']);
  });

  it('counts a context term only where another theme places the entry in the field', () => {
    // "demand side" and "displacement" have common senses in economics and engineering.
    expect(tagger.tag('Demand-Side Management in Urban Electricity Grids', 'Smart meters shift load displacement to the night.', 'en')).toEqual([]);
    expect(tagger.tag('A Ground Displacement Model for Landslides', '', 'en')).toEqual([]);
    const inField = tagger.tag('The Demand-Side in Anti-Trafficking', 'Families fleeing gangs face repeated displacement.', 'en');
    expect(evidence(inField, 'demand-side-measures')).toEqual(['Demand-Side']);
    expect(evidence(inField, 'displacement-and-refugees')).toEqual(['repeated displacement']);
  });

  it('refuses an acronym the entry spells out as something else', () => {
    expect(tagger.tag('', 'It recommends community natural resource management (NRM) committees. NRM committees meet monthly.', 'en')).toEqual([]);
    // Spelled out as the theme's own term, the acronym stays the theme's.
    const nrm = tagger.tag('', "Moldova's National Referral Mechanism (NRM) refers victims to shelters. The NRM meets monthly.", 'en');
    expect(evidence(nrm, 'referral-mechanisms')).toEqual(['National Referral Mechanism', 'NRM']);
    // Not spelled out at all, it counts.
    expect(evidence(tagger.tag('', 'An evaluation of the NRM in Albania.', 'en'), 'referral-mechanisms')).toEqual(['NRM']);
  });
});

interface ThemeLinkLike { readonly id: string; readonly evidence: readonly string[] }
