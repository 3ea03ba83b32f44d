import { LANGUAGE_CODE_COUNT, UNDETERMINED_LANGUAGE, languageCode } from '../../src/domain/language.codes';
import { validateEntry } from '../../src/ingest/publication.input';

describe('languageCode', () => {
  it('accepts ISO 639-1 codes and und in any case, lower-cased and trimmed', () => {
    expect(['en', 'ES', ' pt ', 'Fr', 'zu', 'und', 'UND'].map(languageCode)).toEqual(['en', 'es', 'pt', 'fr', 'zu', 'und', 'und']);
    expect(UNDETERMINED_LANGUAGE).toBe('und');
    expect(LANGUAGE_CODE_COUNT).toBe(185);
  });

  it('refuses names, three-letter codes, deprecated and unassigned codes', () => {
    expect(['Spanish', 'Español', 'spa', 'eng', 'iw', 'in', 'xx', 'e', '', 'en-GB', 'e n'].map(languageCode)).toEqual(Array(11).fill(null));
  });
});

describe('validateEntry with a stated language', () => {
  const entry = (language?: string) => ({
    location: { file: 'x.json', line: 2, record: 1 }, fieldLines: { title: 3, language: 6 },
    title: 'A title', abstract: '', countries: ['Peru'], regions: [], authors: [], year: '2020', categories: [], pageCategory: null,
    ...(language !== undefined ? { language } : {}),
  });

  it('keeps it in lower case, and treats a blank one as none', () => {
    expect(validateEntry(entry(' ES ')).input?.language).toBe('es');
    expect(validateEntry(entry('und')).input?.language).toBe('und');
    expect('language' in validateEntry(entry('  ')).input!).toBe(false);
    expect('language' in validateEntry(entry()).input!).toBe(false);
  });

  it('refuses anything else on the language line', () => {
    expect(validateEntry(entry('Spanish'))).toEqual({
      problems: [{ file: 'x.json', line: 6, field: 'language', message: '"Spanish" is not an ISO 639-1 code (two letters, such as "en" or "es") or "und"' }],
    });
  });
});
