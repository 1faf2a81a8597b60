/**
 * Trials (issue #11): the study design, randomization (permuted blocks, minimisation, an uploaded
 * table) from a seeded stream, the pre-trial simulation, the gate, consent and withdrawal scopes,
 * masked labels and the CONSORT count. Decisions: docs/decisions/0024–0026.
 */
export * from './allocate';
export * from './blinding';
export * from './blocks';
export * from './consent';
export * from './consort';
export * from './design';
export * from './gate';
export * from './minimisation';
export * from './random';
export * from './simulate';
export * from './table';
export * from './views';
export * from './classes';
export * from './export';
export * from './export-fhir';
export * from './smart';
export * from './smart-allocate';
