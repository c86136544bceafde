package io.detectionhub.web;

import org.springframework.core.annotation.AliasFor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request mapping whose body is YAML text: it consumes every name of YAML ({@link YamlMediaTypes}) and
 * {@code text/plain}, so that the accepted types are listed once for every endpoint that takes Sigma or target YAML.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RequestMapping(consumes = {YamlMediaTypes.APPLICATION_YAML, YamlMediaTypes.APPLICATION_X_YAML,
        YamlMediaTypes.TEXT_YAML, YamlMediaTypes.TEXT_X_YAML, MediaType.TEXT_PLAIN_VALUE})
public @interface YamlRequestMapping {

    @AliasFor(annotation = RequestMapping.class)
    RequestMethod[] method();

    @AliasFor(annotation = RequestMapping.class)
    String[] path() default {};

    @AliasFor(annotation = RequestMapping.class)
    String[] produces() default {};
}
