/**
 * The audit trail as people read it: actions in words, the filters a coordinator or an
 * administrator can apply, and the spreadsheet export. Pure: the server fetches the rows.
 */
import { addDaysOn, localTimeOf, zonedMidnight } from '../shared/time';

/** What happened, as the filter offers it. "Sign-ins" gathers signing in, failing to and signing out. */
export const AUDIT_VERB_FILTERS = ['read', 'list', 'create', 'update', 'delete', 'export', 'sign_in'] as const;
export type AuditVerbFilter = (typeof AUDIT_VERB_FILTERS)[number];

export const AUDIT_VERB_FILTER_WORDS: Record<AuditVerbFilter, string> = {
  read: 'Viewed',
  list: 'Listed',
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  export: 'Exported',
  sign_in: 'Sign-ins and sign-outs',
};

/** The stored verbs (the part of `entity:verb` after the colon) that a filter takes in. */
export function verbsOf(filter: AuditVerbFilter): string[] {
  return filter === 'sign_in' ? ['sign_in', 'sign_in_failed', 'sign_out'] : [filter];
}

const VERB_WORDS: Record<string, string> = {
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

/** A kind of record (`coach_wellbeing`) in words ("coach wellbeing"). */
export function describeKind(entityType: string): string {
  return entityType.replace(/_/g, ' ');
}

/** An audit action (`participant:read`) in words ("Viewed participant"). */
export function describeAction(action: string): string {
  const [entity = action, verb = ''] = action.split(':');
  const v = VERB_WORDS[verb];
  if (!v) return action;
  return verb.startsWith('sign_') ? v : `${v} ${describeKind(entity)}`;
}

export interface AuditPeriod {
  /** First day included, YYYY-MM-DD in the program's time zone. */
  from?: string | undefined;
  /** Last day included. */
  to?: string | undefined;
}

/**
 * A period of whole days in the program's zone as instants: from the first day's midnight up to
 * (not including) the midnight after the last day. Null when the last day comes before the first.
 */
export function periodInstants(period: AuditPeriod, timeZone: string): { since?: Date; until?: Date } | null {
  if (period.from && period.to && period.to < period.from) return null;
  return {
    ...(period.from ? { since: zonedMidnight(period.from, timeZone) } : {}),
    ...(period.to ? { until: zonedMidnight(addDaysOn(period.to, 1), timeZone) } : {}),
  };
}

export interface AuditRow {
  id: number;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  recordLabel: string | null;
  ip: string | null;
  requestId: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The spreadsheet of a filtered trail: one row per event, newest first, with the moment both in
 * UTC (exact) and as the program's clock showed it. Cells that a spreadsheet would run as a
 * formula (starting with = + - @) are prefixed with a quote mark, as OWASP advises for CSV exports.
 */
export function auditCsvRows(rows: readonly AuditRow[], timeZone: string): string[][] {
  const header = [
    'event',
    'at_utc',
    'local_time',
    'who',
    'action',
    'what',
    'record_kind',
    'record_id',
    'record',
    'address',
    'request',
  ];
  return [
    header,
    ...rows.map((r) => {
      const local = localTimeOf(new Date(r.at), timeZone);
      return [
        String(r.id),
        r.at,
        `${local.dateOn} ${pad(local.hour)}:${pad(local.minute)}`,
        r.actorName ?? '',
        r.action,
        describeAction(r.action),
        r.entityType,
        r.entityId ?? '',
        r.recordLabel ?? '',
        r.ip ?? '',
        r.requestId ?? '',
      ].map(neutralise);
    }),
  ];
}

function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
