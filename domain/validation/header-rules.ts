/**
 * The rules of the file's `campaign` header that the schema cannot check: the plan's number (an
 * issued one, not a blank form, unless a draft that is not started) and the secretariat's contacts.
 */
import { isPlaceholderNumber } from '../plan-document';
import type { PathSegment } from '../yaml-source';
import { asArr, asStr, isObj, valueAt } from './raw-data';
import type { Report } from './problems';

/**
 * A blank number form ("…/BCT-VP") is a draft's, not an issued plan's; a draft never starts (its
 * messages would carry a number nobody can cite). `starting`: the file is being started.
 */
export function checkPlanNumber(report: Report, data: unknown, starting: boolean): void {
  const plan = valueAt(data, ['campaign', 'plan']);
  if (!isObj(plan)) return;
  const number = asStr(plan.number);
  const draft = plan.draft === true;
  if (number !== undefined && number.trim() !== '' && !draft && isPlaceholderNumber(number)) {
    report.add('error', ['campaign', 'plan', 'number'], 'placeholderNumber', { number });
  }
  if (draft && starting) {
    report.add('error', ['campaign', 'plan', 'draft'], 'draftStart', {});
  }
}

/** Each contact names someone (a person or an office) and a way to reach them. */
export function checkContacts(report: Report, data: unknown): void {
  const path: PathSegment[] = ['campaign', 'secretariat', 'contacts'];
  const contacts = asArr(valueAt(data, path));
  let anyEmail = false;
  contacts.forEach((c, i) => {
    if (!isObj(c)) return;
    const has = (key: string) => typeof c[key] === 'string' && (c[key] as string).trim() !== '';
    if (has('email')) anyEmail = true;
    if (!has('name') && !has('division')) report.add('error', [...path, i], 'contactUnnamed', {});
    if (!has('email') && !has('phone') && !has('fax') && c.email === undefined) {
      report.add('error', [...path, i], 'contactUnreachable', {});
    }
  });
  if (contacts.length > 0 && contacts.every(isObj) && !anyEmail) {
    report.add('warning', path, 'noSecretariatEmail', {}, 'key');
  }
}
