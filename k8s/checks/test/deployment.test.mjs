// The repository's own deployment files pass every check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runChecks } from '../src/run.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const { groups, notes } = await runChecks(root);
for (const note of notes) console.log(`# note: ${note}`);

const titles = {
  render: 'kubectl kustomize renders every overlay',
  schema: 'every rendered object passes the offline Kubernetes schema validation',
  kubernetes: 'the manifests match the services: ports, probes, shutdown, hardening, scaling, network policies, span export',
  compose: 'docker-compose.yml (alone and with docker-compose.tracing.yml) and .env.example match the services and the Compose schema',
  images: 'the Dockerfiles (and built jars) are multi-stage, layered, non-root and free of test-only servers',
  wiring: 'credentials and the Redis configuration agree between both ends of every connection',
  monitoring: 'the Grafana dashboard is valid, templated on its Prometheus data source, and rendered for the sidecar',
};

for (const [group, title] of Object.entries(titles)) {
  test(title, () => {
    assert.deepEqual(groups[group], [], `\n${groups[group].join('\n')}`);
  });
}
