/** What other parts of the server may use of volunteers: the coach training read at start-up, and the demo's volunteers. */
export { BUILT_IN_TRAINING_DIR, loadTraining, TrainingContentError } from './training.loader';
export { seedDemoVolunteers } from './volunteers.demo';
