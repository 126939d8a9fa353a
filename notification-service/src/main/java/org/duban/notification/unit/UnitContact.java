package org.duban.notification.unit;

/** A unit's liaison (联络员) as the registry publishes it. */
public record UnitContact(String name, String phone, String email, boolean primary) {
}
