/**
 * The real topology on 127.0.0.1: PostgreSQL and Redis as processes the harness can kill and restart,
 * each service from its production jar, and a faulty TCP proxy in front of each bank-service replica.
 */
package dev.exactlyonce.chaos.topology;
