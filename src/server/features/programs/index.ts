/** What other features may use of programs. */
export { loadProgram, taskRulesOf, type Program } from './programs.service';
