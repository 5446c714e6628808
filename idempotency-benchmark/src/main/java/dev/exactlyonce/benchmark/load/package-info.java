/** The load generator: starts Redis and the application, drives closed-loop clients, reports the costs. */
package dev.exactlyonce.benchmark.load;
