/** What a run reports: figures on the console, and a self-contained HTML timeline. */
package dev.exactlyonce.chaos.report;
