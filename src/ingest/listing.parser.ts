import type { InputProblem } from '../domain/errors';
import type { EntryField, RawEntry } from '../domain/import.types';
import type { ParseResult } from './parse-result';
import { MAX_TITLE } from './publication.input';
import { quoted } from './text.normalize';

type BlockField = 'country' | 'region' | 'authors' | 'year' | 'category';

/** A Map, not an object: a line reading "constructor" or "__proto__" is text, not a property name. */
const LABELS: ReadonlyMap<string, BlockField> = new Map<string, BlockField>([
  ['country', 'country'], ['countries', 'country'],
  ['region', 'region'], ['regions', 'region'],
  ['author', 'authors'], ['authors', 'authors'],
  ['year', 'year'],
  ['category', 'category'], ['categories', 'category'],
]);
/** Longer than any label in LABELS, even upper-cased (lower-casing never shortens a string). */
const MAX_LABEL_LINE = 40;
const KNOWN_LABELS = 'Country, Region, Authors, Year, Category';
const BOILERPLATE = new Set(['skip to main content']);
/** One capitalised word of at most 20 letters, optionally with a colon: the shape of every label on the page. */
const LABEL_SHAPE = /^\p{Lu}\p{L}{0,19}:?$/u;
/**
 * Field names library pages print that we do not import. A capitalised word alone cannot tell
 * "Language" from "Pacific", so these names are flagged even where a block value could stand.
 */
const FOREIGN_LABELS = new Set([
  'language', 'languages', 'publisher', 'publishers', 'organisation', 'organisations', 'organization',
  'organizations', 'type', 'format', 'source', 'sources', 'tag', 'tags', 'topic', 'topics', 'theme',
  'themes', 'keywords', 'date', 'published', 'link', 'url', 'pages', 'series', 'isbn', 'doi', 'editor',
  'editors', 'summary', 'description', 'download', 'file', 'licence', 'license',
]);
const MAX_HEADING = 80;
// Titles are capped at MAX_TITLE characters by validation; a longer first line must be an abstract.
/** Block values (places, names) are short; a longer line after a label-shaped word is prose. */
const MAX_VALUE = 200;

interface Draft {
  title: string;
  titleLine: number;
  paragraphs: string[];
  fieldLines: Partial<Record<EntryField, number>>;
  /** The line of each value, per block. */
  valueLines: Partial<Record<BlockField, number[]>>;
  values: Record<BlockField, string[]>;
  /** The block values go to; null while skipping the values of an unknown or duplicate block. */
  block: BlockField | null;
  blockValues: number;
}

/** Returns the known field a line labels ("Country", "regions:", ...), or undefined. */
function labelOf(line: string): BlockField | undefined {
  // Every label is a short word; skipping long lines (abstracts) keeps parsing linear in cheap checks.
  if (line.length > MAX_LABEL_LINE && !line.endsWith(':')) return undefined;
  return LABELS.get(line.replace(/:$/, '').trim().toLowerCase());
}

/**
 * Parses a library listing page; returns every entry it could delimit plus structural problems (never throws).
 *
 * Layout: optional "Skip to main content", optional page heading, then entries. An entry is a title
 * line, its abstract (every non-label line up to the first label; blank lines separate paragraphs,
 * joined with "\n", lines within a paragraph with " "), then label blocks whose values follow one
 * per line (`;` separates several values on a line, except under Year). A blank line followed by a
 * non-label line ends the entry and starts the next one; a blank line followed by a label continues it.
 *
 * Page heading: the lines before the first label are grouped into blank-separated paragraphs. If
 * there are at least three, and the first two are single lines with the first at most 80 characters,
 * the first is the heading (the next is then a title, followed by an abstract). Otherwise the first
 * paragraph starts the first entry: a title immediately followed by its abstract means no heading.
 *
 * Unknown block label: a line that (1) has the label shape (one capitalised word of at most 20
 * letters, optional colon) and is not a known label, (2) is followed directly by a value line
 * (non-blank, not a label, at most 200 characters) and (3) cannot be a value where it stands: it ends
 * with a colon, or it is a field name such pages print (Language, Publisher, ...), or it comes after
 * the abstract (a one-word line is not prose), or after the single value of Year. A line right after
 * a label is otherwise always that label's value, which is how "Bangladesh" under Country or a second
 * region such as "Pacific" stay values.
 */
export function parseListing(text: string, file: string): ParseResult {
  return new ListingReader(text, file).read();
}

type State = 'title' | 'abstract' | 'blocks' | 'orphan';

/** One pass over the page's lines; a class so the entry being built and the state are plain fields. */
class ListingReader {
  private readonly lines: string[];
  private readonly problems: InputProblem[] = [];
  private readonly entries: RawEntry[] = [];
  private cur: Draft | null = null;
  private state: State = 'orphan';

