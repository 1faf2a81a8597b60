import { useQuery } from '@tanstack/react-query';
import type { AuditVerbFilter } from '../../../core/audit';
import { API_PREFIX, api, query } from '../../app/api';
import { programKey } from '../../app/program-key';

export { AUDIT_VERB_FILTERS, AUDIT_VERB_FILTER_WORDS, describeAction, describeKind } from '../../../core/audit';

export interface AuditEventView {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  recordLabel: string | null;
  programId: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditChoices {
  people: { id: string; name: string }[];
  kinds: string[];
}

/** What the trail is narrowed to; each is also a search parameter of the page. */
export interface AuditFilter {
  entityId: string | null;
  actorId: string | null;
  verb: AuditVerbFilter | null;
  entityType: string | null;
  from: string | null;
  to: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

const filterQuery = (f: AuditFilter) => ({
  entityId: f.entityId,
  actorId: f.actorId,
  verb: f.verb,
  entityType: f.entityType,
  from: f.from,
  to: f.to,
});

/** One page of the program's audit trail, newest first, older than `before` when given. */
export function useAuditPage(programId: string, before: number | null, filter: AuditFilter) {
  return useQuery({
    queryKey: [...programKey(programId), 'audit', before, filter],
    queryFn: () =>
      api.get<AuditEventView[]>(
        `/programs/${programId}/audit${query({ limit: AUDIT_PAGE_SIZE, before, ...filterQuery(filter) })}`,
      ),
  });
}

/** The people and kinds of record the filters offer. */
export function useAuditChoices(programId: string) {
  return useQuery({
    queryKey: [...programKey(programId), 'audit', 'choices'],
    queryFn: () => api.get<AuditChoices>(`/programs/${programId}/audit/choices`),
  });
}

/** The address of the filtered trail as a spreadsheet. */
export function auditExportHref(programId: string, filter: AuditFilter): string {
  return `${API_PREFIX}/programs/${programId}/audit/export.csv${query(filterQuery(filter))}`;
}
