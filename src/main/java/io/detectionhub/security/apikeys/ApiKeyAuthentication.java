package io.detectionhub.security.apikeys;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A request signed in with an API key: its name is the actor {@code api-key:<name>}, its authority the key's role.
 * Lives for one request (nothing is stored in a session).
 */
public class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final transient ApiKey key;

    ApiKeyAuthentication(ApiKey key) {
        super(AuthorityUtils.createAuthorityList(key.role().authority()));
        this.key = key;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return key.actor();
    }

    @Override
    public String getName() {
        return key.actor();
    }

    public ApiKey key() {
        return key;
    }
}
