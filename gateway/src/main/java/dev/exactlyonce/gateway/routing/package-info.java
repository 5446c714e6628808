/**
 * The route to bank-service, the ordered chain of {@link dev.exactlyonce.gateway.routing.ApiFilter}s that
 * every API call passes on its way there, and the load balancing over several bank-service instances.
 */
package dev.exactlyonce.gateway.routing;
