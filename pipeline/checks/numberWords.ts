/**
 * Small numbers spelled out in words, per language, so that a figure
 * written as a word is reported as a warning rather than as lost. Covers
 * what an official text spells out: 1 to 12, the tens to 100, 1000. Pure.
 */
const words: Record<string, Record<string, string[]>> = {
  en: {
    1: ['one'],
    2: ['two'],
    3: ['three'],
    4: ['four'],
    5: ['five'],
    6: ['six'],
    7: ['seven'],
    8: ['eight'],
    9: ['nine'],
    10: ['ten'],
    11: ['eleven'],
    12: ['twelve'],
    20: ['twenty'],
    30: ['thirty'],
    40: ['forty'],
    50: ['fifty'],
    100: ['hundred'],
    1000: ['thousand'],
  },
  fr: {
    1: ['un', 'une'],
    2: ['deux'],
    3: ['trois'],
    4: ['quatre'],
    5: ['cinq'],
    6: ['six'],
    7: ['sept'],
    8: ['huit'],
    9: ['neuf'],
    10: ['dix'],
    11: ['onze'],
    12: ['douze'],
    20: ['vingt'],
    30: ['trente'],
    40: ['quarante'],
    50: ['cinquante'],
    100: ['cent'],
    1000: ['mille'],
  },
  es: {
    1: ['uno', 'una'],
    2: ['dos'],
    3: ['tres'],
    4: ['cuatro'],
    5: ['cinco'],
    6: ['seis'],
    7: ['siete'],
    8: ['ocho'],
    9: ['nueve'],
    10: ['diez'],
    11: ['once'],
    12: ['doce'],
    20: ['veinte'],
    30: ['treinta'],
    40: ['cuarenta'],
    50: ['cincuenta'],
    100: ['cien', 'ciento'],
    1000: ['mil'],
  },
  ru: {
    1: ['один', 'одна', 'одно'],
    2: ['два', 'две'],
    3: ['три'],
    4: ['четыре'],
    5: ['пять'],
    6: ['шесть'],
    7: ['семь'],
    8: ['восемь'],
    9: ['девять'],
    10: ['десять'],
    11: ['одиннадцать'],
    12: ['двенадцать'],
    20: ['двадцать'],
    30: ['тридцать'],
    40: ['сорок'],
    50: ['пятьдесят'],
    100: ['сто'],
    1000: ['тысяча'],
  },
  az: {
    1: ['bir'],
    2: ['iki'],
    3: ['üç'],
    4: ['dörd'],
    5: ['beş'],
    6: ['altı'],
    7: ['yeddi'],
    8: ['səkkiz'],
    9: ['doqquz'],
    10: ['on'],
    20: ['iyirmi'],
    30: ['otuz'],
    40: ['qırx'],
    50: ['əlli'],
    100: ['yüz'],
    1000: ['min'],
  },
  ar: {
    1: ['واحد', 'واحدة'],
    2: ['اثنان', 'اثنين'],
    3: ['ثلاثة', 'ثلاث'],
    4: ['أربعة', 'أربع'],
    5: ['خمسة', 'خمس'],
    6: ['ستة', 'ست'],
    7: ['سبعة', 'سبع'],
    8: ['ثمانية', 'ثماني'],
    9: ['تسعة', 'تسع'],
    10: ['عشرة', 'عشر'],
    20: ['عشرين', 'عشرون'],
    30: ['ثلاثين', 'ثلاثون'],
    50: ['خمسين', 'خمسون'],
    100: ['مائة', 'مئة'],
    1000: ['ألف'],
  },
};

/** Per language: one pattern for all its number words, and the figure each word stands for. */
const compiled = new Map<string, { re: RegExp; figure: Map<string, string> } | undefined>();

function patternOf(lang: string): { re: RegExp; figure: Map<string, string> } | undefined {
  if (compiled.has(lang)) return compiled.get(lang);
  const table = words[lang];
  let entry: { re: RegExp; figure: Map<string, string> } | undefined;
  if (table) {
    const figure = new Map<string, string>();
    for (const [n, forms] of Object.entries(table)) for (const f of forms) figure.set(f, n);
    // Longest first, so that a word is never cut short by a shorter one it starts with.
    const alternatives = [...figure.keys()].sort((a, b) => b.length - a.length);
    entry = { re: new RegExp(`(?<![\\p{L}])(?:${alternatives.join('|')})(?![\\p{L}])`, 'gu'), figure };
  }
  compiled.set(lang, entry);
  return entry;
}

