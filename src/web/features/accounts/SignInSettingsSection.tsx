import { useEffect, useState, type FormEvent } from 'react';
import { useProgram } from '../../app/program';
import { Button } from '../../ui/controls';
import { Notice, QueryView } from '../../ui/feedback';
import { Choice, FormActions, FormErrors } from '../../ui/form';
import { Section } from '../../ui/Page';
import { useSaveSignInSettings, useSignInSettings } from './accounts.api';

/** Staff: whether this program requires two-factor sign-in of its staff (ADR 0021). */
export function SignInSettingsSection() {
  const program = useProgram();
  const settings = useSignInSettings(program.programId);
  const save = useSaveSignInSettings(program.programId);
  const [required, setRequired] = useState(false);
  useEffect(() => {
    if (settings.data) setRequired(settings.data.staffTwoFactorRequired);
  }, [settings.data]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ staffTwoFactorRequired: required });
  };

  return (
    <Section title="Signing in" id="sign-in-settings">
      <QueryView query={settings} loadingLabel="Loading sign-in settings…">
        {() => (
          <form onSubmit={submit} noValidate>
            {save.isSuccess ? <Notice>Sign-in settings saved.</Notice> : null}
            <FormErrors error={save.error} title="Could not save the sign-in settings" />
            <Choice
              label="Require two-factor sign-in for staff"
              hint="Coordinators, evaluators, assessors and administrators then sign in with a code from a phone app as well as a password; they set it up at their next sign-in. Coaches and participants can choose it for themselves."
              checked={required}
              onChange={setRequired}
            />
            <FormActions>
              <Button type="submit" busy={save.isPending} busyLabel="Saving…">
                Save sign-in settings
              </Button>
            </FormActions>
          </form>
        )}
      </QueryView>
    </Section>
  );
}
