/**
 * @deprecated Import from `./time` (the one time module, #14). Kept only so work branched before the
 * move still compiles; `toDateOn` is gone on purpose (it gave the UTC date: use `localDateOf`).
 */
export { DAY_MS, addDays, daysBetween } from './time';
