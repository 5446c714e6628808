// Checks on one rendered overlay: schema, references between objects, pod hardening, probes and
// graceful shutdown against each service's configuration, autoscaling, disruption budgets, the
// Ingress, and what the NetworkPolicies really let through.
import { validateObject, describe } from './schema.mjs';
import { checkTarget, runtimeOf } from './consistency.mjs';
import { ALLOWED_PATHS, APPS, AUTOSCALED, MIN_REPLICAS, PUBLIC, SECRET_NAME, STORES } from './topology.mjs';
import { checkTracingOverlay, TRACING_PEER } from './tracing.mjs';

export const NAMESPACE = 'exactly-once';

/**
 * Labels that stand in for the pods outside the namespace that policies must let in or out, and the ports
 * they listen on (none for those that only call in).
 */
export const OUTSIDE_PEERS = {
  ingress: { namespace: { 'kubernetes.io/metadata.name': 'ingress', 'exactly-once.dev/ingress-controller': 'true' }, pod: {} },
  dns: {
    namespace: { 'kubernetes.io/metadata.name': 'kube-system' },
    pod: { 'k8s-app': 'kube-dns' },
    ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
  },
  monitoring: { namespace: { 'kubernetes.io/metadata.name': 'monitoring', 'exactly-once.dev/monitoring': 'true' }, pod: {} },
  tracing: TRACING_PEER,
};

export async function checkOverlay(target, services, images, documentedSecrets) {
  const problems = [];
  const { objects, find, byKind } = target;

  for (const object of objects) problems.push(...await validateObject(object));

  for (const object of objects) {
    if (object.kind !== 'Namespace' && object.metadata?.namespace !== NAMESPACE) {
      problems.push(`${target.name}: ${describe(object)} is not in namespace ${NAMESPACE}`);
    }
  }

  problems.push(...references(target, documentedSecrets));
  const workloads = [...byKind('Deployment'), ...byKind('StatefulSet')];
  for (const workload of workloads) problems.push(...hardening(target, workload));
  // An overlay whose Redis users all name a cluster-mode Redis (spring.data.redis.cluster.nodes) runs none itself.
  const redisOutside = REDIS_USERS.every((app) => target.services[app]?.env.SPRING_DATA_REDIS_CLUSTER_NODES);
  const stores = Object.keys(STORES).filter((name) => name !== 'redis' || !redisOutside);
  for (const name of [...APPS, ...stores]) {
    if (!workloads.some((w) => w.metadata.name === name)) problems.push(`${target.name}: no Deployment or StatefulSet ${name}`);
  }
  for (const name of stores) problems.push(...store(target, name));

  // Each app against its own configuration.
  for (const app of APPS) {
    const service = services[app];
    const deployed = target.services[app];
    if (!service || !deployed) continue;
    problems.push(...appWorkload(target, app, deployed, runtimeOf(service, deployed.env), images[app]));
  }
  const hosts = serviceHosts(target);
  const { problems: wiring, edges } = checkTarget(target, services, hosts);
  problems.push(...wiring);

  problems.push(...serviceObjects(target));
  problems.push(...ingress(target));
  problems.push(...scaling(target));
  const network = networkPaths(target);
  problems.push(...network.problems);
  problems.push(...scraping(target, services, network));
  problems.push(...checkTracingOverlay(target, network));
  for (const [from, to, variable] of edges) {
    if (!network.allowed.has(`${from}->${to}`)) {
      problems.push(`${target.name}: ${from} is configured to reach ${to} (${variable}), but the NetworkPolicies block it`);
    }
  }
  return problems.map((p) => (p.startsWith(target.name) ? p : `${target.name}: ${p}`));
}

/** Host names (Service names, short and qualified) -> the workload behind them and the Service's ports. */
export function serviceHosts(target) {
  const table = new Map();
  for (const service of target.byKind('Service')) {
    const workload = podsOf(target, service.spec?.selector)[0];
    if (!workload) continue;
    const entry = { service: workload.metadata.name, ports: (service.spec.ports ?? []).map((p) => p.port) };
    const name = service.metadata.name;
    for (const host of [name, `${name}.${NAMESPACE}`, `${name}.${NAMESPACE}.svc`, `${name}.${NAMESPACE}.svc.cluster.local`]) {
      if (!table.has(host) || service.spec.clusterIP !== 'None') table.set(host, entry);
    }
  }
  return { resolve: (host) => table.get(host) };
}

