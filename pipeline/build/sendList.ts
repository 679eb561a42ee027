/** `dist/send-list.csv`: who gets which file, in which language and why. Pure. */

/** A phone number (`+994 12 493 55 14`): a `+`, digits and spaces, a number to a spreadsheet, not a formula. */
const phone = /^\+[0-9][0-9 ]*$/;

const field = (v: unknown) => {
  let s = v === undefined || v === null ? '' : String(v);
  // A cell starting with = + - @ (or a tab or CR) would run as a formula in a spreadsheet: make it text.
  if (/^[=+\-@\t\r]/.test(s) && !phone.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Options of the send list. */
export interface SendListOptions {
  /**
   * Start with a UTF-8 byte order mark (default true): Excel opened by a
   * double-click reads a CSV without one in the machine's legacy code page,
   * and Arabic or Chinese names come out as mojibake. Scripts that do not
   * expect a BOM ask for none (`build --no-csv-bom`).
   */
  bom?: boolean;
}

/** The send list: one row per letter, in manifest order. */
export function sendListCsv(
  letters: Array<{
    addressee: string;
    name: string;
    locale: string;
    reason: string;
    pdf: string | null;
    html: string;
    sha256: string | null;
    pages: number | null;
    contact?: string;
  }>,
  options: SendListOptions = {},
): string {
  const rows = [['addressee', 'name', 'language', 'reason', 'file', 'sha256', 'pages', 'contact']];
  for (const l of letters)
    rows.push([
      l.addressee,
      l.name,
      l.locale,
      l.reason,
      l.pdf ?? l.html,
      l.sha256 ?? '',
      l.pages === null ? '' : String(l.pages),
      l.contact ?? '',
    ]);
  return `${options.bom === false ? '' : '\uFEFF'}${rows.map((r) => r.map(field).join(',')).join('\n')}\n`;
}
