package io.detectionhub.security.web;

import io.detectionhub.security.Actors;
import io.detectionhub.security.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;
import java.util.Optional;

/**
 * The {@code access} model attribute of every page: who is signed in and what their role lets them do, so that a page
 * hides the actions the role may not take (the server refuses them anyway).
 */
@ControllerAdvice
class AccessModelAdvice {

    /**
     * @param signedIn    someone signed in (not an anonymous viewer)
     * @param name        the actor name shown in the header
     * @param role        the highest role, {@code null} when none
     * @param canView     may read and evaluate
     * @param canEdit     may change rules, enrichment and targets
     * @param isAdmin     may manage accounts, keys and catalogues and read the audit log
     * @param hasPassword signed in with a password here (may change it)
     */
    record Access(boolean signedIn, String name, String role, boolean canView, boolean canEdit, boolean isAdmin,
                  boolean hasPassword) {
    }

    @ModelAttribute("access")
    Access access() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        List<String> authorities = authentication == null ? List.of()
                : authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        Optional<Role> role = Role.highestOf(authorities);
        return new Access(signedIn, signedIn ? Actors.of(authentication) : null, role.map(Role::keyword).orElse(null),
                role.isPresent(), role.filter(r -> r.includes(Role.EDITOR)).isPresent(),
                role.filter(r -> r.includes(Role.ADMIN)).isPresent(),
                authentication instanceof UsernamePasswordAuthenticationToken);
    }
}