function podLabels(workload) {
  return workload.spec?.template?.metadata?.labels ?? {};
}

function podsOf(target, selector) {
  if (!selector || Object.keys(selector).length === 0) return [];
  return [...target.byKind('Deployment'), ...target.byKind('StatefulSet')]
    .filter((w) => Object.entries(selector).every(([k, v]) => podLabels(w)[k] === v));
}

function references(target, documentedSecrets) {
  const problems = [];
  const secrets = target.byKind('Secret');
  const external = secrets.length === 0;
  if (target.overlay === 'production' && !external) {
    problems.push(`renders ${secrets.map((s) => `Secret ${s.metadata.name}`).join(', ')}: production secrets must be created outside the repository`);
  }
  const needSecret = (name, key, by) => {
    if (external) {
      if (!documentedSecrets.has(name)) problems.push(`${by} needs Secret ${name}, which README's Deployment section does not list`);
      return;
    }
    const secret = target.find('Secret', name);
    if (!secret) problems.push(`${by} needs Secret ${name}, which is not rendered`);
    else if (key && !(key in (target.dataOf(secret) ?? {}))) problems.push(`${by} needs key ${key} of Secret ${name}, which it lacks`);
  };
  const needConfigMap = (name, key, by) => {
    const map = target.find('ConfigMap', name);
    if (!map) problems.push(`${by} needs ConfigMap ${name}, which is not rendered`);
    else if (key && !(key in (map.data ?? {}))) problems.push(`${by} needs key ${key} of ConfigMap ${name}, which it lacks`);
  };
  for (const workload of [...target.byKind('Deployment'), ...target.byKind('StatefulSet')]) {
    const pod = workload.spec.template.spec;
    const by = describe(workload);
    for (const container of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
      for (const from of container.envFrom ?? []) {
        if (from.secretRef) needSecret(from.secretRef.name, null, by);
        if (from.configMapRef) needConfigMap(from.configMapRef.name, null, by);
      }
      for (const variable of container.env ?? []) {
        const source = variable.valueFrom;
        if (source?.secretKeyRef) needSecret(source.secretKeyRef.name, source.secretKeyRef.key, by);
        if (source?.configMapKeyRef) needConfigMap(source.configMapKeyRef.name, source.configMapKeyRef.key, by);
        if (SECRET_NAME.test(variable.name) && !source?.secretKeyRef) {
          problems.push(`${by} sets ${variable.name} without a Secret: credentials never go in a manifest`);
        }
      }
    }
    for (const volume of pod.volumes ?? []) {
      if (volume.secret) needSecret(volume.secret.secretName, null, by);
      if (volume.configMap) needConfigMap(volume.configMap.name, null, by);
    }
  }
  for (const ingress of target.byKind('Ingress')) {
    for (const tls of ingress.spec?.tls ?? []) needSecret(tls.secretName, null, describe(ingress));
  }
  for (const map of target.byKind('ConfigMap')) {
    for (const key of Object.keys(map.data ?? {}).filter((k) => SECRET_NAME.test(k))) {
      problems.push(`${describe(map)} holds ${key}: credentials belong in a Secret`);
    }
  }
  for (const image of target.byKind('Deployment').concat(target.byKind('StatefulSet'))
    .flatMap((w) => w.spec.template.spec.containers.map((c) => c.image))) {
    if (!/[:@]/.test(image.split('/').pop()) || /:latest$/.test(image)) problems.push(`image ${image} has no fixed tag`);
    if (target.overlay === 'production' && /:dev$/.test(image)) problems.push(`image ${image} is a development build`);
  }
  return problems;
}

