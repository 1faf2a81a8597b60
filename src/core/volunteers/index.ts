/**
 * Volunteers: the public application, the coordinator's pipeline (applied → screened → in training
 * → active → paused → retired), coach training with quizzes and the scope-and-boundaries
 * agreement, and the gate that keeps an untrained coach from being paired. Pure: no I/O.
 */
export * from './application';
export * from './pipeline';
export * from './training';
export * from './views';
