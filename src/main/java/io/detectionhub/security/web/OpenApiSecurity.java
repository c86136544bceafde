package io.detectionhub.security.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The OpenAPI document declares how to sign in (an API key as a bearer token, or HTTP Basic), so Swagger UI has an
 * Authorize button, and names the server by {@code detectionhub.public-url} or as this origin ({@code /}), never from
 * the request's Host header.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiSecurity {

    static final String BEARER = "apiKey";
    static final String BASIC = "basic";

    @Bean
    OpenApiCustomizer securitySchemes(@Value("${detectionhub.public-url:}") String publicUrl) {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("An API key (dhk_...) created by an admin: Authorization: Bearer <key>"));
            components.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("A user's name and password (for scripts run by a person; machines use API keys)"));
            openApi.setComponents(components);
            openApi.setSecurity(List.of(new SecurityRequirement().addList(BEARER),
                    new SecurityRequirement().addList(BASIC)));
            openApi.setServers(List.of(new Server().url(publicUrl.isBlank() ? "/" : publicUrl.replaceAll("/+$", ""))
                    .description(publicUrl.isBlank() ? "This server" : "Detection Hub")));
        };
    }
}