/** The figures (as digit strings) that a text spells out in the locale's words, in the order of the locale's table. */
export function spelledNumbers(text: string, locale: string): string[] {
  const lang = locale.split('-')[0]!; // split yields at least one part
  const entry = patternOf(lang);
  if (!entry) return [];
  const found = new Set<string>();
  for (const m of text.toLocaleLowerCase(locale).matchAll(entry.re)) found.add(entry.figure.get(m[0])!);
  return Object.keys(words[lang] ?? {}).filter((n) => found.has(n));
}

/**
 * Ordinals written as words, per language: a pattern (matched on the lower-cased
 * text, as a whole word) and the figure it stands for. "Article premier" is
 * how French writes "Article 1", so an ordinal word matches the source's
 * figure as a numeral would. Inflected forms are covered by their endings.
 * Chinese ordinals (第一条, 第十二条) are numerals and read by `figures`.
 */
const ordinals: Record<string, Array<[string, string]>> = {
  en: [
    ['first', '1'],
    ['second', '2'],
    ['third', '3'],
    ['fourth', '4'],
    ['fifth', '5'],
    ['sixth', '6'],
    ['seventh', '7'],
    ['eighth', '8'],
    ['ninth', '9'],
    ['tenth', '10'],
    ['eleventh', '11'],
    ['twelfth', '12'],
    ['twentieth', '20'],
    ['thirtieth', '30'],
    ['hundredth', '100'],
  ],
  fr: [
    ['premi(?:er|ère)s?', '1'],
    ['(?:deuxième|second(?:e)?)s?', '2'],
    ['troisièmes?', '3'],
    ['quatrièmes?', '4'],
    ['cinquièmes?', '5'],
    ['sixièmes?', '6'],
    ['septièmes?', '7'],
    ['huitièmes?', '8'],
    ['neuvièmes?', '9'],
    ['dixièmes?', '10'],
    ['onzièmes?', '11'],
    ['douzièmes?', '12'],
    ['vingtièmes?', '20'],
    ['trentièmes?', '30'],
    ['centièmes?', '100'],
  ],
  es: [
    ['primer(?:o|a|os|as)?', '1'],
    ['segund(?:o|a|os|as)', '2'],
    ['tercer(?:o|a|os|as)?', '3'],
    ['cuart(?:o|a|os|as)', '4'],
    ['quint(?:o|a|os|as)', '5'],
    ['sext(?:o|a|os|as)', '6'],
    ['séptim(?:o|a|os|as)', '7'],
    ['octav(?:o|a|os|as)', '8'],
    ['noven(?:o|a|os|as)', '9'],
    ['décim(?:o|a|os|as)', '10'],
    ['undécim(?:o|a)', '11'],
    ['duodécim(?:o|a)', '12'],
    ['vigésim(?:o|a|os|as)', '20'],
    ['trigésim(?:o|a|os|as)', '30'],
    ['centésim(?:o|a)', '100'],
  ],
  ru: [
    ...(
      [
        ['перв', '1'],
        ['втор', '2'],
        ['трет', '3'],
        ['четв[её]рт', '4'],
        ['пят', '5'],
        ['шест', '6'],
        ['седьм', '7'],
        ['восьм', '8'],
        ['девят', '9'],
        ['десят', '10'],
        ['одиннадцат', '11'],
        ['двенадцат', '12'],
        ['двадцат', '20'],
        ['тридцат', '30'],
        ['сот', '100'],
      ] as Array<[string, string]>
    ).map(([stem, n]): [string, string] => [
      `${stem}(?:ый|ий|ая|ое|ые|ого|ой|ому|ым|ом|ую|ых|ыми|ья|ье|ьи|ьего|ьей|ьему|ьим|ьем|ью|ьих|ьими)`,
      n,
    ]),
  ],
  // Azerbaijani ordinals take case and possessive endings (birincisi, ikinci­də): the stem is enough.
  az: [
    ['birinci\\p{L}*', '1'],
    ['ikinci\\p{L}*', '2'],
    ['üçüncü\\p{L}*', '3'],
    ['dördüncü\\p{L}*', '4'],
    ['beşinci\\p{L}*', '5'],
    ['altıncı\\p{L}*', '6'],
    ['yeddinci\\p{L}*', '7'],
    ['səkkizinci\\p{L}*', '8'],
    ['doqquzuncu\\p{L}*', '9'],
    ['onuncu\\p{L}*', '10'],
    ['iyirminci\\p{L}*', '20'],
    ['otuzuncu\\p{L}*', '30'],
    ['yüzüncü\\p{L}*', '100'],
  ],
};

