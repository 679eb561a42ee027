/**
 * Findings grouped by check, with counts per locale: what `status` and the
 * status page show first, so that a reviewer sees "3 quotes warnings in fr"
 * before reading them one by one. Pure.
 */
import type { Issue } from './types.js';

/** One check's unwaived findings, counted per locale, and every finding of it (waived too). */
export interface CheckGroup {
  check: string;
  /** Per locale (every locale reported, in report order): unwaived errors and warnings, and waived findings. */
  counts: Record<string, { errors: number; warnings: number; waived: number }>;
  /** The findings of this check, locale by locale. */
  issues: Array<Issue & { locale: string }>;
}

/** Groups a report's issues by check: checks with an unwaived error first, then by name. */
export function groupByCheck(report: Record<string, { issues: Issue[] }>): CheckGroup[] {
  const groups = new Map<string, CheckGroup>();
  const locales = Object.keys(report);
  for (const [locale, s] of Object.entries(report)) {
    for (const issue of s.issues) {
      let g = groups.get(issue.check);
      if (!g) {
        g = {
          check: issue.check,
          counts: Object.fromEntries(locales.map((l) => [l, { errors: 0, warnings: 0, waived: 0 }])),
          issues: [],
        };
        groups.set(issue.check, g);
      }
      const c = g.counts[locale]!; // counts has every reported locale
      if (issue.waived) c.waived++;
      else if (issue.severity === 'error') c.errors++;
      else c.warnings++;
      g.issues.push({ ...issue, locale });
    }
  }
  const hasError = (g: CheckGroup) => Object.values(g.counts).some((c) => c.errors > 0);
  return [...groups.values()].sort(
    (a, b) => Number(hasError(b)) - Number(hasError(a)) || (a.check < b.check ? -1 : a.check > b.check ? 1 : 0),
  );
}

/** A count cell: `2E 1W`, `1 waived`, or `·` for none. */
export function countCell(c: { errors: number; warnings: number; waived: number }): string {
  const parts = [
    c.errors ? `${c.errors}E` : '',
    c.warnings ? `${c.warnings}W` : '',
    c.waived ? `${c.waived} waived` : '',
  ].filter(Boolean);
  return parts.join(' ') || '·';
}
