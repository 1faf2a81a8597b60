import { expect, it } from 'vitest';
import { docxText } from './docx';
import { parseTranscript } from './transcript';

const XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Interview 4</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Interviewer: </w:t></w:r><w:r><w:t>What helped &amp; what didn&apos;t?</w:t></w:r></w:p>
<w:p><w:r><w:t>Sam Reed: The calls.</w:t></w:r><w:del w:id="1"><w:r><w:delText>removed</w:delText></w:r></w:del><w:r><w:tab/><w:t>Really.</w:t><w:br/><w:t>Every week.</w:t></w:r></w:p>
<w:sectPr/></w:body></w:document>`;

it('reads paragraphs, runs, tabs and breaks of a Word body, leaving out deleted text', () => {
  expect(docxText(XML)).toBe(
    "Interview 4\n\nInterviewer: What helped & what didn't?\nSam Reed: The calls.\tReally.\nEvery week.",
  );
});

it('reads as a plain-text transcript with speaker turns', () => {
  const doc = parseTranscript('text', docxText(XML));
  expect(doc.turns.map((t) => t.speaker)).toEqual([null, 'Interviewer', 'Sam Reed']);
});
