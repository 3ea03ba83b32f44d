/**
 * detectLanguage (src/ingest/language.detect.ts): typical abstracts in the library's languages,
 * text too short or too mixed to tell (`und`), and accuracy over the tagger evaluation set
 * (test/fixtures/tagger-eval), whose floors are set just under what `npm run bench:language`
 * measured (every entry right on its title alone and on title + abstract).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseListing } from '../../src/ingest/listing.parser';
import { detectLanguage, UNDETERMINED } from '../../src/ingest/language.detect';

const EVAL_DIR = path.join(__dirname, '../fixtures/tagger-eval');

interface Sample {
  lang: string;
  title: string;
  abstract: string;
}

function evaluationSet(): Sample[] {
  const gold = parse(readFileSync(path.join(EVAL_DIR, 'expected.yaml'), 'utf8')) as { file: string; title: string; language: string }[];
  const langOf = new Map(gold.map((g) => [`${g.file}|${g.title}`, g.language]));
  const samples: Sample[] = [];
  for (const file of ['en.txt', 'es.txt', 'fr.txt', 'pt.txt']) {
    const { entries, problems } = parseListing(readFileSync(path.join(EVAL_DIR, file), 'utf8'), file);
    expect(problems).toEqual([]);
    for (const e of entries) {
      const lang = langOf.get(`${file}|${e.title}`);
      expect(lang).toBeDefined();
      samples.push({ lang: lang!, title: e.title, abstract: e.abstract });
    }
  }
  return samples;
}

describe('detectLanguage', () => {
  it.each([
    ['en', 'Protecting Migrant Workers from Exploitation: Guidance for Employers',
      'This guidance explains how employers can check the recruitment agencies they use, make sure workers never pay recruitment fees and keep their passports, and respond when a worker reports abuse.'],
    ['es', 'Guía para la atención de víctimas de trata de personas en albergues',
      'La guía describe cómo recibir a las víctimas, evaluar sus necesidades de salud y de protección, y acompañarlas durante el proceso judicial sin exponerlas a nuevos riesgos.'],
    ['fr', "Protéger les enfants migrants non accompagnés : guide pour les travailleurs sociaux",
      "Ce guide explique comment accueillir les enfants, évaluer leurs besoins, rechercher leur famille et préparer avec eux une solution durable, dans le respect de leur intérêt supérieur."],
    ['pt', 'Guia de atendimento a vítimas de tráfico de pessoas nos serviços de saúde',
      'O guia orienta os profissionais de saúde na identificação de sinais de tráfico, no acolhimento das vítimas e no encaminhamento para os serviços de proteção e de assistência jurídica.'],
    ['ru', 'Торговля людьми в Центральной Азии: обзор национального законодательства',
      'В обзоре анализируются законы о противодействии торговле людьми в пяти странах региона и практика их применения судами.'],
  ])('detects %s from a typical title and abstract', (lang, title, abstract) => {
    expect(detectLanguage(title, abstract)).toBe(lang);
  });

  it('detects a language from a whole title alone', () => {
    expect(detectLanguage('Trata de niñas, niños y adolescentes en la frontera sur de México', '')).toBe('es');
    expect(detectLanguage('Mariage précoce et violences basées sur le genre au Sahel', '')).toBe('fr');
  });

  it.each([
    ['', ''],
    ['Annex', ''],
    ['Toolkit', 'Resumen'],
    ['Informe anual', ''],
    ['COVID-19 (2020)', ''],
    ['', '2019 · 42 pp. · PDF'],
  ])('is und for text too short to tell: %j %j', (title, abstract) => {
    expect(detectLanguage(title, abstract)).toBe(UNDETERMINED);
  });

  it('is und for text half in one language and half in another', () => {
    expect(detectLanguage(
      'Child Labour in Domestic Work / Trabajo infantil en el servicio doméstico',
      '',
    )).toBe(UNDETERMINED);
    expect(detectLanguage(
      'Regional report',
      'This report reviews how child labour in domestic work is identified by labour inspectors. '
        + 'El informe examina además las respuestas de los servicios sociales y de las escuelas.',
    )).toBe(UNDETERMINED);
  });

  it('follows the abstract when only the title is in another language', () => {
    expect(detectLanguage(
      'Child Labour in Coffee Farms',
      'La encuesta estima cuántas niñas y niños trabajan en la cosecha de café, cuántas horas dedican a tareas peligrosas y cómo afecta su asistencia escolar.',
    )).toBe('es');
  });

  describe('on the tagger evaluation set', () => {
    const samples = evaluationSet();
    const accuracy = (answer: (s: Sample) => string): number =>
      samples.filter((s) => answer(s) === s.lang).length / samples.length;

    it('covers the four languages', () => {
      expect(new Set(samples.map((s) => s.lang))).toEqual(new Set(['en', 'es', 'fr', 'pt']));
      expect(samples.length).toBeGreaterThanOrEqual(64);
    });

    it('is right on at least 98 % of entries from title and abstract', () => {
      expect(accuracy((s) => detectLanguage(s.title, s.abstract))).toBeGreaterThanOrEqual(0.98);
    });

    it('is right on at least 95 % of entries from the title alone, and never says another language', () => {
      const answers = samples.map((s) => detectLanguage(s.title, ''));
      expect(accuracy((s) => detectLanguage(s.title, ''))).toBeGreaterThanOrEqual(0.95);
      expect(answers.filter((a, i) => a !== UNDETERMINED && a !== samples[i].lang)).toEqual([]);
    });
    // Speed is measured by `npm run bench:language` (a script that prints figures), not in a timed test.
  });
});
