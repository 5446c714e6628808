/**
 * How a servlet filter bounds a request body and hands on one it has read: the checked bytes are the ones
 * the handler reads, and a body read as it arrives is counted against the limit. Kept apart from
 * {@code dev.exactlyonce.json} so that the rules need no servlet API.
 */
package dev.exactlyonce.json.servlet;