  constructor(text: string, private readonly file: string) {
    this.lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).map((l) => l.trim());
  }

  read(): ParseResult {
    const { lines } = this;
    let start = 0;
    while (start < lines.length && (lines[start] === '' || BOILERPLATE.has(lines[start].toLowerCase()))) start++;
    const firstLabel = lines.findIndex((l, i) => i >= start && labelOf(l) !== undefined);
    if (firstLabel < 0) return this.result(null);

    const paragraphs: number[] = []; // start index of each paragraph before the first label
    const lengths: number[] = [];
    for (let i = start; i < firstLabel; i++) {
      if (lines[i] === '') continue;
      if (i === start || lines[i - 1] === '') { paragraphs.push(i); lengths.push(0); }
      lengths[lengths.length - 1]++;
    }
    const hasHeading = paragraphs.length >= 3 && lengths[0] === 1 && lengths[1] === 1
      && lines[paragraphs[0]].length <= MAX_HEADING;

    let from = firstLabel;
    if (paragraphs.length === 0) {
      this.problem(firstLabel, 'title', `entry has no title: block label ${quoted(lines[firstLabel])} comes before any title`);
    } else {
      const title = hasHeading ? paragraphs[1] : paragraphs[0];
      this.open(title);
      from = title + 1;
    }
    let blank = false;
    for (let i = from; i < lines.length; i++) {
      if (lines[i] === '') { blank = true; continue; }
      this.take(i, blank);
      blank = false;
    }
    this.close();
    return this.result(hasHeading ? lines[paragraphs[0]] : null);
  }

  /** Consumes one non-blank line; afterBlank says whether blank lines came just before it. */
  private take(i: number, afterBlank: boolean): void {
    const line = this.lines[i];
    const label = labelOf(line);
    const d = this.cur;
    if (this.state === 'orphan' || !d) {
      if (!label && afterBlank) this.open(i); // a new title ends the run of labels that had no entry
      return;
    }
    if (label) {
      this.openBlock(d, label, i, afterBlank);
    } else if (this.state === 'blocks' && afterBlank) {
      this.close();
      this.open(i);
    } else if (this.state === 'title') {
      d.paragraphs.push(line);
      d.fieldLines.abstract = i + 1;
      this.state = 'abstract';
    } else if (this.isUnknownLabel(i, d)) {
      this.problem(i, 'label', `unknown block label "${line}" (known labels: ${KNOWN_LABELS})`);
      d.block = null; // its values belong to no field we know; the problem above already stops the import
      this.state = 'blocks';
    } else if (this.state === 'abstract') {
      if (afterBlank) d.paragraphs.push(line);
      else d.paragraphs[d.paragraphs.length - 1] += ' ' + line;
    } else if (d.block !== null) {
      const values = d.block === 'year' ? [line] : line.split(';').map((v) => v.trim()).filter((v) => v !== '');
      // An error about a value names the value's own line, not the label above it.
      if (d.blockValues === 0) d.fieldLines[d.block] = i + 1;
      // One push per value: spreading a line of 90,000 values into push() overflows the call stack.
      const into = d.values[d.block];
      const lines = (d.valueLines[d.block] ??= []);
      for (const value of values) {
        into.push(value);
        lines.push(i + 1);
      }
      d.blockValues++;
    }
  }

  private openBlock(d: Draft, label: BlockField, i: number, afterBlank: boolean): void {
    const line = this.lines[i];
    if (d.fieldLines[label] === undefined) {
      d.fieldLines[label] = i + 1;
      d.block = label;
      d.blockValues = 0;
      this.state = 'blocks';
    } else if (afterBlank) {
      // After a blank line a repeated label starts a new set of blocks: an entry whose title is missing.
      this.problem(i, label, `block label ${quoted(line)} belongs to no entry: ${quoted(d.title)} already has one (is a title missing?)`);
      this.close();
      this.state = 'orphan';
    } else {
      this.problem(i, label, `duplicate block label ${quoted(line)} in entry ${quoted(d.title)}`);
      d.block = null;
      this.state = 'blocks';
    }
  }

  private isUnknownLabel(i: number, d: Draft): boolean {
    const line = this.lines[i];
    const next = this.lines[i + 1];
    if (!LABEL_SHAPE.test(line) || next === undefined || next === '' || next.length > MAX_VALUE) return false;
    if (labelOf(next) !== undefined) return false;
    return line.endsWith(':') || FOREIGN_LABELS.has(line.replace(/:$/, '').toLowerCase())
      || this.state === 'abstract' || (d.block === 'year' && d.blockValues > 0);
  }

  private open(i: number): void {
    this.cur = {
      title: this.lines[i], titleLine: i + 1, paragraphs: [], fieldLines: { title: i + 1 }, valueLines: {},
      values: { country: [], region: [], authors: [], year: [], category: [] }, block: null, blockValues: 0,
    };
    this.state = 'title';
  }

  private close(): void {
    const d = this.cur;
    this.cur = null;
    if (!d) return;
    if (d.paragraphs.length === 0) {
      if (d.title.length > MAX_TITLE) {
        this.problem(d.titleLine - 1, 'title', `entry has no title: this ${d.title.length}-character line reads as an abstract`);
        return; // not an entry of its own: leaving it out avoids a second, misleading "title too long"
      }
      this.problem(d.titleLine - 1, 'abstract', 'entry has no abstract: the title must be followed by a blank line and an abstract paragraph');
    }
    this.entries.push({
      location: { file: this.file, line: d.titleLine },
      fieldLines: d.fieldLines,
      valueLines: d.valueLines,
      title: d.title,
      abstract: d.paragraphs.join('\n'),
      countries: d.values.country,
      regions: d.values.region,
      authors: d.values.authors,
      year: d.values.year.join(' '),
      categories: d.values.category,
      pageCategory: null,
    });
  }

  private problem(index: number, field: string, message: string): void {
    this.problems.push({ file: this.file, line: index + 1, field, message });
  }

  private result(pageCategory: string | null): ParseResult {
    if (this.entries.length === 0 && this.problems.length === 0) this.problem(0, 'file', 'empty file: no entries found');
    const entries = this.entries.map((e) => ({ ...e, pageCategory }));
    return { file: this.file, format: 'listing', pageCategory, entries, problems: this.problems };
  }
}
