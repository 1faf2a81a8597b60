import { useQuery } from '@tanstack/react-query';
import { api, query } from '../../app/api';
import { programKey } from '../programs';

export interface AuditEventView {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  programId: string | null;
  ip: string | null;
  requestId: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the program's audit trail, newest first, older than `before` when given. */
export function useAuditPage(programId: string, before: number | null, entityId: string | null) {
  return useQuery({
    queryKey: [...programKey(programId), 'audit', before, entityId],
    queryFn: () =>
      api.get<AuditEventView[]>(`/programs/${programId}/audit${query({ limit: AUDIT_PAGE_SIZE, before, entityId })}`),
  });
}

const verbs: Record<string, string> = {
  read: 'Viewed',
  list: 'Listed',
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  sign_in: 'Signed in',
  sign_in_failed: 'Failed sign-in',
  sign_out: 'Signed out',
  export: 'Exported',
};

/** An audit action (`participant:read`) in words ("Viewed participant"). */
export function describeAction(action: string): string {
  const [entity = action, verb = ''] = action.split(':');
  const v = verbs[verb];
  const noun = entity.replace(/_/g, ' ');
  if (!v) return action;
  return verb.startsWith('sign_') ? v : `${v} ${noun}`;
}
