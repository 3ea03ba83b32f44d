/**
 * What the request limits' analysis costs per request, operation by operation: `node
 * dist/bench/analysis-cost.js` (after `tsc -p bench`). For each benchmark operation it times, warm,
 * the argument bounds, the document's shape (depth, aliases, directives) and the cost estimate, with
 * the same variables every time (what a dashboard's repeat sends; cached per document) and with a
 * new value each time (a cursor or a year changing; the estimate is recomputed when a
 * price-relevant value changes). Prints microseconds per request.
 */
import 'reflect-metadata';
import { parse } from 'graphql';
import { buildGraphQLSchema } from '../src/graphql/schema';
import { checkArgumentBounds } from '../src/server/limits/argument-bounds';
import { estimateCost, measureShape } from '../src/server/limits/operation-measure';
import { OPERATIONS } from './operations';

const RUNS = 20_000;

async function main(): Promise<void> {
  const schema = await buildGraphQLSchema();
  const params = { country: 'Country:BD', theme: 'Theme:child-trafficking', pathCountry: 'Country:NP', pageYearFrom: 2015, facetYearFrom: 2010 };
  console.log('operation'.padEnd(22), 'cost'.padStart(7), 'same variables µs'.padStart(18), 'changing variables µs'.padStart(22));
  for (const op of OPERATIONS) {
    const request = op.kg(params);
    const document = parse(request.query);
    const variables: Record<string, unknown> = request.variables ?? {};
    const analyse = (vars: Record<string, unknown>) => {
      checkArgumentBounds(schema, document, undefined, vars);
      measureShape(schema, document);
      return estimateCost(schema, document, undefined, vars);
    };
    const cost = analyse(variables);
    const time = (vary: boolean) => {
      for (let i = 0; i < 2_000; i++) analyse(vary ? { ...variables, y: 1000 + (i % 1000), $probe: i } : variables);
      const started = process.hrtime.bigint();
      for (let i = 0; i < RUNS; i++) analyse(vary ? { ...variables, y: 1000 + (i % 9000), $probe: i } : variables);
      return Number(process.hrtime.bigint() - started) / RUNS / 1000;
    };
    console.log(op.name.padEnd(22), String(cost).padStart(7), time(false).toFixed(1).padStart(18), time(true).toFixed(1).padStart(22));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
