/**
 * Whether the Grafana dashboard shipped under {@code k8s/base/monitoring} can show anything: every metric its
 * PromQL queries names must be among the series the running services expose on {@code /actuator/prometheus}.
 */
package dev.exactlyonce.chaos.dashboard;
