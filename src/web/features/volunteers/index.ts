export { ApplicantPage } from './ApplicantPage';
export { ApplyPage } from './ApplyPage';
export { AgreementPage, TrainingModulePage, TrainingPage } from './TrainingPages';
export { VolunteersPage } from './VolunteersPage';
export { backgroundWords, serviceBranchLabels, serviceEraLabels } from './labels';
