/**
 * Real PostgreSQL and Redis servers for integration tests and for the local run, chosen once per JVM.
 */
package dev.exactlyonce.localinfra;