function hardening(target, workload) {
  const problems = [];
  const by = describe(workload);
  const pod = workload.spec.template.spec;
  const podSecurity = pod.securityContext ?? {};
  if (podSecurity.runAsNonRoot !== true) problems.push(`${by}: pod securityContext.runAsNonRoot must be true`);
  if (!(podSecurity.runAsUser > 0)) problems.push(`${by}: pod securityContext.runAsUser must be a non-root uid`);
  if (podSecurity.seccompProfile?.type !== 'RuntimeDefault') problems.push(`${by}: seccompProfile must be RuntimeDefault`);
  if (pod.automountServiceAccountToken !== false) problems.push(`${by}: automountServiceAccountToken must be false (no pod here calls the API)`);
  for (const container of pod.containers ?? []) {
    const where = `${by} container ${container.name}`;
    const security = container.securityContext ?? {};
    if (security.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation must be false`);
    if (security.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem must be true`);
    if (security.privileged === true) problems.push(`${where}: must not be privileged`);
    if (!(security.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where}: must drop ALL capabilities`);
    if ((security.capabilities?.add ?? []).length) problems.push(`${where}: adds capabilities`);
    const resources = container.resources ?? {};
    if (!resources.requests?.cpu || !resources.requests?.memory) problems.push(`${where}: needs cpu and memory requests`);
    if (!resources.limits?.memory) problems.push(`${where}: needs a memory limit`);
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      if (!container[probe]) problems.push(`${where}: has no ${probe}`);
    }
    const tmp = (container.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
    if (security.readOnlyRootFilesystem === true && !tmp) problems.push(`${where}: a read-only root needs a writable /tmp (emptyDir)`);
    if (tmp && !(pod.volumes ?? []).some((v) => v.name === tmp.name && v.emptyDir)) problems.push(`${where}: /tmp must be an emptyDir`);
  }
  return problems;
}

/** The services that use Redis (ALLOWED_PATHS). */
const REDIS_USERS = ALLOWED_PATHS.filter(([, to]) => to === 'redis').map(([from]) => from);

function store(target, name) {
  const problems = [];
  const set = target.find('StatefulSet', name);
  if (!set) return [`${name} must run as a StatefulSet`];
  const claims = set.spec.volumeClaimTemplates ?? [];
  const container = set.spec.template.spec.containers[0];
  const port = (container.ports ?? []).map((p) => p.containerPort);
  if (!port.includes(STORES[name])) problems.push(`StatefulSet ${name}: listens on ${port.join(', ')}, not ${STORES[name]}`);
  if (!claims.length) problems.push(`StatefulSet ${name}: has no volumeClaimTemplates (its data would not survive the pod)`);
  for (const claim of claims) {
    if (!(container.volumeMounts ?? []).some((m) => m.name === claim.metadata.name)) {
      problems.push(`StatefulSet ${name}: volume claim ${claim.metadata.name} is not mounted`);
    }
  }
  const headless = target.find('Service', set.spec.serviceName);
  if (!headless || headless.spec.clusterIP !== 'None') problems.push(`StatefulSet ${name}: serviceName ${set.spec.serviceName} must be a headless Service`);
  if ((set.spec.replicas ?? 1) === 1 && podsPdb(target, set)) problems.push(`StatefulSet ${name}: a PodDisruptionBudget on one replica blocks every node drain`);
  return problems;
}

function podsPdb(target, workload) {
  return target.byKind('PodDisruptionBudget').find((pdb) => selects(pdb.spec.selector, podLabels(workload)));
}

function appWorkload(target, app, deployed, rt, image) {
  const problems = [];
  const { workload, container } = deployed;
  const by = `${describe(workload)}`;
  const pod = workload.spec.template.spec;
  if (workload.kind !== 'Deployment') problems.push(`${by}: ${app} should be a Deployment`);
  const ports = container.ports ?? [];
  const http = ports.find((p) => p.name === 'http');
  if (!http) problems.push(`${by}: no container port named http`);
  else if (http.containerPort !== rt.port) problems.push(`${by}: containerPort ${http.containerPort}, but ${app} listens on server.port ${rt.port}`);
  const resolvePort = (port) => (typeof port === 'number' ? port : ports.find((p) => p.name === port)?.containerPort);
  const expectations = {
    startupProbe: [rt.liveness, rt.readiness],
    readinessProbe: [rt.readiness],
    livenessProbe: [rt.liveness],
  };
  for (const [probe, paths] of Object.entries(expectations)) {
    const get = container[probe]?.httpGet;
    if (!get) { problems.push(`${by}: ${probe} must be an HTTP GET on ${paths[0]}`); continue; }
    if (!paths.includes(get.path)) problems.push(`${by}: ${probe} path ${get.path}, but ${app} serves ${paths.join(' or ')}`);
    if (resolvePort(get.port) !== rt.managementPort) problems.push(`${by}: ${probe} port ${get.port}, but actuator listens on ${rt.managementPort}`);
  }
  // Graceful shutdown: preStop, then Spring's shutdown phase, all inside the grace period.
  const preStop = container.lifecycle?.preStop;
  const sleep = preStop?.sleep?.seconds
    ?? Number((preStop?.exec?.command ?? []).join(' ').match(/^(?:\/bin\/)?sleep (\d+)$/)?.[1] ?? NaN);
  if (!preStop) problems.push(`${by}: needs a preStop pause so endpoints drop the pod before shutdown starts`);
  const pause = Number.isNaN(sleep) ? 0 : sleep;
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  if (!(grace > pause + rt.shutdownPhaseSeconds)) {
    problems.push(`${by}: terminationGracePeriodSeconds ${grace} must exceed preStop ${pause}s + `
      + `spring.lifecycle.timeout-per-shutdown-phase ${rt.shutdownPhaseSeconds}s`);
  }
  if (image?.uid !== undefined && pod.securityContext?.runAsUser !== image.uid) {
    problems.push(`${by}: runAsUser ${pod.securityContext?.runAsUser}, but the image's USER is ${image.uid}`);
  }
  return problems;
}

function serviceObjects(target) {
  const problems = [];
  for (const service of target.byKind('Service')) {
    const pods = podsOf(target, service.spec?.selector);
    if (!pods.length) { problems.push(`${describe(service)}: its selector matches no pods`); continue; }
    for (const port of service.spec.ports ?? []) {
      const targetPort = port.targetPort ?? port.port;
      for (const workload of pods) {
        const containerPorts = workload.spec.template.spec.containers.flatMap((c) => c.ports ?? []);
        const found = containerPorts.some((p) => (typeof targetPort === 'number' ? p.containerPort === targetPort : p.name === targetPort));
        if (!found) problems.push(`${describe(service)}: targetPort ${targetPort} is not a port of ${describe(workload)}`);
      }
    }
  }
  return problems;
}

function ingress(target) {
  const problems = [];
  const ingresses = target.byKind('Ingress');
  if (!ingresses.length) problems.push('no Ingress');
  const exposed = new Set();
  for (const object of ingresses) {
    const backends = [object.spec?.defaultBackend, ...(object.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend))].filter(Boolean);
    for (const backend of backends) {
      const service = target.find('Service', backend.service?.name);
      if (!service) { problems.push(`${describe(object)}: backend Service ${backend.service?.name} does not exist`); continue; }
      const port = backend.service.port ?? {};
      if (!(service.spec.ports ?? []).some((p) => p.name === port.name || p.port === port.number)) {
        problems.push(`${describe(object)}: Service ${service.metadata.name} has no port ${port.name ?? port.number}`);
      }
      for (const workload of podsOf(target, service.spec.selector)) exposed.add(workload.metadata.name);
    }
  }
  for (const name of exposed) if (!PUBLIC.includes(name)) problems.push(`the Ingress exposes ${name}; only ${PUBLIC.join(' and ')} may be reached from outside`);
  if (!exposed.has('gateway')) problems.push('the Ingress does not route to the gateway');
  return problems;
}

