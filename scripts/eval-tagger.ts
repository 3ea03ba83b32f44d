/**
 * Prints the theme tagger's precision and recall on the evaluation set, per language and per
 * theme, and each entry it got wrong:
 *
 *   npm run eval:tagger [-- --misses] [-- --set DIR]
 *
 * DIR is another labelled set in the same form (listings and expected.yaml), such as
 * test/fixtures/tagger-holdout, which the taxonomy was never tuned on.
 */
import { createTagger } from '../src/ingest/theme.tagger';
import { loadTaxonomy } from '../src/ingest/taxonomy';
import { evaluateTagger, loadEvaluationSet, type Score } from './tagger-evaluation';

const pct = (x: number) => x.toFixed(3);
const row = (name: string, s: Score, extra = '') =>
  `| ${name} | ${pct(s.precision)} | ${pct(s.recall)} | ${s.truePositives} | ${s.falsePositives} | ${s.falseNegatives} |${extra}`;

const at = process.argv.indexOf('--set');
const set = at >= 0 ? process.argv[at + 1] : undefined;
const entries = loadEvaluationSet(set);
const result = evaluateTagger(createTagger(loadTaxonomy()), entries);
const out: string[] = [];
out.push(`Theme tagger on ${result.entries} labelled entries (${set ?? 'test/fixtures/tagger-eval'}), languages detected as an import detects them.`, '');
out.push('| language | precision | recall | right | invented | missed | entries | language detected right |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [language, s] of result.byLanguage) out.push(row(language, s, ` ${s.entries} | ${s.detectedRight} |`));
out.push(row('all', result.overall, ` ${result.entries} | |`), '');
out.push('| theme | precision | recall | right | invented | missed |', '| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [theme, s] of result.byTheme) out.push(row(theme, s));
if (process.argv.includes('--misses') || result.misses.length <= 20) {
  out.push('', `Entries the tagger got wrong (${result.misses.length}):`);
  for (const m of result.misses) {
    out.push(`- ${m.entry.file} (${m.entry.language}, detected ${m.detected}) "${m.entry.title}"`);
    if (m.missed.length) out.push(`    missed: ${m.missed.join(', ')}`);
    for (const i of m.invented) out.push(`    invented: ${i.theme} from ${i.evidence.map((e) => JSON.stringify(e)).join(', ')}`);
  }
}
process.stdout.write(`${out.join('\n')}\n`);
