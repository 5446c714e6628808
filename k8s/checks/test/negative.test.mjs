// Each check can fail: a copy of the repository is broken in one way, and the checks must say so.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runChecks } from '../src/run.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const copies = [];
after(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the repository's sources (no .git, no build output), changed by `edit`. */
function brokenCopy(edits) {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-checks-'));
  copies.push(dir);
  cpSync(root, dir, {
    recursive: true,
    filter: (source) => !/(^|\/)(\.git|node_modules|target|\.local)(\/|$)/.test(source.slice(root.length)),
  });
  for (const [file, from, to] of edits) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const changed = typeof from === 'string' ? text.replace(from, to) : text.replace(from, to);
    assert.notEqual(changed, text, `the edit of ${file} must change it (${from})`);
    writeFileSync(path, changed);
  }
  return dir;
}

async function problemsOf(edits) {
  const { groups } = await runChecks(brokenCopy(edits));
  return Object.values(groups).flat();
}

function assertReported(problems, pattern) {
  assert.ok(problems.some((p) => pattern.test(p)), `expected a problem matching ${pattern}, got:\n${problems.join('\n')}`);
}

test('the unbroken copy passes, so each failure below is caused by its one edit', async () => {
  assert.deepEqual(await problemsOf([]), []);
});

test('a service that moves to another port no longer matches the manifests, compose and its image', async () => {
  const problems = await problemsOf([['bank-service/src/main/resources/application.yml', /port: 8081/, 'port: 9091']]);
  assertReported(problems, /Deployment exactly-once\/bank-service: containerPort 8081, but bank-service listens on server.port 9091/);
  assertReported(problems, /bank-service\/Dockerfile: EXPOSE 8081, but bank-service listens on server.port 9091/);
  assertReported(problems, /docker-compose.yml: bank-service healthcheck asks port 8081, but actuator listens on 9091/);
  assertReported(problems, /gateway: GATEWAY_BANK_URI reaches bank-service on port 8081, but it listens on 9091/);
});

test('an environment variable the service does not bind is reported', async () => {
  const problems = await problemsOf([['k8s/base/kustomization.yaml', '- SPRING_DATA_REDIS_HOST=redis\n      - SPRING_DATA_REDIS_PORT=6379\n      - MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true\n  - name: gateway-env',
    '- SPRING_REDIS_HOST=redis\n      - SPRING_DATA_REDIS_PORT=6379\n      - MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true\n  - name: gateway-env']]);
  assertReported(problems, /k8s overlay local, bank-service: sets SPRING_REDIS_HOST, but bank-service binds no such property/);
  assertReported(problems, /k8s overlay local, bank-service: spring.data.redis.host is still localhost/);
});

test('a property renamed in a service\'s configuration leaves the deployments behind', async () => {
  const problems = await problemsOf([['client-app/src/main/resources/application.yml',
    'bank-url: ${CLIENT_BANK_URL:http://localhost:8080}', 'bank-address: ${CLIENT_BANK_ADDRESS:http://localhost:8080}']]);
  assertReported(problems, /docker-compose.yml, client-app: sets CLIENT_BANK_URL, but client-app binds no such property/);
  assertReported(problems, /client-app: client.bank-address is still http:\/\/localhost:8080/);
});

test('a probe on a path actuator does not serve is reported', async () => {
  const problems = await problemsOf([['k8s/base/bank-service/deployment.yaml', 'path: /actuator/health/readiness', 'path: /actuator/health/ready']]);
  assertReported(problems, /readinessProbe path \/actuator\/health\/ready, but bank-service serves \/actuator\/health\/readiness/);
});

test('a grace period shorter than preStop plus Spring\'s shutdown phase is reported', async () => {
  const problems = await problemsOf([['k8s/base/bank-service/deployment.yaml', 'terminationGracePeriodSeconds: 45', 'terminationGracePeriodSeconds: 25']]);
  assertReported(problems, /terminationGracePeriodSeconds 25 must exceed preStop 10s \+ spring.lifecycle.timeout-per-shutdown-phase 20s/);
});

test('a NetworkPolicy that lets client-app reach bank-service directly is reported', async () => {
  const problems = await problemsOf([['k8s/base/network-policies.yaml',
    '      ports:\n        - protocol: TCP\n          port: 8081\n  egress:',
    '      ports:\n        - protocol: TCP\n          port: 8081\n    - from:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: client-app\n  egress:'],
  ['k8s/base/network-policies.yaml', /(  name: client-app\nspec:\n[\s\S]*?  egress:\n)/, '$1    - to:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: bank-service\n']]);
  assertReported(problems, /NetworkPolicies allow client-app -> bank-service, which the design forbids/);
});

