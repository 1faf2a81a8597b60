/** @deprecated Import from `../shared/time` (the one time module, #14). Kept only so work branched before the move still compiles. */
export * from '../shared/time';
