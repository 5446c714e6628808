/**
 * bank-service's API contract as its consumers' tests read it: the checked-in OpenAPI document and a reader
 * for its operations, headers and schemas. Shipped in bank-service's test jar (only this package), so
 * client-app and the gateway check themselves against the same file bank-service's build keeps current.
 */
package dev.exactlyonce.bank.contract;
