package org.peerpath.people;

/** A person the enrollee named to be reached through; contacting them needs consent (Michigan V, 42 CFR 2). */
public record EmergencyContact(String id, String name, String relationship, String phone) {
}
