/**
 * Where the data lives: the embedded MongoDB wire-protocol server that is the zero-setup default (demo mode),
 * or the server named by {@code MONGODB_URI}.
 */
package org.peerpath.database;
