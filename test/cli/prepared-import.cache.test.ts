import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_DIR, PreparedImportCache, type CachedImport } from '../../src/cli/prepared-import.cache';
import { prepareImport } from '../../src/ingest/prepare-import';

const SAMPLE = join(__dirname, '..', '..', 'data', 'sample', 'child-trafficking.txt');

function prepared(): CachedImport {
  const { records, reference, problems } = prepareImport([{ file: SAMPLE, text: readFileSync(SAMPLE, 'utf8') }]);
  expect(problems).toEqual([]);
  return { records, reference };
}

function cacheIn(dir: string, maxBytes = 64 * 1048576): { cache: PreparedImportCache; warnings: string[] } {
  const warnings: string[] = [];
  return { cache: new PreparedImportCache(dir, maxBytes, { warn: (_d, message) => void warnings.push(message) }), warnings };
}

describe('PreparedImportCache', () => {
  const input = [{ file: SAMPLE, bytes: readFileSync(SAMPLE) }];

  it('keys by the files\' paths and bytes', () => {
    const key = PreparedImportCache.keyOf(input);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(PreparedImportCache.keyOf(input)).toBe(key);
    expect(PreparedImportCache.keyOf([{ file: SAMPLE, bytes: Buffer.concat([input[0].bytes, Buffer.from('\n')]) }])).not.toBe(key);
    expect(PreparedImportCache.keyOf([{ file: `${SAMPLE}.copy`, bytes: input[0].bytes }])).not.toBe(key);
  });

  it('gives back exactly what it was given, from a file in import-cache/ and no temporary left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-cache-'));
    const { cache, warnings } = cacheIn(dir);
    const key = PreparedImportCache.keyOf(input);
    expect(cache.read(key)).toBeNull();
    const value = prepared();
    cache.write(key, value);
    expect(readdirSync(join(dir, CACHE_DIR))).toEqual([`${key}.json`]);
    expect(cache.read(key)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(cache.read(key)!.records.map((r) => r.id)).toEqual(value.records.map((r) => r.id));
    expect(warnings).toEqual([]);
  });

  it('ignores and deletes a damaged or foreign file, so the import is prepared again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-cache-'));
    const { cache, warnings } = cacheIn(dir);
    const key = PreparedImportCache.keyOf(input);
    cache.write(key, prepared());
    const file = join(dir, CACHE_DIR, `${key}.json`);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"records":[{', '"records":[{"x":1,'));
    expect(cache.read(key)).toBeNull();
    expect(readdirSync(join(dir, CACHE_DIR))).toEqual([]);
    expect(warnings[0]).toMatch(/truncated or damaged/);
    // A file of the right name made for other files (another key in its header).
    writeFileSync(file, text.replace(key, '0'.repeat(64)));
    expect(cache.read(key)).toBeNull();
    expect(warnings[1]).toMatch(/another format or for other files/);
    writeFileSync(file, text.slice(0, 100));
    expect(cache.read(key)).toBeNull();
  });

  it('stays within its bound: the oldest files go, and one too large is not written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-cache-'));
    const value = prepared();
    const size = JSON.stringify(value).length;
    const { cache } = cacheIn(dir, Math.floor(size * 2.5));
    cache.write('a'.repeat(64), value);
    cache.write('b'.repeat(64), value);
    cache.write('c'.repeat(64), value);
    expect(readdirSync(join(dir, CACHE_DIR)).sort()).toEqual([`${'b'.repeat(64)}.json`, `${'c'.repeat(64)}.json`]);
    const small = cacheIn(mkdtempSync(join(tmpdir(), 'kg-cache-')), 100);
    small.cache.write('d'.repeat(64), value);
    expect(small.cache.read('d'.repeat(64))).toBeNull();
    expect(small.warnings[0]).toMatch(/larger than KG_IMPORT_CACHE_MB/);
  });
});
