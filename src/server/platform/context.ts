import type { Actor } from '../access/actor';
import type { Clock } from './clock';
import type { Db } from './database';
import type { Mailer } from './mail';

/** What every use case is given: explicit dependencies, no container. */
export interface Deps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
}

/** Who is calling and from where, for authorization and the audit trail. */
export interface Caller {
  actor: Actor;
  requestId: string;
  ip: string | null;
}
