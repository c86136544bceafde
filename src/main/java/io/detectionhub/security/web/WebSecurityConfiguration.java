package io.detectionhub.security.web;

import io.detectionhub.security.Role;
import io.detectionhub.security.SecuritySettings;
import io.detectionhub.security.apikeys.ApiKeyAuthenticationFilter;
import io.detectionhub.security.apikeys.ApiKeys;
import io.detectionhub.security.signin.SignInMethods;
import io.detectionhub.security.signin.SignInOutcomes;
import io.detectionhub.security.signin.SignInThrottle;
import io.detectionhub.security.signin.ThrottledPasswordAuthentication;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import io.detectionhub.security.sso.SingleSignOn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The web security of the whole application, in one place.
 * <ul>
 *     <li>Authorization: static files, {@code /error}, health probes and the sign-in page are open; the OpenAPI
 *     document and Swagger UI need a viewer; every other request needs what its handler declares
 *     ({@link HandlerAccessAuthorization}, default deny). Roles form a hierarchy admin &gt; editor &gt; viewer.</li>
 *     <li>Sign-in: the form ({@code /login}, sessions in the database), HTTP Basic with the same accounts, and API
 *     keys as bearer tokens, and OpenID Connect single sign-on when a provider is configured ({@link SingleSignOn});
 *     password checks are throttled. Anonymous callers are viewers only when
 *     {@code detectionhub.security.anonymous-read} is on.</li>
 *     <li>CSRF: every request that a browser session signs in must carry the token (forms get it from Thymeleaf,
 *     scripts from the page); requests with their own credentials (Basic, Bearer) need none, as no other site can
 *     make a browser send those headers. The session cookie is also SameSite=Lax.</li>
 *     <li>Headers: a CSP without inline script (Swagger UI's pages alone may apply inline styles), no framing,
 *     nosniff, a strict referrer policy; redirects are relative paths ({@link RelativeRedirects}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableScheduling
@EnableConfigurationProperties(SecuritySettings.class)
class WebSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";
    /** Swagger UI's bundle injects its styles inline; its pages alone may apply inline styles (never scripts). */
    static final String SWAGGER_UI_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self';",
            "style-src 'self' 'unsafe-inline';");

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.EDITOR.name())
                .role(Role.EDITOR.name()).implies(Role.VIEWER.name())
                .build();
    }

    /** bcrypt (cost 10) behind the delegating encoder: hashes name their algorithm and are upgraded on sign-in. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, UserDetailsPasswordService upgrades,
                                                PasswordEncoder encoder, SignInThrottle throttle,
                                                ApplicationEventPublisher events,
                                                ObjectProvider<SingleSignOn> singleSignOn) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        passwords.setUserDetailsPasswordService(upgrades);
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(new ThrottledPasswordAuthentication(passwords, throttle, events));
        singleSignOn.ifAvailable(sso -> providers.add(sso.authenticationProvider()));
        ProviderManager manager = new ProviderManager(providers);
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
                                            HandlerMappingIntrospector introspector, RoleHierarchy roleHierarchy,
                                            ApiKeys apiKeys, SecuritySettings settings,
                                            ApplicationEventPublisher events,
                                            ObjectProvider<SingleSignOn> singleSignOn) throws Exception {
        SecurityProblems apiProblems = new SecurityProblems();
        RelativeRedirects redirects = new RelativeRedirects();
        RequestMatcher api = ApiRequests::isApi;
        RequestCache pageRequests = pageRequestCache();
        SignInOutcomes formOutcomes = new SignInOutcomes(events, redirects, pageRequests, SignInMethods.FORM);

        AuthenticationEntryPoint signInPage = (request, response, e) ->
                redirects.sendRedirect(request, response, SignInMethods.SIGN_IN_PATH);
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
        entryPoints.put(api, apiProblems);
        entryPoints.put(WebSecurityConfiguration::carriesCredentials, apiProblems);
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
        entryPoint.setDefaultEntryPoint(signInPage);

        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/error", "/css/**", "/js/**", "/img/**", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.POST, SignInMethods.SIGN_IN_PATH).permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .hasRole(Role.VIEWER.name())
                        .anyRequest().access(new HandlerAccessAuthorization(introspector, roleHierarchy)))
                .formLogin(form -> form.loginPage(SignInMethods.SIGN_IN_PATH)
                        .successHandler(formOutcomes).failureHandler(formOutcomes))
                .httpBasic(basic -> basic.authenticationEntryPoint(apiProblems))
                .logout(logout -> logout.logoutUrl("/logout").addLogoutHandler(formOutcomes)
                        .logoutSuccessHandler((request, response, authentication) ->
                                redirects.sendRedirect(request, response, SignInMethods.SIGN_IN_PATH + "?signed-out")))
                .csrf(csrf -> csrf.ignoringRequestMatchers(WebSecurityConfiguration::carriesCredentials))
                .requestCache(cache -> cache.requestCache(pageRequests))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .defaultAccessDeniedHandlerFor(apiProblems, api)
                        .defaultAccessDeniedHandlerFor(new PageAccessDenied(), request -> true))
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(WebSecurityConfiguration::swaggerUi,
                                new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_CONTENT_SECURITY_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(request -> !swaggerUi(request),
                                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(frames -> frames.deny()))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, apiProblems), BasicAuthenticationFilter.class);
        SingleSignOn sso = singleSignOn.getIfAvailable();
        if (sso != null) {
            sso.configure(http, formOutcomes, redirects);
        }
        if (settings.anonymousRead()) {
            http.anonymous(anonymous -> anonymous.authorities("ROLE_ANONYMOUS", Role.VIEWER.authority()));
        }
        return http.build();
    }

    /** Only page views are remembered to return to after sign-in (an API call never starts a session). */
    private static RequestCache pageRequestCache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod()) && !ApiRequests.isApi(request)
                && !SignInMethods.SIGN_IN_PATH.equals(
                        request.getRequestURI().substring(request.getContextPath().length())));
        return cache;
    }

    static boolean swaggerUi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/swagger-ui/");
    }

    /** The request names its own credentials (HTTP Basic or a bearer API key). */
    static boolean carriesCredentials(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && (header.regionMatches(true, 0, "Basic ", 0, 6)
                || ApiKeyAuthenticationFilter.carriesBearer(request));
    }
}
