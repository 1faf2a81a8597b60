export { CurriculumPage } from './CurriculumPage';
export { curriculumLabel } from './labels';
export { Markdown } from './Markdown';
export { TopicPage } from './TopicPage';
