/**
 * Demo mode only (the embedded database): demo organizations seeded once per rule pack, a sign-in endpoint that
 * hands out tokens for the demo logins, and GraphiQL served from the jar. None of it exists with a real database.
 */
package org.peerpath.demo;
