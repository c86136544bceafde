package io.detectionhub.security.web;

import io.detectionhub.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.RequestPath;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.UnsatisfiedServletRequestParameterException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rule for every request the explicit rules of {@link WebSecurityConfiguration} do not name: find the handler
 * that will serve it (the same handler mappings, in the same order, as the DispatcherServlet) and require what it
 * declares ({@link DeclaredAccess}). Default deny: a handler method without a declaration, or a handler of another
 * kind, is refused to everyone, signed in or not. Static files (resource handlers) are public.
 * <p>
 * A request that matches a path but no method or media type of it runs no handler; it is let through to its 405/415
 * answer for viewers (they learn nothing an anonymous caller could not).
 */
class HandlerAccessAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Logger log = LoggerFactory.getLogger(HandlerAccessAuthorization.class);
    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

    private final HandlerMappingIntrospector introspector;
    private final Map<Role, AuthorityAuthorizationManager<RequestAuthorizationContext>> roles =
            new EnumMap<>(Role.class);

    HandlerAccessAuthorization(HandlerMappingIntrospector introspector, RoleHierarchy hierarchy) {
        this.introspector = introspector;
        for (Role role : Role.values()) {
            AuthorityAuthorizationManager<RequestAuthorizationContext> manager =
                    AuthorityAuthorizationManager.hasAuthority(role.authority());
            manager.setRoleHierarchy(hierarchy);
            roles.put(role, manager);
        }
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        Object handler;
        try {
            handler = handlerOf(request);
        } catch (HttpRequestMethodNotSupportedException | HttpMediaTypeException
                 | UnsatisfiedServletRequestParameterException e) {
            return roles.get(Role.VIEWER).authorize(authentication, context);
        } catch (Exception e) {
            log.warn("Refused {} {}: no handler could be determined ({})", request.getMethod(),
                    request.getRequestURI(), e.toString());
            return DENIED;
        }
        if (handler instanceof HandlerMethod method) {
            DeclaredAccess access = DeclaredAccess.of(method).orElse(null);
            if (access == null) {
                log.error("Refused {} {}: {} declares no role (@ViewerRole, @EditorRole, @AdminRole or @PublicAccess)",
                        request.getMethod(), request.getRequestURI(), method.getShortLogMessage());
                return DENIED;
            }
            return access.role().<AuthorizationResult>map(r -> roles.get(r).authorize(authentication, context))
                    .orElse(GRANTED);
        }
        if (handler instanceof ResourceHttpRequestHandler) {
            return GRANTED;
        }
        return DENIED;
    }

    /** The handler the DispatcherServlet will pick, looked up without leaving attributes on the request. */
    private Object handlerOf(HttpServletRequest request) throws Exception {
        HttpServletRequest lookup = new LookupRequest(request);
        RequestPath previousPath = (RequestPath) lookup.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        ServletRequestPathUtils.parseAndCache(lookup);
        try {
            for (HandlerMapping mapping : introspector.getHandlerMappings()) {
                HandlerExecutionChain chain = mapping.getHandler(lookup);
                if (chain != null) {
                    return chain.getHandler();
                }
            }
            return null;
        } finally {
            ServletRequestPathUtils.setParsedRequestPath(previousPath, lookup);
        }
    }

    /** The request with its own copy of the attributes, so that the lookup changes nothing the dispatch will see. */
    private static final class LookupRequest extends HttpServletRequestWrapper {
        private final Map<String, Object> attributes = new HashMap<>();

        LookupRequest(HttpServletRequest request) {
            super(request);
            for (Enumeration<String> names = request.getAttributeNames(); names.hasMoreElements(); ) {
                String name = names.nextElement();
                attributes.put(name, request.getAttribute(name));
            }
            // AbstractHandlerMapping.SUPPRESS_LOGGING_ATTRIBUTE (package-private): the dispatch logs the mapping once
            attributes.put("org.springframework.web.servlet.handler.AbstractHandlerMapping.SUPPRESS_LOGGING",
                    Boolean.TRUE);
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            return Collections.enumeration(attributes.keySet());
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }
    }
}
