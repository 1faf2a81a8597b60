#!/usr/bin/env node
// The `kindred` command. It runs a bundle of the TypeScript sources, made by esbuild the first time
// and again only when a source file changes (scripts/build-server.mjs, ADR 0049), so no build step
// is needed after `npm ci`. Where no bundle can be written it runs the sources through tsx.
import { pathToFileURL } from 'node:url';
import { serverBundle } from '../scripts/build-server.mjs';

const bundle = process.env.KINDRED_FROM_SOURCE === '1' ? null : await serverBundle();
let main;
if (bundle) {
  // Stack traces name the TypeScript files and lines, as they would from the sources.
  process.setSourceMapsEnabled(true);
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
