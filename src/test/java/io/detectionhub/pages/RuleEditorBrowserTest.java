package io.detectionhub.pages;

import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.BrowserTest;
import io.detectionhub.testsupport.TestApi;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

@AppTest
class RuleEditorBrowserTest extends BrowserTest {

    static final String GOOD_RULE = """
            title: Editor test curl piped to shell
            id: 0d7c2b8e-41a4-4a57-9a0b-8e5f0f6b7c11
            status: test
            description: A rule written in the browser editor.
            author: Browser test
            date: 2025-02-01
            tags:
                - attack.execution
                - attack.t1059.004
            logsource:
                product: linux
                category: process_creation
            detection:
                selection:
                    CommandLine|contains|all:
                        - 'curl '
                        - '| sh'
                condition: selection
            level: medium
            """;

    static final String BAD_RULE = """
            title: Broken rule
            logsource:
                product: linux
                category: process_creation
            detection:
                selection:
                    CommandLine|containz: 'x'
                condition: selection and missing
            """;

    void setYaml(String yaml) {
        WebElement area = driver.findElement(By.id("rule-yaml"));
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", area, yaml);
    }

    void waitForUrl(String part) {
        try {
            waitUpTo(30).until(ExpectedConditions.urlContains(part));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("still at " + driver.getCurrentUrl() + ": "
                    + driver.findElement(By.tagName("main")).getText(), e);
        }
    }

