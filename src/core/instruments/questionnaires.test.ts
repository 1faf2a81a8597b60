import { describe, expect, it } from 'vitest';
import {
  BPI_INTERFERENCE_ITEMS,
  DELIVERY_ELEMENT_ITEMS,
  BPI_SEVERITY_ITEMS,
  GAD7_ITEMS,
  MOS_INDEX_ITEMS,
  MOS_SUBSCALES,
  PCS_SUBSCALES,
  PEG_ITEMS,
  PHQ9_ITEMS,
  PSEQ_ITEMS,
  findInstrument,
  instruments,
  isLicensedPlaceholder,
  kindredExtensions,
  mayShipText,
  scoreAnswers,
  withLicensedText,
  type QuestionnaireItem,
} from './index';

/** Walks every item of a Questionnaire, groups and display items included. */
function allItems(items: readonly QuestionnaireItem[] | undefined): QuestionnaireItem[] {
  return (items ?? []).flatMap((item) => [item, ...allItems(item.item)]);
}

const ordinalOf = (option: { valueCoding?: { extension?: { url: string; valueDecimal?: number }[] } }) =>
  option.valueCoding?.extension?.find((e) => e.url === kindredExtensions.ordinalValue)?.valueDecimal;

/** The linkIds each scoring function reads, so the JSON and the code cannot drift apart. */
const scoringLinkIds: Record<string, readonly string[]> = {
  phq9: PHQ9_ITEMS,
  gad7: GAD7_ITEMS,
  peg: PEG_ITEMS,
  'bpi-sf': [...BPI_SEVERITY_ITEMS, ...BPI_INTERFERENCE_ITEMS],
  pcs: Object.values(PCS_SUBSCALES).flat(),
  pseq: PSEQ_ITEMS,
  'mos-sss': MOS_INDEX_ITEMS,
  'coaching-delivery': Object.values(DELIVERY_ELEMENT_ITEMS),
};

describe('the shipped questionnaires (FHIR R4)', () => {
  it('are the instruments the domain notes allow, each once', () => {
    expect(instruments.map((i) => i.id)).toEqual([
      'bpi-sf',
      'peg',
      'phq9',
      'gad7',
      'pcs',
      'pseq',
      'mos-sss',
      'coaching-delivery',
    ]);
  });

  describe.each(instruments.map((i) => [i.id, i] as const))('%s', (id, instrument) => {
    const q = instrument.definition.questionnaire;
    const every = allItems(q.item);

    it('is an active Questionnaire whose id is the registry id, with a title, version, copyright and source', () => {
      expect(q).toMatchObject({ resourceType: 'Questionnaire', id, status: 'active', version: '1' });
      expect(q.title).toBeTruthy();
      expect(q.copyright).toBeTruthy();
      expect(instrument.source.length).toBeGreaterThan(20);
    });

    it('records the same licence in the Questionnaire and the registry', () => {
      const licence = q.extension?.find((e) => e.url === kindredExtensions.licence)?.valueCode;
      expect(licence).toBe(instrument.licence);
      expect(instrument.hasItemText).toBe(mayShipText(instrument.licence));
    });

    it('gives every item a unique, non-empty linkId and every answerable item a text', () => {
      const linkIds = every.map((i) => i.linkId);
      expect(linkIds.every((l) => /^[a-z0-9-]+$/.test(l))).toBe(true);
      expect(new Set(linkIds).size).toBe(linkIds.length);
      for (const item of every) if (item.type !== 'group') expect(item.text, item.linkId).toBeTruthy();
    });

    it('gives every choice unique answer codes, each with a unique ordinalValue', () => {
      for (const item of every.filter((i) => i.type === 'choice')) {
        const options = item.answerOption ?? [];
        expect(options.length, item.linkId).toBeGreaterThan(1);
        const codes = options.map((o) => o.valueCoding?.code);
        const values = options.map(ordinalOf);
        expect(
          codes.every((c) => typeof c === 'string' && c.length > 0),
          item.linkId,
        ).toBe(true);
        expect(new Set(codes).size, item.linkId).toBe(codes.length);
        expect(
          values.every((v) => typeof v === 'number'),
          item.linkId,
        ).toBe(true);
        expect(new Set(values).size, item.linkId).toBe(values.length);
        expect(options.every((o) => o.valueCoding?.system?.startsWith('https://kindred.invalid/fhir/CodeSystem/'))).toBe(true);
      }
    });

    it('scores exactly the items its scoring function reads', () => {
      const scored = instrument.definition.items.filter((i) => i.isScored).map((i) => i.linkId);
      expect([...scored].sort()).toEqual([...new Set(scoringLinkIds[id])].sort());
    });

    if (instrument.hasItemText) {
      it('ships its item text (the licence allows it): no placeholders', () => {
        expect(every.some((i) => isLicensedPlaceholder(i.text ?? ''))).toBe(false);
      });
    } else {
      it('ships no copyrighted text: every item is a placeholder, no stems or groups, answers labelled by number only', () => {
        for (const item of every) {
          expect(item.type, item.linkId).toBe('choice');
          expect(isLicensedPlaceholder(item.text ?? ''), item.linkId).toBe(true);
          for (const option of item.answerOption ?? []) expect(option.valueCoding?.display).toMatch(/^\d+$/);
        }
      });
    }
  });

  it('PCS subscales cover the 13 items exactly once, MOS-SSS subscales the 18 subscale items (item 14 only in the index)', () => {
    const pcs = Object.values(PCS_SUBSCALES).flat();
    expect(pcs).toHaveLength(13);
    expect(new Set(pcs).size).toBe(13);
    const mos = Object.values(MOS_SUBSCALES).flat();
    expect(mos).toHaveLength(18);
    expect(new Set([...mos, 'mos-14'])).toEqual(new Set(MOS_INDEX_ITEMS));
  });
});

