package io.detectionhub.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The handler (method, or every handler of a controller class without its own declaration) may be called by
 * Editors and admins: changes to rules, enrichment and targets, library test runs.
 * Checked before the handler runs; a handler without any role declaration is refused to everyone.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EditorRole {
}
