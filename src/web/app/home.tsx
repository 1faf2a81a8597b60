import { Link, Navigate } from 'react-router';
import { ErrorAlert } from '../ui/feedback';
import { Page } from '../ui/Page';
import { lastProgram, programPath, useProgram } from './program';
import { useMe } from './session';
import { useT } from '../i18n/i18n';

/** `/`: the program last used on this device, else the first one. */
export function HomeRedirect() {
  const me = useMe();
  const remembered = lastProgram();
  const membership = me.memberships.find((m) => m.programId === remembered) ?? me.memberships[0];
  if (!membership) {
    return (
      <Page title="Welcome to Kindred">
        <p>You are not part of any program yet. The program team will add you.</p>
      </Page>
    );
  }
  return <Navigate to={programPath(membership.programId)} replace />;
}

/** `/programs/:id`: each person's own start page, decided from what the server says they may do. */
export function ProgramHomeRedirect() {
  const p = useProgram();
  if (p.isStaff) return <Navigate to={p.to('overview')} replace />;
  if (p.isCoach) return <Navigate to={p.to('today')} replace />;
  if (p.isParticipant) return <Navigate to={p.to('my-coach')} replace />;
  if (p.can('overview:view')) return <Navigate to={p.to('overview')} replace />;
  if (p.can('assessment:list')) return <Navigate to={p.to('assessments')} replace />;
  return (
    <Page title={p.membership.programName}>
      <ErrorAlert title="Nothing to show" error={{ message: 'Your account has no pages in this program yet.' }} />
    </Page>
  );
}

export function NotFoundPage() {
  const t = useT();
  return (
    <Page title={t('app.notFound.title')}>
      <p>{t('app.notFound.body')}</p>
      <p>
        <Link to="/">{t('app.notFound.home')}</Link>
      </p>
    </Page>
  );
}