function scaling(target) {
  const problems = [];
  const hpas = target.byKind('HorizontalPodAutoscaler');
  for (const app of APPS) {
    const deployment = target.find('Deployment', app);
    if (!deployment) continue;
    const hpa = hpas.find((h) => h.spec.scaleTargetRef?.kind === 'Deployment' && h.spec.scaleTargetRef?.name === app);
    const minimum = MIN_REPLICAS[app] ?? 1;
    if (AUTOSCALED.includes(app)) {
      if (!hpa) { problems.push(`${app}: no HorizontalPodAutoscaler`); continue; }
      if (hpa.spec.scaleTargetRef.apiVersion !== 'apps/v1') problems.push(`${describe(hpa)}: scaleTargetRef.apiVersion must be apps/v1`);
      if ((hpa.spec.minReplicas ?? 1) < minimum) problems.push(`${describe(hpa)}: minReplicas ${hpa.spec.minReplicas ?? 1}, but ${app} needs at least ${minimum}`);
      if (hpa.spec.maxReplicas < (hpa.spec.minReplicas ?? 1)) problems.push(`${describe(hpa)}: maxReplicas below minReplicas`);
      if (!(hpa.spec.metrics ?? []).length) problems.push(`${describe(hpa)}: no metrics`);
      if (deployment.spec.replicas !== undefined) problems.push(`Deployment ${app}: sets replicas although its HorizontalPodAutoscaler owns the count`);
      const pdb = podsPdb(target, deployment);
      if (!pdb) problems.push(`${app}: no PodDisruptionBudget`);
      else {
        const min = hpa.spec.minReplicas ?? 1;
        if (pdb.spec.minAvailable !== undefined && !(Number(pdb.spec.minAvailable) < min)) {
          problems.push(`${describe(pdb)}: minAvailable ${pdb.spec.minAvailable} with ${min} replicas blocks every node drain`);
        }
        if (pdb.spec.maxUnavailable !== undefined && Number(pdb.spec.maxUnavailable) < 1) problems.push(`${describe(pdb)}: maxUnavailable 0 blocks every node drain`);
      }
    } else if ((deployment.spec.replicas ?? 1) < minimum) {
      problems.push(`Deployment ${app}: ${deployment.spec.replicas} replicas, needs at least ${minimum}`);
    }
  }
  return problems;
}

