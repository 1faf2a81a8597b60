export { TasksPage } from './TasksPage';
export { TodayPage } from './TodayPage';
export { taskKindLabels, useToday, type Today } from './tasks.api';
