package io.detectionhub.ruletests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.BrowserTest;
import io.detectionhub.testsupport.TestApi;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * As a new user would: from the rule page to its Tests tab, a must-match and a must-not-match case added (one from
 * the generated starting point, one written by hand), both pass; a case changed to fail shows why.
 */
@AppTest
class RuleTestsBrowserTest extends BrowserTest {

    static final String RULE_ID = "3f0e9a52-6c1d-4b7e-8a2f-5d4c3b2a1e0f";
    static final String RULE = """
            title: Rundll32 Without DLL For Browser Tests
            id: 3f0e9a52-6c1d-4b7e-8a2f-5d4c3b2a1e0f
            status: test
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    Image|endswith: '\\\\rundll32.exe'
                    CommandLine|contains: 'javascript:'
                condition: selection
            level: high
            """;

    @Override
    protected Role role() {
        return Role.EDITOR;
    }

    void fill(String id, String text) {
        WebElement area = driver.findElement(By.id(id));
        js("arguments[0].value = arguments[1];", area, text);
    }

    @Test
    void aMustMatchAndAMustNotMatchCaseAreAddedOnThePageAndPass() {
        new TestApi(port, credentials.bearer(Role.EDITOR)).createRule(RULE);
        open("/rules/" + RULE_ID);
        clickAndWaitForTheNextPage(driver.findElement(By.id("rule-tests-tab")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Tests of");
        clickAndWaitForTheNextPage(driver.findElement(By.id("generate")));
        List<WebElement> forms = driver.findElements(By.cssSelector("form.test-form"));
        assertThat(forms).hasSize(2);
        assertThat(forms.get(0).getText()).contains("generated");
        assertThat(new Select(driver.findElement(By.id("new0-expectation"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("match");
        clickAndWaitForTheNextPage(forms.get(0).findElement(By.cssSelector("button[type=submit]")));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("Test case added");

        fill("new0-name", "Explorer is quiet");
        fill("new0-events", "{\"Image\": \"C:\\\\Windows\\\\explorer.exe\", \"CommandLine\": \"explorer.exe\"}");
        new Select(driver.findElement(By.id("new0-expectation"))).selectByValue("no-match");
        clickAndWaitForTheNextPage(driver.findElement(By.cssSelector("form.test-form button[type=submit]")));

        clickAndWaitForTheNextPage(driver.findElement(By.id("run-tests")));
        assertThat(driver.findElement(By.id("run-summary")).getText()).isEqualTo("2 of 2 passed");

        // a change that breaks the must-not-match case, and the page says why
        clickAndWaitForTheNextPage(driver.findElement(By.cssSelector("tr[data-test='Explorer is quiet'] a")));
        fill("edit-events", "{\"Image\": \"C:\\\\Windows\\\\System32\\\\rundll32.exe\", "
                + "\"CommandLine\": \"rundll32.exe javascript:\\\"\\\\..\\\\mshtml,RunHTMLApplication\\\"\"}");
        clickAndWaitForTheNextPage(driver.findElement(By.cssSelector("main form button[type=submit]")));
        clickAndWaitForTheNextPage(driver.findElement(By.id("run-tests")));
        assertThat(driver.findElement(By.id("run-summary")).getText()).isEqualTo("1 of 2 passed");
        assertThat(driver.findElement(By.cssSelector("tr[data-test='Explorer is quiet']")).getText())
                .contains("failed").contains("matched 1 of 1 events");
    }

    /** Clicks a link or submit button and waits until the page it leads to has replaced this one. */
    private void clickAndWaitForTheNextPage(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        waitUpTo(10).until(ExpectedConditions.stalenessOf(page));
    }

    @Test
    void theEditorFlagsAnEditThatBreaksACaseBeforeSaving() {
        TestApi api = new TestApi(port, credentials.bearer(Role.EDITOR));
        api.createRule(RULE.replace("3f0e9a52-6c1d-4b7e-8a2f-5d4c3b2a1e0f", EDITED_ID));
        api.send("POST", "/api/rules/" + EDITED_ID + "/tests", "application/json", "{\"name\": \"javascript url\", "
                + "\"events\": [{\"Image\": \"C:\\\\Windows\\\\System32\\\\rundll32.exe\", "
                + "\"CommandLine\": \"rundll32.exe javascript:alert(1)\"}], \"expectation\": \"match\"}",
                java.util.Map.of());
        open("/rules/" + EDITED_ID + "/edit");
        String passing = waitUpTo(30).until(d -> {
            String t = d.findElement(By.id("tests-check-status")).getText();
            return t.contains("pass with this text") ? t : null;
        });
        assertThat(passing).contains("1 of 1 test cases pass");
        WebElement yaml = driver.findElement(By.id("rule-yaml"));
        js("arguments[0].value = arguments[0].value.replace(\"'javascript:'\", \"'vbscript:'\");"
                + "arguments[0].dispatchEvent(new Event('input'));", yaml);
        String flagged = waitUpTo(30).until(d -> {
            String t = d.findElement(By.id("tests-check")).getText();
            return t.contains("would start failing") ? t : null;
        });
        assertThat(flagged).contains("1 test case would start failing").contains("javascript url")
                .contains("selection did not match");
        assertThat(api.get("/api/rules/" + EDITED_ID).body()).contains("javascript:").doesNotContain("vbscript:");
    }

    static final String EDITED_ID = "3f0e9a52-6c1d-4b7e-8a2f-5d4c3b2a1e10";
}