test('a NetworkPolicy that blocks a path a service is configured to use is reported', async () => {
  const problems = await problemsOf([['k8s/base/network-policies.yaml', /(name: gateway\n[\s\S]*?port: 8081\n)(    - to:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io\/name: redis\n      ports:\n        - protocol: TCP\n          port: 6379\n)/, '$1']]);
  assertReported(problems, /NetworkPolicies block gateway -> redis, which the design needs/);
  assertReported(problems, /gateway is configured to reach redis \(SPRING_DATA_REDIS_HOST\), but the NetworkPolicies block it/);
});

test('Redis without everysec AOF is reported, in compose and in the cluster', async () => {
  const problems = await problemsOf([['k8s/base/redis/redis.conf', 'appendfsync everysec', 'appendfsync no']]);
  assertReported(problems, /docker-compose.yml redis: appendfsync must be everysec/);
  assertReported(problems, /k8s overlay production, redis redis.conf: appendfsync must be everysec/);
});

test('an image that runs as root, or under a name, is reported', async () => {
  const problems = await problemsOf([['gateway/Dockerfile', 'USER 10001:10001', 'USER app']]);
  assertReported(problems, /gateway\/Dockerfile: the runtime stage needs a numeric USER/);
});

test('an image whose user differs from the pod\'s runAsUser is reported', async () => {
  const problems = await problemsOf([['client-app/Dockerfile', 'USER 10001:10001', 'USER 10002:10002']]);
  assertReported(problems, /Deployment exactly-once\/client-app: runAsUser 10001, but the image's USER is 10002/);
});

test('a wrongly typed or misspelt manifest field fails the schema validation', async () => {
  const problems = await problemsOf([
    ['k8s/base/gateway/deployment.yaml', 'containerPort: 8080', 'containerPort: "8080"'],
    ['k8s/base/gateway/deployment.yaml', 'readinessProbe:', 'readinessprobe:'],
  ]);
  assertReported(problems, /Deployment exactly-once\/gateway: \/spec\/template\/spec\/containers\/0\/ports\/0\/containerPort must be integer/);
  assertReported(problems, /containers\/0\/readinessprobe: unknown field/);
});

test('an overlay that does not render is reported', async () => {
  const problems = await problemsOf([['k8s/base/kustomization.yaml', '  - ingress.yaml\n', '  - ingres.yaml\n']]);
  assertReported(problems, /kubectl kustomize .*overlays\/local failed/);
});

test('a secret committed in the production overlay, or a literal password in compose, is reported', async () => {
  const problems = await problemsOf([
    ['k8s/overlays/production/kustomization.yaml', 'patches:\n', 'secretGenerator:\n  - name: redis-auth\n    literals:\n      - password=hunter2\n\npatches:\n'],
    ['docker-compose.yml', 'SPRING_DATA_REDIS_PASSWORD: ${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}\n      MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED: "true"\n    depends_on:\n      bank-service',
      'SPRING_DATA_REDIS_PASSWORD: hunter2\n      MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED: "true"\n    depends_on:\n      bank-service'],
  ]);
  assertReported(problems, /k8s overlay production: renders Secret redis-auth.*: production secrets must be created outside the repository/);
  assertReported(problems, /docker-compose.yml: gateway sets SPRING_DATA_REDIS_PASSWORD literally/);
  assertReported(problems, /docker-compose.yml: gateway's SPRING_DATA_REDIS_PASSWORD comes from literal, but Redis's password from .env REDIS_PASSWORD/);
});

test('compose that starts a service before what it connects to is healthy is reported', async () => {
  const problems = await problemsOf([['docker-compose.yml', '    depends_on:\n      postgres:\n        condition: service_healthy\n      gateway:',
    '    depends_on:\n      postgres:\n        condition: service_started\n      gateway:']]);
  assertReported(problems, /client-app connects to postgres \(SPRING_DATASOURCE_URL\) but does not depend_on it with condition service_healthy/);
});

test('a misspelt compose key fails the Compose schema validation', async () => {
  const problems = await problemsOf([['docker-compose.yml', '    stop_grace_period: 30s\n    restart: unless-stopped\n\n  gateway:', '    stop_grace_perod: 30s\n    restart: unless-stopped\n\n  gateway:']]);
  assertReported(problems, /docker-compose.yml: schema: \/services\/bank-service must NOT have additional properties \(stop_grace_perod\)/);
  assertReported(problems, /bank-service stop_grace_period 10s \(default\) must exceed spring.lifecycle.timeout-per-shutdown-phase 20s/);
});

test('the demo profile in a deployment is reported', async () => {
  const problems = await problemsOf([['k8s/base/kustomization.yaml', '  - name: client-app-env\n    literals:\n      - SPRING_PROFILES_ACTIVE=prod', '  - name: client-app-env\n    literals:\n      - SPRING_PROFILES_ACTIVE=local']]);
  assertReported(problems, /client-app: activates the 'local' profile, which ships demo credentials/);
});

test('a dashboard user whose token the bank does not know is reported', async () => {
  const problems = await problemsOf([['k8s/overlays/local/kustomization.yaml', 'CLIENT_USERS_BOB_TOKEN=demo-only-bob-token', 'CLIENT_USERS_BOB_TOKEN=demo-only-robert-token']]);
  assertReported(problems, /k8s overlay local: client-app user bob sends a token that bank-service does not accept as BANK_SECURITY_CLIENTS_BOB/);
});

test('a dashboard panel on a fixed data source, or a dashboard that is not JSON, is reported', async () => {
  const fixed = await problemsOf([['k8s/base/monitoring/exactly-once-dashboard.json', '"uid": "${datasource}"', '"uid": "prometheus"']]);
  assertReported(fixed, /exactly-once-dashboard.json: panel '[^']+': its data source must be \$\{datasource\}/);
  const broken = await problemsOf([['k8s/base/monitoring/exactly-once-dashboard.json', /\n\}\n$/, '\n']]);
  assertReported(broken, /^k8s\/base\/monitoring\/exactly-once-dashboard.json: not valid JSON/);
  assertReported(broken, /k8s overlay production, ConfigMap exactly-once-dashboard exactly-once-dashboard.json: not valid JSON/);
});

