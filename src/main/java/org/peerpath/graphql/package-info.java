/**
 * GraphQL plumbing shared by every feature: error codes, scalars, opaque cursors and connections, and the
 * limits that reject abusive queries.
 */
package org.peerpath.graphql;