describe('licensed item text from a program’s file', () => {
  const bpi = findInstrument('bpi-sf')!;
  const fullFile = Object.fromEntries(bpi.definition.items.map((i) => [i.linkId, `Licensed wording for ${i.linkId}`]));

  it('fills every item of the Questionnaire and the definition; scoring is unchanged', () => {
    const merged = withLicensedText(bpi, fullFile);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.value.hasItemText).toBe(true);
    expect(allItems(merged.value.definition.questionnaire.item).map((i) => i.text)).toEqual(
      bpi.definition.items.map((i) => fullFile[i.linkId]),
    );
    expect(merged.value.definition.items.every((i) => i.text === fullFile[i.linkId])).toBe(true);
    const answers = Object.fromEntries(bpi.definition.items.map((i) => [i.linkId, 3]));
    expect(scoreAnswers(merged.value, answers)).toEqual(scoreAnswers(bpi, answers));
    // The shipped instrument keeps its placeholders.
    expect(isLicensedPlaceholder(bpi.definition.items[0]!.text)).toBe(true);
  });

  it('names unknown linkIds and items the file leaves out, and changes nothing', () => {
    const { 'bpi-sleep': _left, ...rest } = fullFile;
    const merged = withLicensedText(bpi, { ...rest, 'bpi-9h': 'An item the BPI does not have' });
    expect(merged).toEqual({
      ok: false,
      problems: [
        { where: 'bpi-9h', message: 'unknown linkId: not an item of bpi-sf' },
        { where: 'bpi-sleep', message: 'missing: the file gives no text for this item' },
      ],
    });
  });

  it('refuses a file that is not an object of non-empty texts', () => {
    expect(withLicensedText(bpi, ['text'])).toMatchObject({ ok: false, problems: [{ where: 'file' }] });
    expect(withLicensedText(bpi, { ...fullFile, 'bpi-worst': '  ' })).toMatchObject({
      ok: false,
      problems: [{ where: 'bpi-worst', message: 'must be non-empty text' }],
    });
    expect(withLicensedText(bpi, { ...fullFile, 'bpi-worst': 3 })).toMatchObject({
      ok: false,
      problems: [{ where: 'bpi-worst' }],
    });
  });

  it('is not needed for an instrument that ships its text', () => {
    expect(withLicensedText(findInstrument('phq9')!, { 'phq9-1': 'x' })).toMatchObject({
      ok: false,
      problems: [{ where: 'phq9' }],
    });
  });
});
