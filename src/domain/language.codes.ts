/** The code of a publication whose language is unknown (ISO 639-2's "undetermined"). */
export const UNDETERMINED_LANGUAGE = 'und';

/**
 * ISO 639-1's two-letter codes (the Library of Congress registry, deprecated codes such as `iw`
 * and `in` left out). Written out rather than read from Intl, whose list differs between Node
 * builds: a code the API accepts must not depend on the ICU a machine ships.
 */
const ISO_639_1: ReadonlySet<string> = new Set((
  'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ' +
  'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik ' +
  'io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml ' +
  'mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd ' +
  'se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi ' +
  'vo wa wo xh yi yo za zh zu'
).split(' '));

/** How many language codes there are: ISO 639-1's and `und` (what a complete count by language can hold). */
export const LANGUAGE_CODE_COUNT = ISO_639_1.size + 1;

/** Returns the code in lower case when `value` is an ISO 639-1 code or `und` (any case, surrounding spaces ignored), else null. */
export function languageCode(value: string): string | null {
  const code = value.trim().toLowerCase();
  return code === UNDETERMINED_LANGUAGE || ISO_639_1.has(code) ? code : null;
}

/** The sentence that says what a language code must be, for error messages. */
export const LANGUAGE_CODE_RULE = 'an ISO 639-1 code (two letters, such as "en" or "es") or "und"';
