/**
 * gettext plural forms of a locale: its `Plural-Forms` header and, for each
 * `msgstr[n]`, the CLDR category (i18next suffix) it holds, found by
 * evaluating the gettext rule on sample counts and asking Intl.PluralRules
 * what category each count is. Known for the rules below; another locale's
 * plural keys go out as separate entries. Pure.
 */

interface Rule {
  header: string;
  index: (n: number) => number;
}

const twoNotOne: Rule = { header: 'nplurals=2; plural=(n != 1);', index: (n) => (n !== 1 ? 1 : 0) };

/** The gettext rules (as the GNU gettext manual gives them) by language. */
const rules: Record<string, Rule> = {
  en: twoNotOne,
  de: twoNotOne,
  es: twoNotOne,
  it: twoNotOne,
  az: twoNotOne,
  nl: twoNotOne,
  tr: twoNotOne,
  fr: { header: 'nplurals=2; plural=(n > 1);', index: (n) => (n > 1 ? 1 : 0) },
  ru: {
    header: 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);',
    index: (n) =>
      n % 10 === 1 && n % 100 !== 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2,
  },
  ar: {
    header: 'nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);',
    index: (n) => (n === 0 ? 0 : n === 1 ? 1 : n === 2 ? 2 : n % 100 >= 3 && n % 100 <= 10 ? 3 : n % 100 >= 11 ? 4 : 5),
  },
  zh: { header: 'nplurals=1; plural=0;', index: () => 0 },
  ja: { header: 'nplurals=1; plural=0;', index: () => 0 },
};

/** A locale's gettext plurals: the header and the category of each msgstr index. */
export interface GettextPlurals {
  header: string;
  categories: string[];
}

/** The gettext plurals of a locale (by its language subtag), or undefined when not known. */
export function gettextPlurals(locale: string): GettextPlurals | undefined {
  const rule = rules[locale.toLowerCase().split(/[-_]/)[0]!]; // split yields at least one part
  if (!rule) return undefined;
  const select = new Intl.PluralRules(locale);
  const categories: string[] = [];
  for (let n = 0; n <= 1000; n++) {
    const i = rule.index(n);
    categories[i] ??= select.select(n);
  }
  // Two indices naming one category would lose a form: then plurals are not written as such.
  if (new Set(categories).size !== categories.length || categories.some((c) => c === undefined)) return undefined;
  return { header: rule.header, categories };
}
