package io.detectionhub.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * WebJars by version-less paths ({@code /webjars/codemirror/lib/codemirror.js}), so templates never repeat the
 * version the pom chose. The resource chain is off for the whole application (see application.yml: its link
 * encoding filter is expensive), so the WebJars resolver is attached to this one handler; Boot leaves its own
 * {@code /webjars/**} handler out when one is registered.
 */
@Configuration(proxyBeanMethods = false)
class WebJarPaths implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
    }
}
