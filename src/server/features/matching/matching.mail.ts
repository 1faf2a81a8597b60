/** The "you are paired" e-mails: their words are in core (`core/matching/mail`). */
export { pairedMail } from '../../../core/matching/mail';
