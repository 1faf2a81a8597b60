import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

/** REFI-QDA's published project schema (QDA-XML 1.0, March 2019; MIT), kept beside the core module. */
const XSD = readFileSync(
  fileURLToPath(new URL('../../../core/interviews/fixtures/Project-mrt2019.xsd', import.meta.url)),
  'utf8',
);

/** Validates a project.qde against the REFI-QDA schema with libxml2 (xmllint compiled to WebAssembly). */
export async function validateProject(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'project.qde', contents: xml }],
    schema: [{ fileName: 'Project-mrt2019.xsd', contents: XSD }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

/**
 * Validates a `.qdc` codebook: its CodeBook, moved into the project namespace (its root's attributes,
 * comments and a `qdc:` prefix dropped), as a project's codebook; the codebook schema's Code is the
 * project schema's CodeType.
 */
export async function validateCodebook(qdc: string): Promise<{ valid: boolean; errors: string[] }> {
  const body = qdc
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(/<(\/?)qdc:/g, '<$1')
    .replace(/<CodeBook\b[^>]*>/, '<CodeBook>');
  return validateProject(
    `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="codebook">\n${body}</Project>\n`,
  );
}