function selects(selector, labels) {
  if (!selector) return false;
  const matchLabels = selector.matchLabels ?? {};
  const okLabels = Object.entries(matchLabels).every(([k, v]) => labels[k] === v);
  const okExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In': return values.includes(labels[key]);
      case 'NotIn': return !values.includes(labels[key]);
      case 'Exists': return key in labels;
      case 'DoesNotExist': return !(key in labels);
      default: return false;
    }
  });
  return okLabels && okExpressions;
}

/**
 * Prometheus, in the namespace labelled exactly-once.dev/monitoring=true, reaches each service on the port its
 * actuator serves /actuator/prometheus on, and on no other.
 */
function scraping(target, services, network) {
  const problems = [];
  for (const app of APPS) {
    const service = services[app];
    const deployed = target.services[app];
    if (!service || !deployed) continue;
    const rt = runtimeOf(service, deployed.env);
    if (!rt.prometheusExposed) problems.push(`${app}: management.endpoints.web.exposure.include does not expose prometheus, which the monitoring namespace scrapes`);
    const admitted = network.ports.get(`monitoring->${app}`) ?? [];
    if (!admitted.includes(rt.managementPort)) {
      problems.push(`NetworkPolicies keep the monitoring namespace from ${app}'s actuator port ${rt.managementPort}, so /actuator/prometheus cannot be scraped`);
    }
    for (const port of admitted) {
      if (port !== rt.managementPort) problems.push(`NetworkPolicies admit the monitoring namespace to ${app}'s port ${port}, which is not its actuator port ${rt.managementPort}`);
    }
  }
  return problems;
}

/**
 * Evaluates the NetworkPolicies for every pair of workloads (and the ingress controller and DNS
 * outside the namespace) and compares what gets through with the design's allowed paths.
 */
