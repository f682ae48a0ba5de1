package org.peerpath.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The demo data (demo mode only; README, Demo mode).
 *
 * @param dayOfWork seed a day's work in each demo organization (plans, contacts, consents, outreach, review,
 *     notifications) on top of the people; the shared test context switches it off, its tests create what they
 *     need and count on nothing else
 */
@Validated
@ConfigurationProperties("peerpath.demo-data")
public record DemoDataSettings(@DefaultValue("true") boolean dayOfWork) {
}
