/** What the workload asked for and what each client was finally told: the history the checker judges. */
package dev.exactlyonce.chaos.history;
