/**
 * The text of a Word document's body (`word/document.xml` of a .docx, ECMA-376 WordprocessingML):
 * one line per paragraph (`w:p`), runs' text (`w:t`) joined, tabs (`w:tab`) as tabs, line breaks
 * (`w:br`, `w:cr`) as new lines. Deleted text (`w:del`) and field instructions are left out.
 * Pure: the caller unzips the file. The result is read as a plain-text transcript.
 */
export function docxText(documentXml: string): string {
  const body = documentXml
    .replace(/<w:del\b[^>]*>[\s\S]*?<\/w:del>/g, '')
    .replace(/<w:instrText\b[^>]*>[\s\S]*?<\/w:instrText>/g, '');
  const paragraphs: string[] = [];
  for (const p of body.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    let line = '';
    for (const m of (p[1] ?? '').matchAll(/<w:t\b[^>]*>([\s\S]*?)<\/w:t>|<w:tab\b[^>]*\/>|<w:(?:br|cr)\b[^>]*\/>/g)) {
      if (m[1] !== undefined) line += decodeXml(m[1]);
      else if (m[0].startsWith('<w:tab')) line += '\t';
      else line += '\n';
    }
    paragraphs.push(line);
  }
  return paragraphs.join('\n');
}

function decodeXml(s: string): string {
  return s.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (_, dec: string, hex: string, name: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name]!;
  });
}
