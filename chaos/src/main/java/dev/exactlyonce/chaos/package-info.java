/**
 * A Jepsen-style run of the whole platform: the real topology from the production jars, a concurrent bank
 * workload, a nemesis on a seeded schedule, then a checker of global invariants and a report.
 */
package dev.exactlyonce.chaos;
