/**
 * Figures in text, normalized so that the same number reads the same in
 * every script: locale digits (٣٤١٠, ۳۴۱۰), grouping (3,410 = 3 410 =
 * 3.410 = 3 410), Chinese numerals (三十 = 30, 第三十条 = 30), Roman
 * numerals for centuries (XXe siècle = 20), ordinal suffixes (20th, 20e,
 * 366-й), Chinese ordinals (第一条 = 1, 第十二条 = 12). Pure.
 */

/** Converts every Unicode decimal digit to ASCII. */
export function asciiDigits(text: string): string {
  // ASCII digits stay as they are; only other scripts' digits are looked up.
  return text.replace(/(?![0-9])\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0)!;
    // Decimal digits come in runs of ten (some blocks hold several runs back to back): find the run's start.
    let start = cp;
    while (start > cp - 60 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    return String((cp - start) % 10);
  });
}

const groupSep = "[,.\\u00a0\\u202f\\u2009 '’٬]";
const numberPattern = new RegExp(`\\d{1,3}(?:${groupSep}\\d{3})+(?![\\d])|\\d+(?:[.,٫]\\d+)?`, 'g');

/** Numbers written with digits, grouping removed, decimal comma made a point. */
export function digitNumbers(text: string): string[] {
  const out: string[] = [];
  for (const m of asciiDigits(text).matchAll(numberPattern)) {
    const raw = m[0];
    const grouped = new RegExp(`^\\d{1,3}(?:${groupSep}\\d{3})+$`).test(raw);
    out.push(grouped ? raw.replace(/\D/g, '') : raw.replace(/[,٫]/, '.'));
  }
  return out.map(canonical);
}

function canonical(n: string): string {
  if (!n.includes('.')) return String(BigInt(n));
  const [a = '', b = ''] = n.split('.');
  const frac = b.replace(/0+$/, '');
  return frac ? `${BigInt(a)}.${frac}` : String(BigInt(a));
}

const cjkDigit: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const cjkUnit: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const cjkBig: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Value of a Chinese numeral such as 三十, 三百六十六, 四千, 一九九二 (digit by digit). */
export function chineseNumeral(s: string): number | undefined {
  if (!s) return undefined;
  if ([...s].every((c) => c in cjkDigit)) return Number([...s].map((c) => cjkDigit[c]).join(''));
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const c of s) {
    const [d, unit, big] = [cjkDigit[c], cjkUnit[c], cjkBig[c]];
    if (d !== undefined) digit = d;
    else if (unit !== undefined) {
      section += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    } else if (big !== undefined) {
      section += Math.max(digit, 0);
      total += section * big;
      section = 0;
      digit = -1;
    } else return undefined;
  }
  return total + section + Math.max(digit, 0);
}

/** Numbers written in Chinese numerals. */
export function chineseNumbers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[零〇一二两兩三四五六七八九十百千万萬亿億]+/g)) {
    // A lone 一 is usually the word "one"/"a" (一个, 一种): count it only as an ordinal (第一条) or with a unit.
    if (m[0] === '一' && text[m.index - 1] !== '第') continue;
    const v = chineseNumeral(m[0]);
    if (v !== undefined) out.push(String(v));
  }
  return out;
}

const roman: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** Value of a well-formed Roman numeral, or undefined. */
export function romanNumeral(s: string): number | undefined {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = roman[s.charAt(i)];
    const next = roman[s.charAt(i + 1)] ?? 0;
    if (v === undefined) return undefined;
    total += v < next ? -v : v;
  }
  const back = toRoman(total);
  return back === s ? total : undefined;
}

function toRoman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, r] of table)
    while (n >= v) {
      out += r;
      n -= v;
    }
  return out;
}

/** Roman numerals of two letters or more (XX, XXe, XX-й): centuries and the like. */
export function romanNumbers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?<![\p{L}])([IVXLCDM]{2,})(?=e\b|ème|er\b|-|\b|[^\p{L}])/gu)) {
    const v = romanNumeral(m[1]!); // group 1 is not optional
    if (v !== undefined) out.push(String(v));
  }
  return out;
}

/** Every figure of a text, normalized, as a multiset (value → count). */
export function figures(text: string, options: { roman?: boolean } = {}): Map<string, number> {
  const all = figureList(text, options);
  const out = new Map<string, number>();
  for (const n of all) out.set(n, (out.get(n) ?? 0) + 1);
  return out;
}

/** Every figure of a text, normalized: digits first, then Chinese and (with `roman`) Roman numerals, each in text order. */
export function figureList(text: string, options: { roman?: boolean } = {}): string[] {
  return [...digitNumbers(text), ...chineseNumbers(text), ...(options.roman ? romanNumbers(text) : [])];
}
