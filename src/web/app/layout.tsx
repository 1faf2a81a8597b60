import { useEffect, useRef, useState, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { AccountLinks, AccountMenu, IdleWarning } from '../features/accounts';
import { CrisisHelpLink, HelpNowButton, OpenSafetyEventsBanner } from '../features/safety';
import { curriculumLabel } from '../features/curriculum';
import { ProgramSwitcher } from '../features/programs';
import { englishT, useT, type Translate } from '../i18n/i18n';
import { APP_NAME } from '../ui/Page';
import { Locale, localeNames } from '../../core/shared/locale';
import { useOptionalProgram, type ProgramScope } from './program';
import { useDeviceLanguage } from './providers';
import { SendQueueStatus } from './send-queue-status';
import { useMe, useMeQuery } from './session';

/** Moves focus to main without changing the URL (its fragment may carry an invitation token). */
function skipToMain(e: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main');
  if (!main) return;
  e.preventDefault();
  main.focus();
  main.scrollIntoView();
}

/** The page frame: skip link, banner, navigation and the one main landmark. */
export function Frame({ header, children }: { header: ReactNode; children: ReactNode }) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipToMain')}
      </a>
      <header className="site-header">{header}</header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** The banner before sign-in: the name, and on the sign-in pages "English / Español". */
export function PublicHeader({ withLanguage = false }: { withLanguage?: boolean }) {
  return (
    <div className="site-header__bar">
      <Link to="/" className="brand">
        {APP_NAME}
      </Link>
      {withLanguage ? <LanguageSwitch /> : null}
    </div>
  );
}

/**
 * "English / Español" before sign-in (ADR 0051): each language named in itself, the choice kept on
 * this device. Once someone is signed in, the person's own language decides, so it is not shown.
 */
export function LanguageSwitch() {
  const device = useDeviceLanguage();
  const me = useMeQuery();
  const t = useT();
  if (!device || me.data) return null;
  return (
    <div role="group" aria-label={t('app.language')} className="site-header__end language-switch">
      {Locale.options.map((l, i) => (
        <span key={l}>
          {i > 0 ? <span aria-hidden="true">/ </span> : null}
          <button
            type="button"
            lang={l}
            className="button button--quiet"
            aria-pressed={device.locale === l}
            onClick={() => device.choose(l)}
          >
            {localeNames[l]}
          </button>
        </span>
      ))}
    </div>
  );
}

/**
 * The frame for pages that need no session (sign-in, invitation, a volunteer's application);
 * `withLanguage` for the sign-in pages, which speak the device's language (ADR 0051).
 */
export function PublicLayout({ withLanguage = false }: { withLanguage?: boolean }) {
  return (
    <Frame header={<PublicHeader withLanguage={withLanguage} />}>
      <Outlet />
    </Frame>
  );
}

/**
 * The frame for signed-in pages: program name, program switcher, navigation, account menu. On a
 * phone the banner keeps only the name, the help links, "Sign out" and a "Menu" button; the
 * navigation and the rest open below it as a disclosure (Escape closes it, and so does following a
 * link), so the page's own heading is in the first screen. Open safety events head every staff page.
 * A warning shows before the idle sign-out (ADR 0035).
 */
export function AppLayout({ children }: { children?: ReactNode }) {
  const me = useMe();
  const program = useOptionalProgram();
  const menu = useSiteMenu();
  return (
    <Frame
      header={
        <>
          <div className="site-header__bar">
            <Link to="/" className="brand">
              {APP_NAME}
            </Link>
            {program ? <span className="site-header__program">{program.membership.programName}</span> : null}
            <div className="site-header__end">
              {me.memberships.length > 1 ? <ProgramSwitcher /> : null}
              {program?.isParticipant ? <HelpNowButton /> : null}
              <CrisisHelpLink />
              <AccountMenu />
              <MenuButton open={menu.open} buttonRef={menu.buttonRef} onToggle={menu.toggle} />
            </div>
          </div>
          <div id={SITE_MENU_ID} className="site-menu" data-open={menu.open}>
            {program ? <ProgramNav program={program} /> : null}
            <div className="site-menu__more">
              {program ? <p className="site-menu__program">{program.membership.programName}</p> : null}
              {me.memberships.length > 1 ? <ProgramSwitcher /> : null}
              <AccountLinks />
            </div>
          </div>
        </>
      }
    >
      {program ? <OpenSafetyEventsBanner /> : null}
      <SendQueueStatus />
      {children ?? <Outlet />}
      <IdleWarning />
    </Frame>
  );
}

const SITE_MENU_ID = 'site-menu';

/** The phone's menu state: closed on every new page; Escape closes it and gives focus back to the button. */
export function useSiteMenu() {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Every navigation closes it, a link to the page already open included (a new location key).
  const { key } = useLocation();
  useEffect(() => setOpen(false), [key]);
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);
  return { open, buttonRef, toggle: () => setOpen((o) => !o) };
}

