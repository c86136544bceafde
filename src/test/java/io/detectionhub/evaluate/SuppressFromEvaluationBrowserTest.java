package io.detectionhub.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Suppress matches like this" as a person uses it: evaluate events against a stored rule, click the button on a
 * match, save the pre-filled exception with a reason, evaluate again: that match is shown as suppressed, naming the
 * exception with a link to the rule's Exceptions tab, and the other event still fires.
 */
@AppTest
class SuppressFromEvaluationBrowserTest extends BrowserTest {

    static final String RULE_ID = "5c1f3e7a-8a3d-4f8e-b0a6-7d2e9c4b1f02";

    @AfterEach
    void purge() {
        api().delete("/api/rules/" + RULE_ID);
        api().delete("/api/trash/" + RULE_ID);
    }

    @Test
    void suppressMatchesLikeThisCreatesAnExceptionThatSuppressesThatEvent() throws Exception {
        api().createRule(ExceptionsAppliedEverywhereTest.RULE.replace(ExceptionsAppliedEverywhereTest.RULE_ID, RULE_ID)
                .replace("Exceptions Everywhere", "Suppress From Evaluation"));
        String events = JsonMapper.builder().build().writeValueAsString(List.of(ExceptionsAppliedEverywhereTest.BUILD,
                ExceptionsAppliedEverywhereTest.OTHER));
        evaluate(events);
        List<WebElement> buttons = driver.findElements(By.xpath("//button[text()='Suppress matches like this']"));
        assertThat(buttons).hasSize(2);
        buttons.get(0).click();

        waitUpTo(30).until(d -> d.getCurrentUrl().endsWith("/rules/" + RULE_ID + "/exceptions/new"));
        assertThat(driver.getPageSource()).contains("svc_build");
        js("window.scrollTo(0, 0);");
        Path form = Path.of("target", "screenshots", "exception-prefilled.png");
        Files.createDirectories(form.getParent());
        Files.write(form, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        driver.findElement(By.id("exception-reason")).sendKeys("The nightly deploy job fetches its tools");
        WebElement title = driver.findElement(By.id("exception-title"));
        title.clear();
        title.sendKeys("Nightly build fetches its tools");
        title.submit();
        waitUpTo(30).until(d -> d.getPageSource().contains("Nightly build fetches its tools")
                && !d.getCurrentUrl().endsWith("/exceptions/new"));

        evaluate(events);
        WebElement suppressed = driver.findElement(By.id("suppressed"));
        assertThat(suppressed.getText()).contains("on event #1")
                .contains("Suppressed by exception Nightly build fetches its tools");
        assertThat(suppressed.findElement(By.linkText("Nightly build fetches its tools")).getAttribute("href"))
                .endsWith("/rules/" + RULE_ID + "/exceptions");
        assertThat(driver.findElements(By.xpath("//button[text()='Suppress matches like this']"))).hasSize(1);
        assertThat(driver.findElement(By.id("results")).getText()).contains("1 match and 0 correlation alerts");
        js("arguments[0].scrollIntoView();", driver.findElement(By.id("results")));
        Path shot = Path.of("target", "screenshots", "evaluate-suppressed.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    void evaluate(String events) {
        open("/evaluate");
        js("arguments[0].value = arguments[1];", driver.findElement(By.id("eval-events")), events);
        driver.findElement(By.cssSelector("input[name=mode][value=ids]")).click();
        driver.findElement(By.id("eval-rule-ids")).sendKeys(RULE_ID);
        driver.findElement(By.cssSelector("#evaluate-form button[type=submit]")).click();
        waitUpTo(120).until(d -> d.findElement(By.id("results")));
    }
}
