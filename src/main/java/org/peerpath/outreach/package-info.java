/**
 * Re-engagement outreach (Michigan guidance XI.F and XI.G): each enrollee's engagement status, outreach tasks
 * opened for newly disengaged clients and worked through attempts, and the coach's and supervisor's views of both.
 */
package org.peerpath.outreach;
