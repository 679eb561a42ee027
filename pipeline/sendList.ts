/** `dist/send-list.csv`: who gets which file, in which language and why. Pure. */

const field = (v: unknown) => {
  let s = v === undefined || v === null ? '' : String(v);
  // A name starting with = + - @ would run as a formula in a spreadsheet: make it text.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The send list: one row per letter, in manifest order. */
export function sendListCsv(letters: Array<{ addressee: string; name: string; locale: string; reason: string; pdf: string | null; html: string; sha256: string | null; pages: number | null; contact?: string }>): string {
  const rows = [['addressee', 'name', 'language', 'reason', 'file', 'sha256', 'pages', 'contact']];
  for (const l of letters) rows.push([l.addressee, l.name, l.locale, l.reason, l.pdf ?? l.html, l.sha256 ?? '', l.pages === null ? '' : String(l.pages), l.contact ?? '']);
  return `${rows.map((r) => r.map(field).join(',')).join('\n')}\n`;
}
