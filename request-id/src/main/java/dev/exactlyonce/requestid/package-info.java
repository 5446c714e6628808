/** The request id that follows one call through the gateway, bank-service and the logs. */
package dev.exactlyonce.requestid;
