/**
 * The route to bank-service and the ordered chain of {@link dev.exactlyonce.gateway.routing.ApiFilter}s
 * that every API call passes on its way there.
 */
package dev.exactlyonce.gateway.routing;
