package io.detectionhub.library;

import io.detectionhub.testsupport.EmptyLibraryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@EmptyLibraryTest
class RuleApiTest {

    @Autowired
    RestTestClient http;

    @Autowired
    RuleService rules;

    @BeforeEach
    void emptyLibrary() {
        rules.listAll().forEach(r -> rules.delete(r.id()));
    }

    @Test
    void createThenGet() {
        String yaml = TestRules.read("ssh_shell.yml");
        var created = http.post().uri("/api/rules").contentType(MediaType.parseMediaType("application/yaml"))
                .body(yaml).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", ".*/api/rules/8737b7f6-8df3-4bb7-b1da-06019b99b687")
                .expectBody(String.class).returnResult().getResponseBody();
        System.out.println(created);
        String body = http.get().uri("/api/rules/8737b7f6-8df3-4bb7-b1da-06019b99b687").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        System.out.println(body);
        assertThat(body).contains("Shell Invocation");
    }
}
