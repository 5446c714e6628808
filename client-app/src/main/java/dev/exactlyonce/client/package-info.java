/** The client application of the bank: it moves money exactly once from the user's point of view. */
package dev.exactlyonce.client;
