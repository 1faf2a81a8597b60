import { useWhen } from '../../app/when';
import { useT } from '../../i18n/i18n';
import { useProgram } from '../../app/program';
import { ButtonLink } from '../../ui/controls';
import { Section } from '../../ui/Page';
import { useCoachReminders } from './care.api';

/**
 * The coach's own reminders on Today (#6, ADR 0016): "Well-being check-in due" while this month
 * has no check-in, and "Booster session on …" for a booster in the next 14 days. Nothing when
 * neither applies (or while loading: the day's tasks come first).
 */
export function CoachReminders() {
  const when = useWhen();
  const program = useProgram();
  const t = useT();
  const coachId = program.can('wellbeing:record') ? (program.membership.coachId ?? '') : '';
  const reminders = useCoachReminders(program.programId, coachId);
  const r = reminders.data;
  if (!r || (!r.wellbeingDue && !r.nextBooster)) return null;
  return (
    <Section title={t('staff.coach.reminders.title')} id="today-for-you">
      <ul className="cards">
        {r.wellbeingDue ? (
          <li className="card">
            <h3 className="card__title">{t('staff.coach.reminders.wellbeingDue')}</h3>
            <p>{t('staff.coach.reminders.wellbeingWhy')}</p>
            <div className="card__actions">
              <ButtonLink to={program.to('my-wellbeing')}>{t('staff.coach.nav.wellbeing')}</ButtonLink>
            </div>
          </li>
        ) : null}
        {r.nextBooster ? (
          <li className="card">
            <h3 className="card__title">{t('staff.coach.reminders.booster', { date: when.dateOn(r.nextBooster.heldOn) })}</h3>
            <p>{r.nextBooster.topic}</p>
          </li>
        ) : null}
      </ul>
    </Section>
  );
}
