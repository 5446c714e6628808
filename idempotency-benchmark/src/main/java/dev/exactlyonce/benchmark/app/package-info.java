/** The application under measurement: one trivial handler behind a plain endpoint and three idempotent ones. */
package dev.exactlyonce.benchmark.app;
