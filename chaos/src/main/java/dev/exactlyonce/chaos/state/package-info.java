/**
 * What the platform keeps about past requests at the end of a run: the starter's Redis records and watermarks,
 * bank-service's fence and watermark rows, client-app's journal. Issue 14's measure of the acknowledgement.
 */
package dev.exactlyonce.chaos.state;