export function networkPaths(target) {
  const problems = [];
  const policies = target.byKind('NetworkPolicy');
  const workloads = [...target.byKind('Deployment'), ...target.byKind('StatefulSet')];
  const pods = workloads.map((w) => ({
    name: w.metadata.name,
    namespace: { 'kubernetes.io/metadata.name': NAMESPACE },
    labels: podLabels(w),
    ports: w.spec.template.spec.containers.flatMap((c) => c.ports ?? []).map((p) => ({ name: p.name, port: p.containerPort, protocol: p.protocol ?? 'TCP' })),
    inside: true,
  }));
  const outside = Object.entries(OUTSIDE_PEERS).map(([name, peer]) => ({
    name, namespace: peer.namespace, labels: peer.pod, inside: false,
    ports: peer.ports ?? [],
  }));
  const types = (p) => p.spec.policyTypes ?? ['Ingress', ...(p.spec.egress ? ['Egress'] : [])];
  const selecting = (pod, type) => (pod.inside ? policies.filter((p) => types(p).includes(type) && selects(p.spec.podSelector, pod.labels)) : null);
  const peerMatches = (peer, pod) => {
    if (peer.ipBlock) return !pod.inside;
    const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, pod.namespace) : pod.inside;
    const podOk = peer.podSelector ? selects(peer.podSelector, pod.labels) : true;
    return namespaceOk && podOk;
  };
  const portMatches = (rulePorts, port, destination) => !rulePorts?.length || rulePorts.some((rp) => {
    if ((rp.protocol ?? 'TCP') !== port.protocol) return false;
    if (rp.port === undefined) return true;
    const number = typeof rp.port === 'number' ? rp.port : destination.ports.find((p) => p.name === rp.port)?.port;
    return number !== undefined && port.port >= number && port.port <= (rp.endPort ?? number);
  });
  const permits = (policiesFor, rulesOf, peersOf, other, port, destination) =>
    policiesFor === null || policiesFor.length === 0
    || policiesFor.some((p) => (rulesOf(p) ?? []).some((rule) => (!peersOf(rule)?.length || peersOf(rule).some((peer) => peerMatches(peer, other)))
      && portMatches(rule.ports, port, destination)));

  const defaultDeny = policies.find((p) => Object.keys(p.spec.podSelector ?? {}).length === 0
    && types(p).includes('Ingress') && types(p).includes('Egress') && !(p.spec.ingress ?? []).length && !(p.spec.egress ?? []).length);
  if (!defaultDeny) problems.push('no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)');
  for (const policy of policies) {
    for (const rule of policy.spec.ingress ?? []) if (!rule.from?.length) problems.push(`${describe(policy)}: an ingress rule without 'from' lets anything in`);
    for (const rule of policy.spec.egress ?? []) if (!rule.to?.length) problems.push(`${describe(policy)}: an egress rule without 'to' lets anything out`);
  }

  const allowed = new Set();
  // path -> the destination's ports it gets through to
  const ports = new Map();
  const expected = new Set([...ALLOWED_PATHS.map(([a, b]) => `${a}->${b}`), ...pods.map((p) => `${p.name}->dns`)]);
  for (const source of [...pods, ...outside]) {
    for (const destination of [...pods, ...outside]) {
      if (source === destination || (!source.inside && !destination.inside)) continue;
      const through = destination.ports.filter((port) =>
        permits(selecting(source, 'Egress'), (p) => p.spec.egress, (r) => r.to, destination, port, destination)
        && permits(selecting(destination, 'Ingress'), (p) => p.spec.ingress, (r) => r.from, source, port, destination));
      if (through.length) {
        allowed.add(`${source.name}->${destination.name}`);
        ports.set(`${source.name}->${destination.name}`, through.map((port) => port.port));
      }
    }
  }
  for (const path of allowed) if (!expected.has(path)) problems.push(`NetworkPolicies allow ${path.replace('->', ' -> ')}, which the design forbids`);
  for (const path of expected) {
    const [from, to] = path.split('->');
    if ([from, to].every((n) => pods.some((p) => p.name === n) || OUTSIDE_PEERS[n]) && !allowed.has(path)) {
      problems.push(`NetworkPolicies block ${from} -> ${to}, which the design needs`);
    }
  }
  return { problems, allowed, ports };
}
