package io.detectionhub.evaluate;

import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.BrowserTest;
import io.detectionhub.testsupport.TestApi;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@AppTest
class EvaluateBrowserTest extends BrowserTest {

    static final String SSH_EVENT = """
            {"Image": "/usr/bin/ssh", "CommandLine": "ssh -o ProxyCommand=;bash 0<&2 1>&2 localhost", "User": "alice"}
            {"Image": "/usr/bin/ls", "CommandLine": "ls -la /tmp", "User": "bob"}
            """;

    void fill(String id, String text) {
        WebElement area = driver.findElement(By.id(id));
        js("arguments[0].value = arguments[1];", area, text);
    }

    @Test
    void wholeLibraryFindsTheSshRuleOnAMatchingEvent() {
        open("/evaluate");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Evaluate events");
        fill("eval-events", SSH_EVENT);
        driver.findElement(By.cssSelector("input[name=mode][value=library]")).click();
        new Select(driver.findElement(By.id("eval-product"))).selectByValue("linux");
        new Select(driver.findElement(By.id("eval-category"))).selectByValue("process_creation");
        driver.findElement(By.cssSelector("#evaluate-form button[type=submit]")).click();
        WebElement results = waitUpTo(120).until(d -> d.findElement(By.id("results")));
        assertThat(results.getText()).containsIgnoringCase("ssh").contains("on event #1").doesNotContain("on event #2");
        assertThat(results.findElements(By.cssSelector("mark"))).isNotEmpty();
        assertThat(results.findElement(By.cssSelector(".event-fields")).getText()).contains("CommandLine");
        assertThat(results.findElements(By.cssSelector("tr.hit-row"))).isNotEmpty();
    }

    @Test
    void testPanelOnTheRulePageShowsTheMatchInPlace() {
        String id = api().findRuleId("ssh", "ssh").orElseThrow();
        open("/rules/" + id + "#test-rule");
        fill("test-events", SSH_EVENT);
        driver.findElement(By.cssSelector("#test-rule button[type=submit]")).click();
        // in place through the JSON API when it is there, else the form falls back to the evaluate page
        String shown = waitUpTo(60).until(d -> {
            List<WebElement> inPlace = d.findElements(By.id("test-rule-result"));
            if (!inPlace.isEmpty() && inPlace.get(0).getText().contains("match")) {
                return inPlace.get(0).getText();
            }
            List<WebElement> page = d.findElements(By.id("results"));
            return page.isEmpty() ? null : page.get(0).getText();
        });
        assertThat(shown).containsIgnoringCase("1 match").containsIgnoringCase("event #1");
        assertThat(driver.findElements(By.cssSelector("mark"))).isNotEmpty();
    }

    @Test
    void invalidPastedRuleShowsAReadableError() {
        open("/evaluate");
        fill("eval-events", SSH_EVENT);
        driver.findElement(By.cssSelector("input[name=mode][value=yaml]")).click();
        fill("eval-rule-yaml", "title: x\nlogsource: {product: linux}\ndetection:\n  sel:\n    a|nosuchmod: b\n  condition: sel\n");
        driver.findElement(By.cssSelector("#evaluate-form button[type=submit]")).click();
        assertThat(waitUpTo(60).until(d -> d.findElement(By.cssSelector("[role=alert]"))).getText())
                .contains("nosuchmod");
    }

    @Test
    void aPastedRuleThatDoesNotFireIsExplainedItemByItem() {
        open("/evaluate");
        fill("eval-events", SSH_EVENT);
        driver.findElement(By.cssSelector("input[name=mode][value=yaml]")).click();
        fill("eval-rule-yaml", """
                title: Curl to a paste site
                logsource: {product: linux, category: process_creation}
                detection:
                    selection: {Image|endswith: ['/curl', '/wget'], CommandLine|contains: 'pastebin'}
                    condition: selection
                """);
        driver.findElement(By.cssSelector("input[name=explainMisses]")).click();
        driver.findElement(By.cssSelector("#evaluate-form button[type=submit]")).click();
        WebElement misses = waitUpTo(60).until(d -> d.findElement(By.id("eval-misses"))).findElement(By.xpath(".."));
        assertThat(misses.getText()).contains("did not fire on event #1").contains("did not fire on event #2")
                .contains("selection did not match").contains("/usr/bin/ssh").contains("closest");
        assertThat(misses.findElements(By.cssSelector("tr.failed-row"))).hasSize(4);
    }
}
