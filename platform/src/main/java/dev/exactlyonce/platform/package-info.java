/** The local run: real servers from Maven artifacts and every service as a child process. */
package dev.exactlyonce.platform;