    @Test
    void liveValidationShowsProblemsOfABadRule() {
        open("/rules/new");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("New rule");
        setYaml(BAD_RULE);
        WebElement status = driver.findElement(By.id("live-validation"));
        waitUpTo(10).until(ExpectedConditions.attributeContains(status, "class", "bad"));
        assertThat(status.getText()).containsIgnoringCase("containz");
        // CodeMirror over the textarea: line numbers, and the validator's problems marked on their lines
        WebElement editor = driver.findElement(By.id("rule-yaml-editor"));
        assertThat(editor.findElements(By.cssSelector(".CodeMirror-linenumber")).stream().map(WebElement::getText))
                .contains("1", "2", "3");
        waitUpTo(10).until(d -> !editor.findElements(By.cssSelector(".CodeMirror-lint-marker-error")).isEmpty());
        assertThat(editor.findElements(By.cssSelector(".CodeMirror-lint-marker-error"))).isNotEmpty();
        assertThat(editor.findElements(By.cssSelector(".cm-atom, .cm-string, .cm-meta")).isEmpty()).isFalse();

        setYaml(GOOD_RULE);
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElement(status, "Valid"));
        WebElement preview = driver.findElement(By.id("kql-preview"));
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElement(preview, "imProcessCreate"));
    }

    @Test
    void completesModifiersAfterABarAndFieldNamesOnCtrlSpace() {
        open("/rules/new");
        setYaml(GOOD_RULE);
        // a new key line under the selection, typed into CodeMirror
        js("var cm = document.querySelector('.CodeMirror').CodeMirror; cm.focus();"
                + "var line = cm.getValue().split('\\n').findIndex(function (l) { return l.indexOf('selection:') >= 0; });"
                + "cm.replaceRange('\\n        CommandLine', {line: line, ch: cm.getLine(line).length});"
                + "cm.setCursor({line: line + 1, ch: cm.getLine(line + 1).length});");
        WebElement input = driver.findElement(By.cssSelector("#rule-yaml-editor textarea"));
        input.sendKeys("|");
        WebElement hints = waitUpTo(10).until(d -> d.findElement(By.cssSelector(".CodeMirror-hints")));
        assertThat(hints.getText()).contains("contains", "startswith", "endswith", "base64offset", "windash");
        input.sendKeys(org.openqa.selenium.Keys.ESCAPE);

        js("var cm = document.querySelector('.CodeMirror').CodeMirror;"
                + "var c = cm.getCursor(); cm.replaceRange('', {line: c.line, ch: 8}, {line: c.line, ch: cm.getLine(c.line).length});"
                + "cm.replaceRange('ParentIm', {line: c.line, ch: 8}); cm.setCursor({line: c.line, ch: 16}); cm.focus();");
        input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, org.openqa.selenium.Keys.SPACE));
        WebElement fields = waitUpTo(10).until(d -> d.findElement(By.cssSelector(".CodeMirror-hints")));
        assertThat(fields.getText()).contains("ParentImage");
    }

    @Test
    void serverSideFallbackShowsReadableErrorsAndSavesAGoodRule() {
        api().delete("/api/rules/0d7c2b8e-41a4-4a57-9a0b-8e5f0f6b7c11");
        open("/rules/new");
        setYaml(BAD_RULE);
        driver.findElement(By.cssSelector("#rule-form button[type=submit]")).click();
        WebElement problems = waitUpTo(30).until(d -> d.findElement(By.id("server-problems")));
        assertThat(problems.getText()).containsIgnoringCase("containz");
        assertThat(driver.findElement(By.id("rule-yaml")).getAttribute("value")).contains("Broken rule");

        setYaml(GOOD_RULE);
        driver.findElement(By.id("enr-hypothesis")).sendKeys("Attackers pipe downloads into a shell.");
        driver.findElement(By.cssSelector("#rule-form button[type=submit]")).click();
        waitForUrl("notice=");
        assertThat(driver.getCurrentUrl()).as(() -> driver.findElement(By.tagName("main")).getText())
                .endsWith("/rules/0d7c2b8e-41a4-4a57-9a0b-8e5f0f6b7c11?notice=created");
        assertThat(driver.findElement(By.cssSelector("main [role=status]")).getText()).isEqualTo("The rule was created.");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Editor test curl piped to shell");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Attackers pipe downloads into a shell.");

        // edit, then delete with confirmation
        open("/rules/0d7c2b8e-41a4-4a57-9a0b-8e5f0f6b7c11/edit");
        setYaml(GOOD_RULE.replace("level: medium", "level: high"));
        driver.findElement(By.cssSelector("#rule-form button[type=submit]")).click();
        waitForUrl("notice=saved");
        assertThat(driver.findElement(By.cssSelector("main .badge")).getText()).isEqualToIgnoringCase("high");
        open("/rules/0d7c2b8e-41a4-4a57-9a0b-8e5f0f6b7c11/delete");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Delete this rule?");
        driver.findElement(By.cssSelector("main form button.danger")).click();
        waitForUrl("notice=deleted");
        assertThat(driver.findElement(By.cssSelector("[role=status], .notice")).getText()).contains("trash");
        open("/rules/0d7c2b8e-41a4-4a57-9a0b-8e5f0f6b7c11");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
    }

    @Test
    void aSaveOverAChangeMadeMeanwhileShowsBothVersionsAndSavesNothing() {
        String id = "5b0f3f5e-0a7b-4c39-9a42-2d1f0c8e6a11";
        String rule = GOOD_RULE.replace("0d7c2b8e-41a4-4a57-9a0b-8e5f0f6b7c11", id)
                .replace("Editor test curl piped to shell", "Editor conflict test");
        TestApi api = api();
        api.createRule(rule);
        open("/rules/" + id + "/edit");
        // someone else saves the rule while the editor is open
        assertThat(api.putYaml("/api/rules/" + id, rule.replace("level: medium", "level: critical"), "*")
                .statusCode()).isEqualTo(200);
        String mine = rule.replace("A rule written in the browser editor.", "My edit typed in the browser.");
        setYaml(mine);
        driver.findElement(By.cssSelector("#rule-form button[type=submit]")).click();
        WebElement conflict = waitUpTo(30).until(d -> d.findElement(By.id("changed-meanwhile")));
        assertThat(conflict.getText()).contains("Changed by " + credentials.keyActor(role()) + " meanwhile",
                "Nothing of yours was saved");
        assertThat(driver.findElement(By.id("their-yaml")).getText()).contains("level: critical");
        assertThat(driver.findElement(By.id("rule-yaml")).getAttribute("value")).isEqualTo(mine);
        assertThat(api.get("/api/rules/" + id).body()).contains("level: critical").doesNotContain("My edit typed");

        // saving again, having seen their version, replaces it
        driver.findElement(By.cssSelector("#rule-form button[type=submit]")).click();
        waitForUrl("notice=saved");
        assertThat(api.get("/api/rules/" + id).body()).contains("My edit typed").contains("level: medium");

        // a delete confirmed over a change made meanwhile deletes nothing and confirms again
        open("/rules/" + id + "/delete");
        assertThat(api.putYaml("/api/rules/" + id, rule, "*").statusCode()).isEqualTo(200);
        driver.findElement(By.cssSelector("main form button.danger")).click();
        WebElement changed = waitUpTo(30).until(d -> d.findElement(By.id("changed-meanwhile")));
        assertThat(changed.getText()).contains("changed by " + credentials.keyActor(role()));
        assertThat(api.get("/api/rules/" + id).statusCode()).isEqualTo(200);
        driver.findElement(By.cssSelector("main form button.danger")).click();
        waitForUrl("notice=deleted");
        assertThat(api.get("/api/rules/" + id).statusCode()).isEqualTo(404);
    }
}
