import { z } from 'zod';
import { markdownProblems, parseFrontMatter, type Parsed } from '../curriculum';

/**
 * The session guide's help for the coach, as versioned content (content/guide/*.md, our own
 * words): bridge prompts that steer from social talk back to the topic without losing the
 * connection, and "what if" help for the common hard moments. Checked at start-up like the
 * curriculum; the crisis item must point to the safety protocol.
 */
export const guidePromptKinds = ['bridge', 'what_if'] as const;

/** The hard moments the guide must always cover (issue #4). */
export const REQUIRED_WHAT_IFS = ['only_chat', 'not_ready', 'bad_week', 'crisis'] as const;

const Body = z
  .string()
  .trim()
  .min(1, 'The text is empty')
  .superRefine((text, ctx) => {
    for (const message of markdownProblems(text)) ctx.addIssue({ code: 'custom', message });
  });

export const GuidePrompt = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'Use lower-case letters, digits and _'),
  kind: z.enum(guidePromptKinds),
  title: z.string().trim().min(1).max(120),
  /** Raised whenever the text changes in substance. */
  version: z.coerce.number().int().min(1),
  order: z.coerce.number().int().min(0).max(1_000_000),
  /** `safety`: the item leads to the safety protocol and the "Safety concern" form. */
  link: z.enum(['safety']).nullable().default(null),
  body: Body,
});
export type GuidePrompt = z.infer<typeof GuidePrompt>;

export interface GuideContent {
  bridges: readonly GuidePrompt[];
  whatIfs: readonly GuidePrompt[];
}

/** Parses one prompt file: front matter (key, kind, title, version, order, link?) and a Markdown body. */
export function parseGuideFile(text: string): Parsed<GuidePrompt> {
  const fm = parseFrontMatter(text);
  if (!fm.ok) return fm;
  const body = fm.value.body.replace(/^\s*#[ \t][^\n]*\n/, '');
  const parsed = GuidePrompt.safeParse({ ...fm.value.data, body });
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) =>
      i.code === 'unrecognized_keys'
        ? `unknown front matter field ${i.keys.join(', ')}`
        : `${String(i.path[0] ?? 'file')}: ${i.message}`,
    ),
  };
}

/**
 * Puts the parsed files together: each key equals its file name and appears once, at least one
 * bridge prompt, every required "what if", and the crisis item linked to the safety protocol.
 */
export function assembleGuideContent(
  sources: readonly { file: string; name: string; prompt: GuidePrompt }[],
): Parsed<GuideContent> {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    if (s.prompt.key !== s.name) problems.push(`${s.file}: key "${s.prompt.key}" must equal the file name "${s.name}"`);
    if (seen.has(s.prompt.key)) problems.push(`${s.file}: key "${s.prompt.key}" is used twice`);
    seen.add(s.prompt.key);
  }
  const prompts = sources.map((s) => s.prompt);
  const bridges = prompts.filter((p) => p.kind === 'bridge').sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  const whatIfs = prompts.filter((p) => p.kind === 'what_if').sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  if (bridges.length === 0) problems.push('the guide has no bridge prompt (kind: bridge)');
  for (const key of REQUIRED_WHAT_IFS) {
    const item = whatIfs.find((p) => p.key === key);
    if (!item) problems.push(`the guide needs a "what if" item with key ${key}`);
    else if (key === 'crisis' && item.link !== 'safety') problems.push(`${key}: the crisis item must have "link: safety"`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: { bridges, whatIfs } };
}
