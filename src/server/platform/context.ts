import type { Curriculum } from '../../core/curriculum';
import type { Training } from '../../core/volunteers';
import type { Actor } from '../access/actor';
import type { Clock } from './clock';
import type { Db } from './database';
import type { Mailer } from './mail';
import type { Texter } from './sms';

/** What every use case is given: explicit dependencies, no container. */
export interface Deps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  /** Text messages, through the same outbox as e-mail (ADR 0012). */
  texter: Texter;
  publicUrl: string;
  /** The coaching curriculum, read and checked once at start-up. */
  curriculum: Curriculum;
  /** Coach training modules and the scope agreement, read and checked once at start-up. */
  training: Training;
}

/** Who is calling and from where, for authorization and the audit trail. */
export interface Caller {
  actor: Actor;
  requestId: string;
  ip: string | null;
}
