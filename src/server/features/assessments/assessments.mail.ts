/** Assessments: the subjects of the e-mails assessments send (the bodies are written where they are queued). */

export const LINK_SUBJECT = 'Kindred: questions from your program';
export const LINK_REMINDER_SUBJECT = 'Kindred: a reminder about your program\u2019s questions';
