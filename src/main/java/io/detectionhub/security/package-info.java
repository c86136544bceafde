/**
 * Who may do what: sign-in (form, HTTP Basic, API keys, OpenID Connect single sign-on), roles (viewer &lt; editor &lt; admin) that every handler
 * declares with {@link io.detectionhub.security.ViewerRole}, {@link io.detectionhub.security.EditorRole},
 * {@link io.detectionhub.security.AdminRole} or {@link io.detectionhub.security.PublicAccess} (anything undeclared is
 * refused), accounts, API keys, sessions in the database and the web security settings; it publishes what it changes
 * and every sign-in as events for the audit log.
 */
@ApplicationModule(displayName = "Security", allowedDependencies = "web")
package io.detectionhub.security;

import org.springframework.modulith.ApplicationModule;
