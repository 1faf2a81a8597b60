import { newClientKey } from '../../ui/client-key';
import { useId } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { DEFAULT_CRISIS_INFO, dialString, type CrisisInfo } from '../../../core/safety';
import { lastProgram, useOptionalProgram, useProgram } from '../../app/program';
import { useMe } from '../../app/session';
import { Button, ButtonLink } from '../../ui/controls';
import { Loading, Notice } from '../../ui/feedback';
import { FormErrors } from '../../ui/form';
import { Page, Section } from '../../ui/Page';
import { useCrisisInfo, useReportMistake, useRequestHelp } from './safety.api';
import './safety.css';
import { englishT, useT, type Translate } from '../../i18n/i18n';

const isVeteransCrisisLine = (c: CrisisInfo) => c.lineName === DEFAULT_CRISIS_INFO.lineName;

/** "Call 988, then press 1": what the caller dials, in the words the link is named by. */
export function callWords(c: CrisisInfo, t: Translate = englishT): string {
  return c.callPress
    ? t('safety.crisis.callThenPress', { number: c.callNumber, press: c.callPress })
    : t('safety.crisis.call', { number: c.callNumber });
}

/**
 * What to do now, as links a phone can act on in one tap: the emergency number, the crisis line
 * (call, text, chat) and the program's own contact. Every number is configured per program; the
 * defaults are 911 and the Veterans Crisis Line.
 */
export function CrisisNumbers({ crisis, level = 2 }: { crisis: CrisisInfo; level?: 2 | 3 }) {
  const id = useId();
  const t = useT();
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <div className="crisis">
      <section className="crisis__block crisis__block--emergency" aria-labelledby={`${id}-emergency`}>
        <H id={`${id}-emergency`}>{t('safety.crisis.dangerTitle')}</H>
        <p>{t('safety.crisis.dangerBody')}</p>
        <a className="button button--danger crisis__action" href={`tel:${dialString(crisis.emergencyNumber)}`}>
          {t('safety.crisis.call', { number: crisis.emergencyNumber })}
        </a>
      </section>
      <section className="crisis__block" aria-labelledby={`${id}-line`}>
        <H id={`${id}-line`}>{crisis.lineName}</H>
        <ul className="crisis__actions">
          <li>
            <a className="button button--primary crisis__action" href={`tel:${dialString(crisis.callNumber)}`}>
              {callWords(crisis, t)}
            </a>
          </li>
          {crisis.textNumber ? (
            <li>
              <a className="button button--secondary crisis__action" href={`sms:${dialString(crisis.textNumber)}`}>
                {t('safety.crisis.text', { number: crisis.textNumber })}
              </a>
            </li>
          ) : null}
          {crisis.chatUrl ? (
            <li>
              <a className="button button--secondary crisis__action" href={crisis.chatUrl} rel="noopener noreferrer">
                {t('safety.crisis.chat', { line: crisis.lineName })}
              </a>
            </li>
          ) : null}
        </ul>
        {isVeteransCrisisLine(crisis) ? <p className="crisis__about">{t('safety.crisis.vclAbout')}</p> : null}
      </section>
      {crisis.programContact ? (
        <section className="crisis__block" aria-labelledby={`${id}-program`}>
          <H id={`${id}-program`}>{t('safety.crisis.yourProgram')}</H>
          <p>
            <a href={`tel:${dialString(crisis.programContact.phone)}`}>
              {t('safety.crisis.callProgram', { name: crisis.programContact.name, phone: crisis.programContact.phone })}
            </a>
          </p>
          {crisis.programContact.hours ? <p className="muted">{crisis.programContact.hours}</p> : null}
        </section>
      ) : null}
    </div>
  );
}

/** The program's crisis information, with the defaults when it cannot be loaded (help must never wait on a failure). */
export function ProgramCrisisNumbers({ programId, level }: { programId: string | null; level?: 2 | 3 }) {
  const info = useCrisisInfo(programId);
  const t = useT();
  if (programId !== null && info.isPending) return <Loading label={t('safety.crisis.loading')} />;
  return <CrisisNumbers crisis={info.data ?? DEFAULT_CRISIS_INFO} {...(level ? { level } : {})} />;
}

function helpFailed(state: unknown): boolean {
  return typeof state === 'object' && state !== null && 'helpFailed' in state && state.helpFailed === true;
}

