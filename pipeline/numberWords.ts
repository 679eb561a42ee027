/**
 * Small numbers spelled out in words, per language, so that a figure
 * written as a word is reported as a warning rather than as lost. Covers
 * what an official text spells out: 1 to 12, the tens to 100, 1000. Pure.
 */
const words: Record<string, Record<string, string[]>> = {
  en: { 1: ['one'], 2: ['two'], 3: ['three'], 4: ['four'], 5: ['five'], 6: ['six'], 7: ['seven'], 8: ['eight'], 9: ['nine'], 10: ['ten'], 11: ['eleven'], 12: ['twelve'], 20: ['twenty'], 30: ['thirty'], 40: ['forty'], 50: ['fifty'], 100: ['hundred'], 1000: ['thousand'] },
  fr: { 1: ['un', 'une'], 2: ['deux'], 3: ['trois'], 4: ['quatre'], 5: ['cinq'], 6: ['six'], 7: ['sept'], 8: ['huit'], 9: ['neuf'], 10: ['dix'], 11: ['onze'], 12: ['douze'], 20: ['vingt'], 30: ['trente'], 40: ['quarante'], 50: ['cinquante'], 100: ['cent'], 1000: ['mille'] },
  es: { 1: ['uno', 'una'], 2: ['dos'], 3: ['tres'], 4: ['cuatro'], 5: ['cinco'], 6: ['seis'], 7: ['siete'], 8: ['ocho'], 9: ['nueve'], 10: ['diez'], 11: ['once'], 12: ['doce'], 20: ['veinte'], 30: ['treinta'], 40: ['cuarenta'], 50: ['cincuenta'], 100: ['cien', 'ciento'], 1000: ['mil'] },
  ru: { 1: ['один', 'одна', 'одно'], 2: ['два', 'две'], 3: ['три'], 4: ['четыре'], 5: ['пять'], 6: ['шесть'], 7: ['семь'], 8: ['восемь'], 9: ['девять'], 10: ['десять'], 11: ['одиннадцать'], 12: ['двенадцать'], 20: ['двадцать'], 30: ['тридцать'], 40: ['сорок'], 50: ['пятьдесят'], 100: ['сто'], 1000: ['тысяча'] },
  az: { 1: ['bir'], 2: ['iki'], 3: ['üç'], 4: ['dörd'], 5: ['beş'], 6: ['altı'], 7: ['yeddi'], 8: ['səkkiz'], 9: ['doqquz'], 10: ['on'], 20: ['iyirmi'], 30: ['otuz'], 40: ['qırx'], 50: ['əlli'], 100: ['yüz'], 1000: ['min'] },
  ar: { 1: ['واحد', 'واحدة'], 2: ['اثنان', 'اثنين'], 3: ['ثلاثة', 'ثلاث'], 4: ['أربعة', 'أربع'], 5: ['خمسة', 'خمس'], 6: ['ستة', 'ست'], 7: ['سبعة', 'سبع'], 8: ['ثمانية', 'ثماني'], 9: ['تسعة', 'تسع'], 10: ['عشرة', 'عشر'], 20: ['عشرين', 'عشرون'], 30: ['ثلاثين', 'ثلاثون'], 50: ['خمسين', 'خمسون'], 100: ['مائة', 'مئة'], 1000: ['ألف'] },
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
  const lang = locale.split('-')[0];
  const entry = patternOf(lang);
  if (!entry) return [];
  const found = new Set<string>();
  for (const m of text.toLocaleLowerCase(locale).matchAll(entry.re)) found.add(entry.figure.get(m[0])!);
  return Object.keys(words[lang]).filter((n) => found.has(n));
}
