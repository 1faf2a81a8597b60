/** Interviews (issue #13, ADR 0032): transcripts, de-identification, agreement, REFI-QDA exchange. */
export * from './transcript';
export * from './deidentify';
export * from './agreement';
export * from './consensus';
export * from './refi';
export * from './codebook';
export * from './codebook-versions';
export * from './xml';
export * from './csv';
export * from './schemas';
export * from './docx';
export * from './sampling';
export * from './joint-display';
export * from './invitations';
export * from './mail';
export * from './audio';
