package io.detectionhub.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and description of the OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI detectionHubOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Detection Hub API")
                .version("v1")
                .description("Sigma rule library with enrichment, KQL translation and event evaluation. "
                        + "Errors are RFC 9457 problem details (application/problem+json); validation problems are "
                        + "listed in the extension property errors: [{message, line, column, path}].")
                .license(new License().name("Rules: Detection Rule License 1.1 where imported from SigmaHQ")));
    }
}
