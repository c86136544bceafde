package io.detectionhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.BrowserTest;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

/**
 * The security pages in a real browser: the sign-in page's answers, Swagger UI working under the Content Security
 * Policy (with its Authorize button), API keys created and revoked on the admin page, sign-out.
 */
@AppTest
class SecurityPagesBrowserTest extends BrowserTest {

    @Test
    void swaggerUiWorksUnderTheContentSecurityPolicyAndOffersAuthorize() {
        driver.manage().logs().get(LogType.BROWSER); // drop what earlier pages logged
        open("/swagger-ui.html");
        waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".swagger-ui .info .title")));
        assertThat(driver.findElement(By.cssSelector(".swagger-ui .info .title")).getText()).contains("Detection Hub API");
        assertThat(driver.findElement(By.cssSelector("button.authorize")).isDisplayed()).isTrue();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock-tag")));
        List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy")).toList();
        assertThat(violations).isEmpty();
    }

    @Test
    void theHeaderShowsWhoIsSignedInAndAdminsCreateAndRevokeApiKeys() {
        open("/admin/api-keys");
        assertThat(driver.findElement(By.cssSelector(".site-account__who")).getText())
                .contains(TestCredentials.username(role()), "admin");
        driver.findElement(By.id("key-name")).sendKeys("browser-key-" + System.nanoTime());
        driver.findElement(By.id("create-key")).click();
        String secret = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#shown-secret .secret"))).getText();
        assertThat(secret).startsWith("dhk_");
        // listed by prefix, never the secret
        assertThat(driver.findElement(By.id("keys-table")).getText()).contains(secret.substring(0, 12))
                .doesNotContain(secret);
        driver.navigate().refresh();
        assertThat(driver.getPageSource()).doesNotContain(secret);
        String name = driver.findElement(By.cssSelector("#keys-table tbody tr strong")).getText();
        driver.findElement(By.id("revoke-" + name)).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("keys-notice"), "revoked"));
        assertNoHorizontalOverflow();
    }

    @Test
    void aWrongPasswordSaysSoWithoutSayingWhetherTheAccountExistsAndSignOutEndsTheSession() {
        open("/rules");
        driver.findElement(By.id("sign-out")).click();
        waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out")));
        signIn(TestCredentials.username(role()), "not-the-password");
        String wrongPassword = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")))
                .getText();
        signIn("nobody-" + System.nanoTime(), "not-the-password");
        String unknownName = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")))
                .getText();
        assertThat(wrongPassword).isEqualTo(unknownName).isEqualTo("Wrong user name or password.");
        signIn(TestCredentials.username(role()), TestCredentials.password(role()));
        waitUpTo(10).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        assertThat(driver.findElement(By.cssSelector(".site-account__who")).getText())
                .contains(TestCredentials.username(role()));
    }
}