test('a dashboard ConfigMap without the sidecar\'s label is reported', async () => {
  const problems = await problemsOf([['k8s/base/monitoring/kustomization.yaml', 'grafana_dashboard: "1"', 'dashboard: "yes"']]);
  assertReported(problems, /k8s overlay local: no ConfigMap labelled grafana_dashboard: "1"/);
});

test('a NetworkPolicy that keeps the monitoring namespace from a service\'s metrics is reported', async () => {
  const problems = await problemsOf([['k8s/base/network-policies.yaml',
    '    - from:\n        - namespaceSelector:\n            matchLabels:\n              exactly-once.dev/monitoring: "true"\n      ports:\n        - protocol: TCP\n          port: 8080\n', '']]);
  assertReported(problems, /NetworkPolicies keep the monitoring namespace from gateway's actuator port 8080/);
  assertReported(problems, /NetworkPolicies block monitoring -> gateway, which the design needs/);
});

test('a NetworkPolicy that lets the monitoring namespace reach a data store is reported', async () => {
  const problems = await problemsOf([['k8s/base/network-policies.yaml', /(  name: redis\n[\s\S]*?  ingress:\n)/,
    '$1    - from:\n        - namespaceSelector:\n            matchLabels:\n              exactly-once.dev/monitoring: "true"\n']]);
  assertReported(problems, /NetworkPolicies allow monitoring -> redis, which the design forbids/);
});

test('a service whose actuator does not expose prometheus is reported', async () => {
  const problems = await problemsOf([['gateway/src/main/resources/application.yml', 'include: health,info,metrics,prometheus', 'include: health,info,metrics']]);
  assertReported(problems, /gateway: management.endpoints.web.exposure.include does not expose prometheus/);
});

test('client-app back to one replica, or without its PodDisruptionBudget, is reported', async () => {
  const problems = await problemsOf([
    ['docker-compose.yml', '    deploy:\n      replicas: 2\n    ports:\n      # One host port per replica', '    deploy:\n      replicas: 1\n    ports:\n      # One host port per replica'],
    ['k8s/base/client-app/autoscaling.yaml', '  minReplicas: 2', '  minReplicas: 1'],
    ['k8s/base/client-app/autoscaling.yaml', /---\napiVersion: policy\/v1[\s\S]*$/, ''],
  ]);
  assertReported(problems, /client-app runs 1 replica\(s\), needs 2/);
  assertReported(problems, /HorizontalPodAutoscaler exactly-once\/client-app: minReplicas 1, but client-app needs at least 2/);
  assertReported(problems, /client-app: no PodDisruptionBudget/);
});

test('a span export rule opened on the collector\'s gRPC port instead of OTLP/HTTP\'s is reported', async () => {
  const problems = await problemsOf([['k8s/base/network-policies.yaml',
    'exactly-once.dev/tracing: "true"\n      ports:\n        - protocol: TCP\n          port: 4318',
    'exactly-once.dev/tracing: "true"\n      ports:\n        - protocol: TCP\n          port: 4317']]);
  assertReported(problems, /k8s overlay production, bank-service: MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT sends spans to port 4318 of the tracing namespace, but the NetworkPolicies let bank-service reach only 4317 there/);
  assertReported(problems, /k8s overlay local: NetworkPolicies let gateway reach port 4317 of the tracing namespace; only OTLP\/HTTP's 4318 is needed/);
});

test('a misspelt span export variable is reported, in the production overlay and in the compose tracing file', async () => {
  const problems = await problemsOf([
    ['k8s/overlays/production/tracing.env', /^MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT=/m, 'MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPIONT='],
    ['docker-compose.tracing.yml', /(gateway:\n    environment:\n      )MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT/, '$1MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPIONT'],
  ]);
  assertReported(problems, /k8s overlay production, client-app: sets MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPIONT, but client-app binds no such property/);
  assertReported(problems, /docker-compose.yml \+ docker-compose.tracing.yml, gateway: sets MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPIONT, but gateway binds no such property/);
  assertReported(problems, /docker-compose.yml \+ docker-compose.tracing.yml: bank-service, client-app export spans but gateway sets no management.opentelemetry.tracing.export.otlp.endpoint/);
});

test('the span export variable binds only where the OpenTelemetry tracing module is a dependency', async () => {
  const problems = await problemsOf([['gateway/pom.xml', /<artifactId>spring-boot-micrometer-tracing-opentelemetry<\/artifactId>/, '<artifactId>spring-boot-micrometer-tracing-brave</artifactId>']]);
  assertReported(problems, /k8s overlay production, gateway: sets MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT, but gateway binds no such property/);
});

test('a span endpoint that leads to no collector is reported', async () => {
  const problems = await problemsOf([
    ['k8s/overlays/production/tracing.env', 'http://otel-collector.observability.svc:4318/v1/traces', 'http://otel-collector.monitoring.svc:4318'],
    ['docker-compose.tracing.yml', /(client-app:\n    environment:\n      MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT: )http:\/\/otel-collector:4318/, '$1http://otel-colector:4318'],
  ]);
  assertReported(problems, /k8s overlay production, bank-service: MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT names host otel-collector.monitoring.svc, which is not a Service in the tracing namespace observability/);
  assertReported(problems, /k8s overlay production, gateway: MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT posts to \/, but .* collectors take traces at \/v1\/traces/);
  assertReported(problems, /docker-compose.yml \+ docker-compose.tracing.yml, client-app: MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT names host otel-colector, which is not a collector service/);
});

test('a cluster-mode Redis named without a port, or on localhost, is reported, and so is the overlay\'s missing Redis without it', async () => {
  const env = 'k8s/overlays/production-redis-cluster/redis-cluster.env';
  const problems = await problemsOf([[env, 'redis-node-0.redis.example.internal:6379,', 'redis-node-0.redis.example.internal,localhost:6379,']]);
  assertReported(problems, /k8s overlay production-redis-cluster, bank-service: spring.data.redis.cluster.nodes has 'redis-node-0.redis.example.internal', not host:port/);
  assertReported(problems, /k8s overlay production-redis-cluster, gateway: spring.data.redis.cluster.nodes still names localhost:6379/);
  const unset = await problemsOf([[env, /^SPRING_DATA_REDIS_CLUSTER_NODES=.*$/m, '']]);
  assertReported(unset, /k8s overlay production-redis-cluster: no Deployment or StatefulSet redis/);
  assertReported(unset, /k8s overlay production-redis-cluster, bank-service: spring.data.redis.host is still localhost/);
});
