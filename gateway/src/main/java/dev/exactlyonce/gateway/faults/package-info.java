/**
 * The fault mode, for demonstrations and tests only: drops the replies of upstream calls that succeeded,
 * so the upstream has acted and the caller sees a broken connection. Refuses to start in production.
 */
package dev.exactlyonce.gateway.faults;
