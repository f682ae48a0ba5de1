/**
 * Recovery plans: each enrollee's one active person-centered plan (goals in their own words, steps, strengths,
 * triggers, relapse prevention, support network, review date), edited by their coach and in part by the enrollee,
 * with an append-only revision history from which the plan at any past instant can be shown.
 */
package org.peerpath.plans;
