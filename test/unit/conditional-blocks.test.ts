import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cypherDir, CypherLoader } from '../../src/store/neo4j/cypher-loader';
import { resolveConditionalBlocks } from '../../src/store/neo4j/conditional-blocks';

describe('conditional blocks of Cypher statements', () => {
  const statement = ['MATCH (n)', '  // if $via: only with types', '  WHERE type(r) IN $via', '  // end if $via', 'RETURN n'].join('\n');

  it('keeps a block when its parameter is given and drops it when it is null, missing or an empty list', () => {
    expect(resolveConditionalBlocks(statement, { via: ['ABOUT'] })).toBe('MATCH (n)\n  WHERE type(r) IN $via\nRETURN n');
    for (const params of [{ via: [] }, { via: null }, {}]) expect(resolveConditionalBlocks(statement, params)).toBe('MATCH (n)\nRETURN n');
    // The value never enters the text.
    expect(resolveConditionalBlocks(statement, { via: ["ABOUT') RETURN 1 //"] })).not.toContain('RETURN 1');
  });

  it('pairs every `// if $x` with its `// end if $x` in every statement, and drops the paths type test without types', () => {
    const dir = join(cypherDir(), 'queries');
    for (const name of CypherLoader.filesIn(dir)) {
      const text = readFileSync(join(dir, `${name}.cypher`), 'utf8');
      const opened = text.match(/\/\/ if \$\w+/g) ?? [];
      const closed = text.match(/\/\/ end if \$\w+/g) ?? [];
      expect({ name, closed: closed.length }).toEqual({ name, closed: opened.length });
      const dropped = resolveConditionalBlocks(text, {});
      expect({ name, left: dropped.match(/\/\/ (end )?if \$/g) }).toEqual({ name, left: null });
    }
    const paths = readFileSync(join(dir, 'paths.cypher'), 'utf8');
    const code = (text: string): string => text.split('\n').filter((line) => !line.trim().startsWith('//')).join('\n');
    expect(code(resolveConditionalBlocks(paths, { via: [] }))).not.toContain('$via');
    expect(resolveConditionalBlocks(paths, { via: ['COVERS'] })).toContain('type(r) IN $via');
  });
});
