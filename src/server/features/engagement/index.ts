/** What other parts of the server may use of engagement: the ladder sweep (run on a timer by main.ts). */
export { sweepLadder } from './engagement.service';
