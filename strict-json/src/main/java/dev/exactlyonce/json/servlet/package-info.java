/**
 * How a servlet filter hands on a body it has read to check: the checked bytes are the ones the handler
 * reads. Kept apart from {@code dev.exactlyonce.json} so that the rules need no servlet API.
 */
package dev.exactlyonce.json.servlet;
