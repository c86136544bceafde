package io.detectionhub.library.web;

import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Exceptions tab in a real browser: the YAML field becomes a CodeMirror editor (line numbers, YAML highlighting)
 * under the strict Content Security Policy, and what is typed into it is what the form posts.
 */
@AppTest
class ExceptionsBrowserTest extends BrowserTest {

    @Test
    void addAnExceptionThroughTheCodeMirrorForm() {
        String id = UUID.randomUUID().toString();
        api().createRule(RevisionPagesHttpTest.rule(id, "Bash starts.", "/bash"));
        open("/rules/" + id);
        driver.manage().logs().get(LogType.BROWSER); // drop what earlier pages logged
        driver.findElement(By.id("tab-exceptions")).click();
        waitUpTo(10).until(ExpectedConditions.urlContains("/exceptions"));
        driver.findElement(By.id("new-exception")).click();

        WebElement form = waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("exception-form")));
        waitUpTo(10).until(d -> !form.findElements(By.cssSelector(".CodeMirror")).isEmpty());
        assertThat(form.findElements(By.cssSelector(".CodeMirror-linenumber")).stream().map(WebElement::getText))
                .contains("1", "2", "3");
        assertThat(form.findElements(By.cssSelector(".cm-atom, .cm-string, .cm-meta, .cm-keyword"))).isNotEmpty();
        js("document.querySelector('#exception-form .CodeMirror').CodeMirror.setValue(arguments[0]);",
                "selection:\n    ParentImage|endswith: '/cron'\ncondition: not selection\n");
        driver.findElement(By.id("exception-title")).sendKeys("Cron jobs");
        driver.findElement(By.id("exception-reason")).sendKeys("cron starts bash all day");
        driver.findElement(By.id("save-exception")).click();

        waitUpTo(15).until(ExpectedConditions.urlContains("notice=created"));
        WebElement table = driver.findElement(By.id("exceptions"));
        assertThat(table.getText()).contains("Cron jobs", "cron starts bash all day");
        assertThat(api().get("/api/rules/" + id + "/exceptions").body()).contains("ParentImage|endswith: /cron");
        List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy")).toList();
        assertThat(violations).isEmpty();
    }
}
