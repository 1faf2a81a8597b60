/**
 * Every query about a program starts with this key, so one invalidation refreshes the program.
 * A leaf module of its own: every feature's api file imports it, and importing it through the
 * programs feature's index pulled that feature's pages in and made an import cycle (ADR 0047).
 */
export const programKey = (programId: string) => ['programs', programId] as const;
