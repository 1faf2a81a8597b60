/**
 * Risk words in free text (a participant's check-in note): a short, explicit list of phrases about
 * suicide and self-harm. A match only asks a person to read the note; it is not a risk assessment
 * and never a diagnosis (issue #5; decision 0010).
 *
 * The list is conservative in both directions:
 * - It leaves out single words that people in pain use every day ("my back is killing me", "I
 *   killed it at the gym", "dead tired", "I hurt myself lifting boxes", "shoot myself in the foot"),
 *   so staff are not trained by false alarms to ignore the flag.
 * - It does not try to read negation or irony: "I'm not suicidal" and "I don't want to die" are
 *   flagged too, because a missed disclosure costs far more than a coordinator reading one note.
 * English only; a program in another language needs its own list.
 */
export interface RiskWordFlag {
  isFlagged: boolean;
  /** The list's phrases that matched (its own words, never an excerpt of the note). */
  phrases: string[];
}

/** Each phrase as it is reported, and its pattern over one normalised clause. */
export const RISK_PHRASES: readonly { phrase: string; pattern: RegExp }[] = [
  { phrase: 'suicide', pattern: /\bsuicid(e|es|al|ality)\b/ },
  { phrase: 'kill myself', pattern: /\bkill(s|ing|ed)? my ?self\b/ },
  { phrase: 'end my life', pattern: /\bend(s|ing)? my (own )?life\b/ },
  { phrase: 'take my own life', pattern: /\b(take|taking|took) my (own )?life\b/ },
  { phrase: 'end it all', pattern: /\bend(ing)? it all\b/ },
  {
    phrase: 'want to die',
    pattern: /\b(want|wanted|wanting|wanna|ready) (to )?die\b|\bwish(ed)? i (was|were|could be) dead\b|\bwish(ed)? i could die\b/,
  },
  { phrase: 'better off dead', pattern: /\bbetter off dead\b/ },
  { phrase: 'better off without me', pattern: /\bbetter off without me\b/ },
  {
    phrase: 'no reason to live',
    pattern: /\bno reason to (live|go on)\b|\bnothing (left )?to live for\b|\bno point (in )?living\b/,
  },
  { phrase: 'not worth living', pattern: /\bnot worth living\b/ },
  {
    phrase: "don't want to live",
    pattern: /\b(don't|dont|do not|didn't|didnt|did not) want to (live|be alive|exist|be here any ?more)\b/,
  },
  // "Can't go on" only when it ends the clause ("I can't go on like this"), not "can't go on walks".
  { phrase: "can't go on", pattern: /\b(can't|cant|cannot|can not) go on( like this| any ?more| living)?$/ },
  { phrase: 'self-harm', pattern: /\bself harm(s|ed|ing)?\b/ },
  { phrase: 'harm myself', pattern: /\bharm(s|ing|ed)? my ?self\b/ },
  // "Hurt myself" alone is everyday pain talk; wanting or thinking about it is not.
  {
    phrase: 'thoughts of hurting myself',
    pattern:
      /\b(want|wanted|wanting|wanna|urge|urges|thinking|thought|thoughts|think) (to |about |of )?(hurt|hurting|cut|cutting) my ?self\b/,
  },
  { phrase: 'overdose', pattern: /\boverdos(e|es|ed|ing)\b/ },
  { phrase: 'hang myself', pattern: /\bhang(ing|ed)? my ?self\b/ },
  { phrase: 'shoot myself', pattern: /\bshoot(ing)? my ?self\b(?! in the foot)/ },
  { phrase: 'gun to my head', pattern: /\bgun to my head\b/ },
];

/** Lower case, straight apostrophes, letters and digits only, one space between words. */
function normalizeClause(clause: string): string {
  return clause
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[^a-z0-9'\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Flags a note for a person to review when it contains one of the risk phrases. */
export function flagRiskWords(text: string): RiskWordFlag {
  const clauses = text
    .split(/[.!?;,:\n\r]+/)
    .map(normalizeClause)
    .filter(Boolean);
  const phrases = RISK_PHRASES.filter(({ pattern }) => clauses.some((c) => pattern.test(c))).map((p) => p.phrase);
  return { isFlagged: phrases.length > 0, phrases };
}
