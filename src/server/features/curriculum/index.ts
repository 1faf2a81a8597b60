/** What other parts of the server may use of the curriculum. */
export { BUILT_IN_CURRICULUM_DIR, CurriculumError, loadCurriculum } from './curriculum.loader';
