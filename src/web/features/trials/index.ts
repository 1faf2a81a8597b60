export { ConsortPage } from './ConsortPage';
export { StudyPage } from './StudyPage';
