export { CrisisHelpLink, CrisisHelpPage, CrisisNumbers, HelpNowButton, SafetyConcernLink } from './CrisisHelp';
export { SafetyConcernPage } from './SafetyConcernPage';
export { SafetyEventPage } from './SafetyEventPage';
export { SafetyLogPage } from './SafetyLogPage';
export { SafetySettingsPage } from './SafetySettingsPage';
export { OpenSafetyEventsBanner } from './OpenSafetyEventsBanner';
