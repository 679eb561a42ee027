/**
 * Large exchange files for the import bench: a real export of the project,
 * padded with reviewers' notes (XLIFF `<note>`, PO `#` comments) of a fixed
 * size until the file reaches a given size. The size of a note is chosen so
 * that a 20 MB XLIFF holds about 100,000 notes, as in the report that found
 * import quadratic in the number of elements.
 */

const note = (i: number) =>
  `reviewer note ${String(i).padStart(6, '0')}: checked against the printed original; figures, dates and names as in the source; no change needed in this unit.`.padEnd(
    190,
    '.',
  );

/** Pads an XLIFF 2.0 export to about `bytes`, notes spread evenly over its units. */
export function padXliff(xml: string, bytes: number): { text: string; notes: number } {
  const units = xml.split('<notes>').length - 1;
  const size = `<note>${note(0)}</note>\n`.length;
  const per = Math.max(0, Math.ceil((bytes - xml.length) / units / size));
  let n = 0;
  const text = xml.replace(
    /<notes>/g,
    () => `<notes>${Array.from({ length: per }, () => `<note>${note(++n)}</note>\n`).join('')}`,
  );
  return { text, notes: n };
}

/** Pads a PO export to about `bytes` with translator comments before each entry. */
export function padPo(po: string, bytes: number): { text: string; notes: number } {
  const entries = po.split('\nmsgctxt ').length - 1;
  const size = `# ${note(0)}\n`.length;
  const per = Math.max(0, Math.ceil((bytes - po.length) / entries / size));
  let n = 0;
  const text = po.replace(
    /\nmsgctxt /g,
    () => `\n${Array.from({ length: per }, () => `# ${note(++n)}\n`).join('')}msgctxt `,
  );
  return { text, notes: n };
}
