export { OverviewPage } from './OverviewPage';
export { ProgramSwitcher } from './ProgramSwitcher';
export { programKey, useProgramDetail, type ProgramView } from './programs.api';
