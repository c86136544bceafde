package io.detectionhub.testsupport;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** One API call through a {@code RestTestClient}, its status checked, its body read as JSON or as problem details. */
public final class ApiExchanges {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiExchanges() {
    }

    /** Sends the request and checks the status (the body is the failure's message). */
    public static EntityExchangeResult<String> exchange(RestTestClient.RequestHeadersSpec<?> request, int status) {
        EntityExchangeResult<String> result = request.exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(status);
        return result;
    }

    public static JsonNode json(EntityExchangeResult<String> result) {
        return JSON.readTree(result.getResponseBody());
    }

    /** The answer is RFC 9457 problem details, of {@code type} when given (the last part of its URI). */
    public static void problem(EntityExchangeResult<String> result, String type) {
        assertThat(result.getResponseHeaders().getContentType()).isNotNull()
                .satisfies(t -> assertThat(t.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
        if (type != null) {
            assertThat(json(result).path("type").asString()).isEqualTo("https://detectionhub.io/problems/" + type);
        }
    }
}
