package org.duban.registry.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** The registry verifying tokens against an identity provider's JWKS URL, with an audience. */
public class IdentityProviderProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(IdentityProvider.class));
    }
}
