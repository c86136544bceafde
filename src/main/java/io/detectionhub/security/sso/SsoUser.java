package io.detectionhub.security.sso;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import java.io.Serial;
import java.util.Collection;

/**
 * A person signed in by single sign-on, as the session keeps them: their account name here (which the audit log,
 * "changed by" columns and the session index use) and the one role the provider's claims gave them.
 */
class SsoUser extends DefaultOidcUser {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String username;

    SsoUser(String username, Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken,
            OidcUserInfo userInfo) {
        super(authorities, idToken, userInfo);
        this.username = username;
    }

    @Override
    public String getName() {
        return username;
    }
}
