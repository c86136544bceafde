package io.detectionhub.pages;

import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.BrowserTest;
import io.detectionhub.testsupport.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AppTest
class RulePagesBrowserTest extends BrowserTest {

    static final String SCRIPT_RULE_ID = "6b1f3f0e-5d7a-4c1e-9a55-3f8c1d2e4a01";
    static final String SCRIPT_TITLE = "<script>alert(1)</script>";
    static final String SCRIPT_RULE = """
            title: <script>alert(1)</script>
            id: 6b1f3f0e-5d7a-4c1e-9a55-3f8c1d2e4a01
            status: experimental
            description: "Hostile text <img src=x onerror=alert(2)> must stay text"
            references:
                - javascript:alert(3)
            author: Test <b>author</b>
            date: 2025-01-01
            tags:
                - attack.execution
                - attack.t1059.004
            logsource:
                product: linux
                category: process_creation
            detection:
                selection:
                    CommandLine|contains: '<script>alert(4)</script>'
                condition: selection
            falsepositives:
                - "<i>none</i>"
            level: critical
            """;

    TestApi api;

    @BeforeEach
    void restApi() {
        api = api();
    }

    String sshRuleId() {
        return api.findRuleId("ssh", "ssh").orElseThrow(() -> new AssertionError("starter ssh rule not found"));
    }

    @Test
    void feedShowsRuleCards() {
        open("/");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Detection feed");
        List<WebElement> cards = driver.findElements(By.cssSelector("article.rule-card"));
        assertThat(cards).isNotEmpty();
        assertThat(cards.get(0).findElements(By.cssSelector(".badge"))).isNotEmpty();
        assertThat(driver.findElement(By.tagName("main")).getText()).containsIgnoringCase("ssh");
    }

    @Test
    void searchAndFacetsFilterTheRules() {
        open("/rules");
        int all = resultCount();
        WebElement box = driver.findElement(By.id("rules-q"));
        box.sendKeys("ssh");
        box.sendKeys(Keys.ENTER);
        waitUpTo(30).until(ExpectedConditions.urlContains("q=ssh"));
        int found = resultCount();
        assertThat(found).isPositive().isLessThanOrEqualTo(all);
        assertThat(driver.findElements(By.cssSelector("#rules-table tbody tr a")).get(0).getText()).containsIgnoringCase("ssh");

        WebElement high = driver.findElement(By.xpath("//fieldset[legend='Level']//a[text()='high']"));
        high.click();
        waitUpTo(30).until(ExpectedConditions.urlContains("level=high"));
        assertThat(driver.getCurrentUrl()).contains("level=high").contains("q=ssh");
        for (WebElement badge : driver.findElements(By.cssSelector("#rules-table tbody .badge"))) {
            assertThat(badge.getText()).isEqualToIgnoringCase("high");
        }
        assertThat(driver.findElements(By.cssSelector(".active-filters a"))).isNotEmpty();
        driver.findElement(By.xpath("//fieldset[legend='Level']//a[text()='high']")).click();
        waitUpTo(30).until(ExpectedConditions.not(ExpectedConditions.urlContains("level=")));
        assertThat(resultCount()).isEqualTo(found);
    }

    @Test
    void rulePageShowsKqlTabsWorkingWithTheKeyboard() {
        open("/rules/" + sshRuleId());
        assertThat(driver.findElements(By.tagName("h1"))).hasSize(1);
        assertThat(driver.findElement(By.id("rule-yaml-code")).getAttribute("data-highlighted")).isEqualTo("yaml");
        List<WebElement> tabs = driver.findElements(By.cssSelector("[role=tab]"));
        assertThat(tabs).extracting(WebElement::getText).contains("Sentinel ASIM", "Defender XDR", "Azure Monitor");
        WebElement first = tabs.get(0);
        assertThat(first.getAttribute("aria-selected")).isEqualTo("true");
        assertThat(first.getAttribute("tabindex")).isEqualTo("0");
        assertThat(tabs.get(1).getAttribute("tabindex")).isEqualTo("-1");
        assertThat(driver.findElement(By.id("kql-sentinel-asim")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("kql-sentinel-asim")).getText()).contains("imProcessCreate");

        first.click();
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo(tabs.get(1).getText());
        assertThat(focused.getAttribute("aria-selected")).isEqualTo("true");
        assertThat(driver.findElement(By.id(focused.getAttribute("aria-controls"))).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("kql-sentinel-asim")).isDisplayed()).isFalse();
        focused.sendKeys(Keys.END);
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo(tabs.get(tabs.size() - 1).getText());
        driver.switchTo().activeElement().sendKeys(Keys.HOME);
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Sentinel ASIM");
    }

    @Test
    void ruleTextIsEscaped() {
        api.createRule(SCRIPT_RULE);
        open("/rules/" + SCRIPT_RULE_ID);
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(SCRIPT_TITLE);
        assertThat(driver.findElements(By.cssSelector("main script:not([src])"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("a[href^='javascript:']"))).isEmpty();
        assertThat(driver.findElement(By.id("rule-yaml-code")).getText()).contains("CommandLine|contains: '<script>alert(4)</script>'");

        open("/rules?q=alert");
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver.findElement(By.id("rules-table")).getText()).contains(SCRIPT_TITLE);
        open("/");
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void downloadsHaveTheRightNamesAndContent() {
        String id = sshRuleId();
        HttpResponse<String> rule = api.get("/api/rules/" + id);
        HttpResponse<String> yml = api.get("/api/rules/" + id + ".yml");
        assertThat(yml.statusCode()).isEqualTo(200);
        assertThat(yml.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment").containsPattern("filename=\"?[a-z0-9-]+\\.yml");
        assertThat(rule.body()).contains(tools.jackson.databind.json.JsonMapper.builder().build()
                .writeValueAsString(yml.body()));
        for (String target : List.of("sentinel-asim", "defender-xdr")) {
            HttpResponse<String> kql = api.get("/api/rules/" + id + ".kql?target=" + target);
            assertThat(kql.statusCode()).isEqualTo(200);
            assertThat(kql.headers().firstValue("Content-Disposition").orElse(""))
                    .startsWith("attachment").containsPattern("filename=\"?[a-z0-9-]+\\.kql");
            assertThat(kql.body()).contains(api.get("/api/rules/" + id + "/kql?target=" + target, "text/plain").body().strip());
        }
        open("/rules/" + id);
        assertThat(driver.findElement(By.id("kql-code-sentinel-asim")).getText())
                .isEqualTo(api.get("/api/rules/" + id + "/kql?target=sentinel-asim", "text/plain").body().strip());
        List<String> links = driver.findElements(By.cssSelector("a[download]")).stream()
                .map(a -> a.getAttribute("href")).toList();
        assertThat(links).contains(url("/api/rules/" + id + ".yml"), url("/api/rules/" + id + ".kql?target=sentinel-asim"));
    }

    @Test
    void phoneWidthHasNoHorizontalOverflow() {
        driver.manage().window().setSize(PHONE);
        for (String page : List.of("/", "/rules", "/rules?q=ssh", "/rules/" + sshRuleId(), "/rules/new")) {
            open(page);
            assertNoHorizontalOverflow();
        }
    }

    private int resultCount() {
        return Integer.parseInt(driver.findElement(By.cssSelector("#result-count strong")).getText().replace(",", ""));
    }
}
