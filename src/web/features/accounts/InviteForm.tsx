import { useState, type FormEvent } from 'react';
import { useWhen } from '../../app/when';
import { Link } from 'react-router';
import { useProgram } from '../../app/program';
import { Button } from '../../ui/controls';
import { Notice } from '../../ui/feedback';
import { FormActions, FormErrors, TextField, useServerRefusal } from '../../ui/form';
import { useInvite, type InvitationRole } from './accounts.api';

/**
 * Invites a person to make an account, linked to a coach or participant record when `subjectId`
 * is given. The server sends the e-mail; in the demo it lands on the Mail page.
 */
export function InviteForm({
  role,
  subjectId,
  defaultEmail,
  defaultName,
}: {
  role: InvitationRole;
  subjectId: string | null;
  defaultEmail: string;
  defaultName: string;
}) {
  const when = useWhen();
  const program = useProgram();
  const invite = useInvite(program.programId);
  const [email, setEmail] = useState(defaultEmail);
  const [displayName, setDisplayName] = useState(defaultName);
  // A field's refusal goes once that field is changed (issue #16).
  const server = useServerRefusal(invite.error);
  const fields = server.fields;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate({ email: email.trim(), role, subjectId, displayName: displayName.trim() });
  };

  return (
    <form onSubmit={submit} noValidate>
      {invite.data ? (
        <Notice>
          Invitation sent to {email}. The link works until {when.day(invite.data.expiresAt)}.{' '}
          {program.can('mail:view') ? <Link to={program.to('mail')}>See outgoing mail</Link> : null}
        </Notice>
      ) : null}
      <FormErrors
        error={server.error}
        title="Could not send the invitation"
        labels={{ email: 'E-mail', displayName: 'Their name' }}
      />
      <TextField
        label="E-mail address to invite"
        type="email"
        autoComplete="off"
        value={email}
        onChange={(v) => {
          server.edited('email');
          setEmail(v);
        }}
        error={fields['email']}
        required
      />
      <TextField
        label="Their name"
        hint="Shown on their account and used to greet them."
        value={displayName}
        onChange={(v) => {
          server.edited('displayName');
          setDisplayName(v);
        }}
        error={fields['displayName']}
        required
      />
      <FormActions>
        <Button type="submit" variant="secondary" busy={invite.isPending} busyLabel="Sending…">
          Send invitation
        </Button>
      </FormActions>
    </form>
  );
}
