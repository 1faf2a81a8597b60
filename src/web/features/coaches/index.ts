export { CoachListPage } from './CoachListPage';
export { CoachPage } from './CoachPage';
export { EditCoachPage } from './EditCoachPage';
export { NewCoachPage } from './NewCoachPage';
export { coachName, openPlaces, useCoaches } from './coaches.api';
export { BoostersPage, ImpactPage, ThanksForm, WellbeingPage } from './CarePages';
export { CoachReminders } from './CoachReminders';
