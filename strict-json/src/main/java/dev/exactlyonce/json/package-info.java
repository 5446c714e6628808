/** The input rules both services apply to JSON request bodies and the text fields in them. */
package dev.exactlyonce.json;
