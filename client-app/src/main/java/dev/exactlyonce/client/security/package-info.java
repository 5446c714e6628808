/**
 * Who may use client-app and with which bank token: the configured users, form login for the dashboard
 * and HTTP Basic for the API.
 */
package dev.exactlyonce.client.security;
