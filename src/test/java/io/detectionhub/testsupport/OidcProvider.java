package io.detectionhub.testsupport;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real OpenID Connect provider for the single sign-on tests: Spring Authorization Server in its own embedded Tomcat
 * on a random port of {@code localhost} (no Spring Boot: its auto-configuration would see the application's classes),
 * with one confidential client and people whose ID tokens carry a {@code groups} claim. The people sign in on its own
 * form ({@code /login}, with a CSRF token), as at Entra ID, Okta or Keycloak.
 */
public final class OidcProvider implements AutoCloseable {

    public static final String CLIENT_ID = "detection-hub";
    public static final String CLIENT_SECRET = "client-secret-for-tests";
    public static final String PASSWORD = "provider-password";

    /** The people at the provider, by name, with their groups (no entry: no {@code groups} claim). */
    private final Map<String, List<String>> people;
    private final Tomcat tomcat = new Tomcat();
    private final AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
    private volatile String redirectUri = "http://127.0.0.1/unset";
    private volatile String postLogoutRedirectUri = "http://127.0.0.1/unset";
    private final int port;

    public OidcProvider(Map<String, List<String>> people) {
        this.people = Map.copyOf(people);
        try {
            Path base = Files.createTempDirectory("oidc-provider");
            tomcat.setBaseDir(base.toString());
            tomcat.setHostname("localhost");
            tomcat.setPort(0);
            Context context = tomcat.addContext("", base.toString());
            FilterDef filter = new FilterDef();
            filter.setFilterName("springSecurityFilterChain");
            filter.setFilter(new DelegatingFilterProxy("springSecurityFilterChain", spring));
            context.addFilterDef(filter);
            FilterMap mapping = new FilterMap();
            mapping.setFilterName("springSecurityFilterChain");
            mapping.addURLPattern("/*");
            context.addFilterMap(mapping);
            // Tomcat runs filters only for a request that reaches a servlet: one that answers 404 to what no
            // endpoint filter of the provider took
            Tomcat.addServlet(context, "nothing", new HttpServlet() {
                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                }
            });
            context.addServletMappingDecoded("/", "nothing");
            spring.setServletContext(context.getServletContext());
            spring.addBeanFactoryPostProcessor(beans -> beans.registerSingleton("oidcProvider", this));
            spring.register(Configuration.class);
            spring.refresh();
            tomcat.getConnector();
            tomcat.start();
            port = tomcat.getConnector().getLocalPort();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the test OpenID Connect provider did not start", e);
        }
    }

    /** {@code http://localhost:<port>}: the issuer, and where discovery starts. */
    public String issuer() {
        return "http://localhost:" + port;
    }

    /** The one redirect URI the client may use (the application's callback, known once it listens). */
    public void allowRedirectUri(String uri) {
        this.redirectUri = uri;
    }

    /** The one address the provider may send a person to after signing them out (RP-initiated logout). */
    public void allowPostLogoutRedirectUri(String uri) {
        this.postLogoutRedirectUri = uri;
    }

    @Override
    public void close() {
        spring.close();
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // stopping anyway
        }
    }

    /** A test configuration, so the application's component scan in the test contexts leaves it out. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Configuration {

        @org.springframework.context.annotation.Bean
        SecurityFilterChain provider(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        /** No fixed issuer: the provider names itself by the address it is asked at, {@code http://localhost:<port>}. */
        @org.springframework.context.annotation.Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }

        @org.springframework.context.annotation.Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @org.springframework.context.annotation.Bean
        UserDetailsService people(OidcProvider provider) {
            return new InMemoryUserDetailsManager(provider.people.keySet().stream()
                    .map(name -> User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build())
                    .toList());
        }

        /** The client, built on each look-up so that it carries the redirect URI allowed now. */
        @org.springframework.context.annotation.Bean
        RegisteredClientRepository clients(OidcProvider provider) {
            return new RegisteredClientRepository() {
                @Override
                public void save(RegisteredClient client) {
                    // the provider re-saves a client whose secret it would hash anew: this one stays as built
                }

                @Override
                public RegisteredClient findById(String id) {
                    return "detection-hub-id".equals(id) ? client() : null;
                }

                @Override
                public RegisteredClient findByClientId(String clientId) {
                    return CLIENT_ID.equals(clientId) ? client() : null;
                }

                private RegisteredClient client() {
                    return RegisteredClient.withId("detection-hub-id").clientId(CLIENT_ID)
                            .clientSecret("{noop}" + CLIENT_SECRET)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .redirectUri(provider.redirectUri)
                            .postLogoutRedirectUri(provider.postLogoutRedirectUri)
                            .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                            .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                            .build();
                }
            };
        }

        /** ID tokens name the person ({@code preferred_username}) and carry their {@code groups}. */
        @org.springframework.context.annotation.Bean
        OAuth2TokenCustomizer<JwtEncodingContext> groupsClaim(OidcProvider provider) {
            return context -> {
                if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    String name = context.getPrincipal().getName();
                    context.getClaims().claim("preferred_username", name);
                    List<String> groups = provider.people.get(name);
                    if (groups != null && !groups.isEmpty()) {
                        context.getClaims().claim("groups", groups);
                    }
                }
            };
        }

        @org.springframework.context.annotation.Bean
        JWKSource<SecurityContext> keys() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate()).keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }
    }
}
