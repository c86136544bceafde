package io.detectionhub.security.sso;

import static org.assertj.core.api.Assertions.assertThat;

import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.SignedInSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import java.net.http.HttpResponse;
import java.util.List;

/** Without a provider configured, the application as shipped has nothing of single sign-on. */
@AppTest
class SingleSignOnOffTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void noProviderNoOAuthBeansNoButtonNoEndpoints() {
        assertThat(context.getBeanNamesForType(SingleSignOn.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ClientRegistrationRepository.class)).isEmpty();
        assertThat(context.getBeanNamesForType(OAuth2AuthorizedClientService.class)).isEmpty();
        SignedInSession browser = new SignedInSession(port);
        assertThat(browser.get("/login").body()).doesNotContain("/oauth2/authorization/");
        for (String path : List.of("/oauth2/authorization/entra", "/login/oauth2/code/entra?code=x&state=y")) {
            HttpResponse<String> answer = browser.get(path);
            // refused like any unknown address (sign in first, or not found), never sent to a provider
            assertThat(answer.statusCode()).as(path).isIn(302, 401, 404);
            assertThat(answer.headers().firstValue("Location").orElse("/login")).as(path).isEqualTo("/login");
        }
    }
}
