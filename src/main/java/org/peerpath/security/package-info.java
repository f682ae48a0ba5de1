/**
 * Who is signed in: JWT validation (Firebase ID tokens or an OIDC issuer in production, locally signed demo
 * tokens in demo mode) and the {@link org.peerpath.security.Viewer} every feature authorizes against.
 */
package org.peerpath.security;