/** The event the participant's "I need help now" just raised (passed with the navigation). */
function helpEventOf(state: unknown): string | null {
  return typeof state === 'object' && state !== null && 'helpEventId' in state && typeof state.helpEventId === 'string'
    ? state.helpEventId
    : null;
}

/**
 * "Crisis help": one tap from every signed-in page. After "I need help now" it also says whether
 * the program's staff were told (the numbers show either way).
 */
export function CrisisHelpPage() {
  const program = useOptionalProgram();
  return program ? <CrisisHelpBody programId={program.programId} /> : <CrisisHelpOutsidePrograms />;
}

/** Outside a program (e.g. the password page): the last program opened, or the first, or the defaults. */
function CrisisHelpOutsidePrograms() {
  const me = useMe();
  const last = lastProgram();
  const programId = me.memberships.find((m) => m.programId === last)?.programId ?? me.memberships[0]?.programId ?? null;
  return <CrisisHelpBody programId={programId} />;
}

function CrisisHelpBody({ programId }: { programId: string | null }) {
  const location = useLocation();
  const t = useT();
  return (
    <Page title={t('safety.crisisHelp')} width="narrow" intro={<p>{t('safety.crisis.intro')}</p>}>
      {helpFailed(location.state) ? (
        <div role="alert" className="alert alert--error">
          <p className="alert__title">{t('safety.crisis.failedTitle')}</p>
          <p>{t('safety.crisis.failedBody')}</p>
        </div>
      ) : null}
      <ProgramCrisisNumbers programId={programId} />
      {programId && helpEventOf(location.state) ? (
        <PressedByMistake programId={programId} eventId={helpEventOf(location.state) ?? ''} />
      ) : null}
    </Page>
  );
}

/**
 * After "I need help now": the participant can tell the program it was a mistake. Staff still see
 * the event and decide whether to call; the numbers stay above, whatever is pressed here.
 */
function PressedByMistake({ programId, eventId }: { programId: string; eventId: string }) {
  const mistake = useReportMistake(programId, eventId);
  const t = useT();
  return (
    <Section title={t('safety.mistake.title')} id="pressed-by-mistake">
      {mistake.isSuccess ? (
        <Notice>{t('safety.mistake.done')}</Notice>
      ) : (
        <>
          <FormErrors error={mistake.error} title={t('safety.mistake.failed')} />
          <p>{t('safety.mistake.body')}</p>
          <Button variant="secondary" busy={mistake.isPending} onClick={() => mistake.mutate()}>
            {t('safety.mistake.button')}
          </Button>
        </>
      )}
    </Section>
  );
}

/** A participant's "I need help now": tells the program's staff at once and opens the crisis numbers. */
export function HelpNowButton() {
  const program = useProgram();
  const navigate = useNavigate();
  const help = useRequestHelp(program.programId);
  const t = useT();
  const to = program.to('crisis-help');
  return (
    <Button
      variant="danger"
      busy={help.isPending}
      busyLabel={t('safety.helpNow.busy')}
      onClick={() =>
        help.mutate(newClientKey(), {
          onSuccess: (raised) => void navigate(to, { state: { notice: t('safety.helpSent'), helpEventId: raised.id } }),
          onError: () => void navigate(to, { state: { helpFailed: true } }),
        })
      }
    >
      {t('safety.helpNow')}
    </Button>
  );
}

/** The header's "Crisis help" link: the program's page inside a program, the general page elsewhere. */
export function CrisisHelpLink() {
  const program = useOptionalProgram();
  const t = useT();
  return (
    <Link className="crisis-link" to={program ? program.to('crisis-help') : '/crisis-help'}>
      {t('safety.crisisHelp')}
    </Link>
  );
}

/** The "Safety concern" button on a participant's record and the contact form (coaches and staff). */
export function SafetyConcernLink({ participantId }: { participantId?: string | undefined }) {
  const program = useProgram();
  const t = useT();
  if (!program.can('safety:raise') || !(program.isCoach || program.isStaff)) return null;
  return (
    <ButtonLink variant="danger" to={program.to(`safety/concern${participantId ? `?participant=${participantId}` : ''}`)}>
      {t('staff.safety.concern')}
    </ButtonLink>
  );
}
