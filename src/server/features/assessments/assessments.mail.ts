/** Assessments: the subjects of the e-mails assessments send; the words are in core (`core/assessments/mail`). */

export { LINK_SUBJECT, LINK_REMINDER_SUBJECT } from '../../../core/assessments/mail';
