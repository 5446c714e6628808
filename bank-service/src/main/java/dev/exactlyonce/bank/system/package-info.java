/** Cross-cutting set-up: authentication, problem responses, JSON strictness, request limits, API docs. */
package dev.exactlyonce.bank.system;
