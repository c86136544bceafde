package io.detectionhub.security.web;

import org.springframework.boot.webmvc.error.ErrorController;

import io.detectionhub.security.AdminRole;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.PublicAccess;
import io.detectionhub.security.Role;
import io.detectionhub.security.ViewerRole;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a handler says may call it: {@link PublicAccess}, {@link ViewerRole}, {@link EditorRole} or {@link AdminRole}
 * on the handler method, else on its controller class. Exactly one may be declared at one place; none means nobody.
 */
public enum DeclaredAccess {
    PUBLIC(null), VIEWER(Role.VIEWER), EDITOR(Role.EDITOR), ADMIN(Role.ADMIN);

    private static final Map<Class<? extends Annotation>, DeclaredAccess> ANNOTATIONS = Map.of(
            PublicAccess.class, PUBLIC, ViewerRole.class, VIEWER, EditorRole.class, EDITOR, AdminRole.class, ADMIN);

    private final Role role;

    DeclaredAccess(Role role) {
        this.role = role;
    }

    /** The role required, empty for {@link #PUBLIC}. */
    public Optional<Role> role() {
        return Optional.ofNullable(role);
    }

    public static Optional<DeclaredAccess> of(HandlerMethod handler) {
        if (ErrorController.class.isAssignableFrom(handler.getBeanType())) {
            // The error endpoint renders the answer of a request already refused or failed; it is never a route of
            // its own to protect (web plumbing cannot declare a role: it knows no module above it).
            return Optional.of(PUBLIC);
        }
        Optional<DeclaredAccess> onMethod = declaredOn(handler.getMethod());
        return onMethod.isPresent() ? onMethod : declaredOn(handler.getBeanType());
    }

    private static Optional<DeclaredAccess> declaredOn(AnnotatedElement element) {
        List<DeclaredAccess> found = new ArrayList<>();
        ANNOTATIONS.forEach((annotation, access) -> {
            if (AnnotatedElementUtils.hasAnnotation(element, annotation)) {
                found.add(access);
            }
        });
        if (found.size() > 1) {
            throw new IllegalStateException(element + " declares more than one access level: " + found);
        }
        return found.stream().findFirst();
    }
}
