package io.detectionhub.library.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler's {@code String} parameter that receives the change's comment, read by {@link ChangeCommentResolver}
 * from the {@code comment} parameter or the {@value ChangeComments#HEADER} header (null when neither is given).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@interface ChangeComment {
}
