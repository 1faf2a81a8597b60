import type { PegChange } from '../../../core/plans';
import type { Translate } from '../../i18n/i18n';

const tenth = (n: number) => Math.round(n * 10) / 10;

/**
 * What changed on the pain score, said to the participant in his or her language (issue #16): the
 * same sentences the server words in English (`describePegChange` with 'you'), from the catalog.
 */
export function pegChangeWords(change: PegChange, t: Translate): string {
  if (change.kind === 'none' || change.first === null || change.latest === null) return t('plans.change.none');
  const scores = { first: tenth(change.first), latest: tenth(change.latest) };
  if (change.kind === 'baseline' || change.difference === null) return t('plans.change.baseline', { first: scores.first });
  const points = Math.abs(change.difference);
  const said =
    change.difference === 0
      ? t('plans.change.same', scores)
      : !change.isMeaningful
        ? t('plans.change.aboutSame', { ...scores, points, direction: change.difference < 0 ? 'lower' : 'higher' })
        : t(change.difference < 0 ? 'plans.change.lower' : 'plans.change.higher', { ...scores, points });
  return change.isEarly ? `${said} ${t('plans.change.early')}` : said;
}
