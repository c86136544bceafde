package io.detectionhub.security.signin;

import io.detectionhub.security.Actors;
import io.detectionhub.security.SignInEvent;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.savedrequest.RequestCache;

import java.io.IOException;

/**
 * What follows a sign-in attempt on the form and a sign-out: the audit event, then a redirect that stays on this site
 * (to the page first asked for, else the feed; back to the form with a reason code; to the form after sign-out). The
 * reason codes are {@code error=credentials} (same for unknown names and wrong passwords), {@code error=disabled}
 * (only after a right password) and {@code error=throttled}. Single sign-on reuses the success handler.
 */
public class SignInOutcomes implements AuthenticationSuccessHandler, AuthenticationFailureHandler, LogoutHandler {

    private final ApplicationEventPublisher events;
    private final RedirectStrategy redirects;
    private final SavedRequestAwareAuthenticationSuccessHandler toFirstPage =
            new SavedRequestAwareAuthenticationSuccessHandler();
    private final String method;

    public SignInOutcomes(ApplicationEventPublisher events, RedirectStrategy redirects, RequestCache requestCache,
                          String method) {
        this.events = events;
        this.redirects = redirects;
        this.method = method;
        toFirstPage.setRedirectStrategy(redirects);
        toFirstPage.setRequestCache(requestCache);
        toFirstPage.setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        String how = authentication instanceof OAuth2AuthenticationToken sso
                ? SignInMethods.SSO_PREFIX + sso.getAuthorizedClientRegistrationId() : method;
        events.publishEvent(new SignInEvent.SignedIn(Actors.of(authentication), how));
        toFirstPage.onAuthenticationSuccess(request, response, authentication);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        String reason = e instanceof SignInThrottledException ? "throttled"
                : e instanceof DisabledException ? "disabled" : "credentials";
        redirects.sendRedirect(request, response, SignInMethods.SIGN_IN_PATH + "?error=" + reason);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication != null) {
            events.publishEvent(new SignInEvent.SignedOut(Actors.of(authentication), "session"));
        }
    }
}