/** Arabic ordinal stems (masculine; the feminine adds ة) and tens, with their values. */
const arUnits: Record<string, number> = {
  أول: 1,
  أولى: 1,
  اولى: 1,
  حادي: 1,
  ثاني: 2,
  ثالث: 3,
  رابع: 4,
  خامس: 5,
  سادس: 6,
  سابع: 7,
  ثامن: 8,
  تاسع: 9,
  عاشر: 10,
};
const arTens: Record<string, number> = {
  عشرون: 20,
  عشرين: 20,
  ثلاثون: 30,
  ثلاثين: 30,
  أربعون: 40,
  أربعين: 40,
  خمسون: 50,
  خمسين: 50,
  ستون: 60,
  ستين: 60,
  سبعون: 70,
  سبعين: 70,
  ثمانون: 80,
  ثمانين: 80,
  تسعون: 90,
  تسعين: 90,
};
const arUnit = `(?:ال)?(${Object.keys(arUnits).join('|')})ة?`;
const arTen = `(${Object.keys(arTens).join('|')})`;
/**
 * Arabic ordinals, after a one-letter prefix (و، ب، ل، ف): a unit (الأولى,
 * الثانية), a teen (الحادية عشرة = 11), a unit and tens (الحادية والعشرون = 21),
 * or tens with the article (الثلاثون = 30).
 */
const arOrdinal = new RegExp(
  `(?<![\\p{L}])[وبلف]?(?:${arUnit}\\s+عشرة?|${arUnit}\\s+و(?:ال)?${arTen}|ال${arTen}|${arUnit})(?![\\p{L}])`,
  'gu',
);

function arabicOrdinals(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(arOrdinal)) {
    const [, teen, unit, tens, tensAlone, alone] = m;
    // Each group is one of its table's keys (the pattern is made of them), and tens comes with unit.
    if (teen) out.push(String(10 + arUnits[teen]!));
    else if (unit) out.push(String(arTens[tens!]! + arUnits[unit]!));
    else if (tensAlone) out.push(String(arTens[tensAlone]!));
    else if (alone) out.push(String(arUnits[alone]!));
  }
  return out;
}

const ordinalPatterns = new Map<string, Array<[RegExp, string]>>();
const ordinalAny = new Map<string, RegExp | undefined>();

/** The figures (digit strings) that a text writes as ordinal words of the locale, once per occurrence, in text order. */
export function ordinalNumbers(text: string, locale: string): string[] {
  const lang = locale.split('-')[0]!; // split yields at least one part
  if (lang === 'ar') return arabicOrdinals(text);
  // One pass first over all of a language's ordinal words: most texts hold none, and a Unicode-class pattern
  // costs more to compile than to run, so each word's own pattern is compiled only once a text holds one.
  if (!ordinalAny.has(lang)) {
    const any = ordinals[lang]?.map(([p]) => `(?:${p})`).join('|');
    ordinalAny.set(lang, any ? new RegExp(`(?<![\\p{L}])(?:${any})(?![\\p{L}])`, 'u') : undefined);
  }
  const any = ordinalAny.get(lang);
  if (!any) return [];
  const lowered = text.toLocaleLowerCase(locale);
  if (!any.test(lowered)) return [];
  let patterns = ordinalPatterns.get(lang);
  if (!patterns)
    ordinalPatterns.set(
      lang,
      (patterns = ordinals[lang]!.map(([p, n]) => [new RegExp(`(?<![\\p{L}])(?:${p})(?![\\p{L}])`, 'gu'), n])),
    );
  const found: Array<[number, string]> = [];
  for (const [re, n] of patterns) for (const m of lowered.matchAll(re)) found.push([m.index, n]);
  return found.sort((a, b) => a[0] - b[0]).map(([, n]) => n);
}
