/**
 * Demo mode only (the embedded database): demo organizations seeded once per rule pack, and a sign-in endpoint
 * that hands out tokens for the demo logins. Neither exists with a real database.
 */
package org.peerpath.demo;
