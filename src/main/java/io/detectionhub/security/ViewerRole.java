package io.detectionhub.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The handler (method, or every handler of a controller class without its own declaration) may be called by
 * Viewers and everyone above: browse, search, download, evaluate pasted rules and events.
 * Checked before the handler runs; a handler without any role declaration is refused to everyone.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ViewerRole {
}
