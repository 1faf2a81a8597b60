import { useEffect, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { Locale } from '../../../core/shared/locale';
import { useDeviceLanguage } from '../../app/providers';
import { useT } from '../../i18n/i18n';
import { Button, ButtonLink } from '../../ui/controls';
import { ErrorAlert, Notice } from '../../ui/feedback';
import { FormActions, FormErrors, useServerRefusal } from '../../ui/form';
import { Page } from '../../ui/Page';
import { useAcceptInvitation } from './accounts.api';
import { NewPasswordFields, passwordProblem } from './NewPasswordFields';

/** The token travels in the URL fragment (`/invitation#token=…`), which browsers never send to servers. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length > 0 ? token : null;
}

/**
 * The invited person's language, when the invitation's link carries it (`#token=…&lang=es`: a
 * participant's invitation says the language chosen on the participant's record, ADR 0051).
 */
export function languageFromHash(hash: string): Locale | null {
  const lang = Locale.safeParse(new URLSearchParams(hash.replace(/^#/, '')).get('lang'));
  return lang.success ? lang.data : null;
}

/**
 * Nobody is signed in yet, so the page speaks the device's language with "English / Español" in the
 * banner, starting from the language the link carries: the invited person's own choice.
 */
function useInvitationLanguage(hash: string): void {
  const device = useDeviceLanguage();
  const [linked] = useState(() => languageFromHash(hash));
  const choose = device?.choose;
  useEffect(() => {
    if (linked && choose) choose(linked);
  }, [linked, choose]);
}

export function InvitationAcceptPage() {
  const { hash } = useLocation();
  const t = useT();
  // Read once: the fragment may change later (e.g. a skip link) and the token must not be lost.
  const [token] = useState(() => tokenFromHash(hash));
  useInvitationLanguage(hash);
  const accept = useAcceptInvitation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(accept.error);

  if (!token) {
    return (
      <Page title={t('accounts.invitation.title')} width="narrow">
        <ErrorAlert title={t('accounts.invitation.incomplete')} error={{ message: t('accounts.invitation.openAgain') }} />
      </Page>
    );
  }
  if (accept.data) {
    const email = accept.data.email;
    return (
      <Page title={t('accounts.invitation.title')} width="narrow">
        <Notice>
          {accept.data.isExistingAccount
            ? t('accounts.invitation.existing', { email })
            : t('accounts.invitation.ready', { email })}
        </Notice>
        <ButtonLink to={`/sign-in?email=${encodeURIComponent(email)}`}>{t('accounts.signIn.title')}</ButtonLink>
      </Page>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = passwordProblem(password, repeat, t);
    setProblem(p);
    if (!p) accept.mutate({ token, password });
  };
  const fields = server.fields;

  return (
    <Page title={t('accounts.invitation.title')} width="narrow" intro={<p>{t('accounts.invitation.intro')}</p>}>
      <form onSubmit={submit} noValidate>
        <FormErrors
          error={server.error}
          title={t('accounts.invitation.couldNot')}
          labels={{ password: t('accounts.field.password'), token: t('accounts.reset.link') }}
        />
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={(v) => {
            server.edited('password');
            setPassword(v);
          }}
          onRepeat={setRepeat}
          error={problem ?? fields['password']}
        />
        <FormActions>
          <Button type="submit" busy={accept.isPending} busyLabel={t('accounts.invitation.creating')}>
            {t('accounts.invitation.create')}
          </Button>
        </FormActions>
      </form>
    </Page>
  );
}
