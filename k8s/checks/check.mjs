#!/usr/bin/env node
// Deployment checks from the command line: `node k8s/checks/check.mjs [repository root]`.
// Exits 1 when any check finds a problem. The same checks run as tests: `npm test` here.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks } from './src/run.mjs';

const root = resolve(process.argv[2] ?? fileURLToPath(new URL('../..', import.meta.url)));
const { groups, notes } = await runChecks(root);
let failed = 0;
for (const [group, problems] of Object.entries(groups)) {
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${group}${problems.length ? ` (${problems.length})` : ''}`);
  for (const problem of problems) console.log(`     - ${problem}`);
  failed += problems.length;
}
for (const note of notes) console.log(`note ${note}`);
process.exitCode = failed ? 1 : 0;