/** The "Menu" button (shown on small screens only, by the stylesheet). */
export function MenuButton({
  open,
  buttonRef,
  onToggle,
}: {
  open: boolean;
  buttonRef: RefObject<HTMLButtonElement | null>;
  onToggle: () => void;
}) {
  const t = useT();
  return (
    <button
      ref={buttonRef}
      type="button"
      className="menu-button"
      aria-expanded={open}
      aria-controls={SITE_MENU_ID}
      onClick={onToggle}
    >
      <span aria-hidden="true" className="menu-button__icon" />
      {t('app.menu')}
    </button>
  );
}

interface NavItem {
  to: string;
  label: string;
  /** Current only on exactly this address (not on pages below it). */
  end?: boolean;
}

/** The links the caller may use in this program, decided from the server's `can` flags. */
export function navItems(p: ProgramScope, t: Translate = englishT): NavItem[] {
  const items: NavItem[] = [];
  const staffOrEvaluator = p.can('overview:view');
  if (staffOrEvaluator) items.push({ to: p.to('overview'), label: 'Overview' });
  if (p.isCoach) {
    items.push({ to: p.to('today'), label: t('staff.coach.nav.today') });
    items.push({ to: p.to('contacts'), label: t('staff.coach.nav.contacts'), end: true });
    if (p.can('coach:preferences')) items.push({ to: p.to('my-availability'), label: t('staff.coach.nav.availability') });
    if (p.can('training:take')) items.push({ to: p.to('training'), label: t('staff.coach.nav.training') });
    if (p.can('wellbeing:record')) items.push({ to: p.to('my-wellbeing'), label: t('staff.coach.nav.wellbeing') });
    if (p.can('impact:view')) items.push({ to: p.to('my-impact'), label: t('staff.coach.nav.impact') });
  }
  if (staffOrEvaluator && p.can('participant:list')) items.push({ to: p.to('participants'), label: 'Participants' });
  if (p.can('coach:list')) items.push({ to: p.to('coaches'), label: 'Coaches' });
  if (p.can('volunteer:list')) items.push({ to: p.to('volunteers'), label: 'Volunteers' });
  if (p.can('coach_care:view')) items.push({ to: p.to('boosters'), label: 'Boosters' });
  if (p.can('matching:propose')) items.push({ to: p.to('matching'), label: 'Matching' });
  // Evaluators read the report without the proposal (staff reach it from Matching).
  if (!p.can('matching:propose') && p.can('matching:report'))
    items.push({ to: p.to('matching/report'), label: 'What matches last' });
  if (p.can('pair:list')) items.push({ to: p.to('pairs'), label: 'Pairs that need help' });
  if (staffOrEvaluator && p.can('task:list')) items.push({ to: p.to('tasks'), label: 'Tasks' });
  if (p.can('plan:summary')) items.push({ to: p.to('plans'), label: 'Action plans', end: true });
  if (p.can('audit:view')) items.push({ to: p.to('audit'), label: 'Audit trail' });
  if (p.can('invitation:list')) items.push({ to: p.to('invitations'), label: 'Invitations' });
  if (p.can('mail:view')) items.push({ to: p.to('mail'), label: 'Mail' });
  if (p.can('safety:log')) items.push({ to: p.to('safety'), label: 'Safety log' });
  if (p.can('program:update')) items.push({ to: p.to('program-settings'), label: 'Program settings' });
  if (p.can('study:view')) items.push({ to: p.to('study'), label: 'Study', end: true });
  else if (p.can('consort:view')) items.push({ to: p.to('study/consort'), label: 'CONSORT flow' });
  if (p.can('interview:view')) items.push({ to: p.to('interviews'), label: 'Interviews' });
  if (p.can('assessment:list')) items.push({ to: p.to('assessments'), label: 'Assessments', end: true });
  else if (p.can('assessment:report')) items.push({ to: p.to('assessment-report'), label: 'Assessment report' });
  if (p.can('fidelity:report')) items.push({ to: p.to('reports/fidelity'), label: 'Fidelity and engagement' });
  if (p.can('outcomes:report')) {
    items.push({ to: p.to('reports/outcomes'), label: 'Outcome report' });
    items.push({ to: p.to('reports/targeting'), label: 'Whom to target' });
  }
  if (p.isParticipant) {
    items.push({ to: p.to('my-coach'), label: t('app.nav.myCoach') });
    if (p.can('checkin:record')) {
      items.push({ to: p.to('my-plan'), label: t('app.nav.myPlan') });
      items.push({ to: p.to('check-in'), label: t('app.nav.checkIn') });
    }
    if (p.can('progress:view')) items.push({ to: p.to('my-progress'), label: t('app.nav.myProgress') });
    if (p.can('participant:preferences')) items.push({ to: p.to('my-preferences'), label: t('app.nav.howToReachMe') });
  }
  if (p.can('curriculum:view')) items.push({ to: p.to('curriculum'), label: curriculumLabel(p, t) });
  return items;
}

function ProgramNav({ program }: { program: ProgramScope }) {
  const t = useT();
  const items = navItems(program, t);
  if (items.length === 0) return null;
  return (
    <nav aria-label={t('app.nav.label')} className="site-nav">
      <ul className="site-nav__list">
        {items.map((i) => (
          <li key={i.to}>
            <NavLink to={i.to} end={i.end ?? false} className="site-nav__link">
              {i.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
