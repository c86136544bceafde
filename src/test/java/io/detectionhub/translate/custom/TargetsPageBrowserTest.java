package io.detectionhub.translate.custom;

import io.detectionhub.testsupport.BrowserTest;
import io.detectionhub.testsupport.EmptyLibraryTest;
import io.detectionhub.testsupport.TestApi;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/** The target editor in Chromium: live validation, live preview on a library rule, save, history, delete. */
@EmptyLibraryTest
class TargetsPageBrowserTest extends BrowserTest {

    @Test
    void defineATargetForACustomTableWithPreviewThenSaveAndDelete() {
        api().createRule(TargetFiles.read("ssh_shell.yml"));

        open("/targets");
        driver.findElement(By.id("new-target")).click();
        WebElement yaml = driver.findElement(By.id("target-yaml"));
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("target-validation"), "Valid target"));

        yaml.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        yaml.sendKeys("name: broken\nlogsources: {}\n");
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("target-validation"), "problem"));

        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", yaml,
                TargetFiles.myEdr("browser-edr"));
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("target-validation"),
                "Valid target \"browser-edr\""));

        driver.findElement(By.id("preview-search")).sendKeys("Shell Invocation");
        waitUpTo(10).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#preview-results button"))).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-query"), "MyEdr_CL"));
        assertThat(driver.findElement(By.id("preview-query")).getText()).contains("ProcessPath endswith \"/ssh\"");
        assertThat(driver.findElement(By.id("preview-explanation")).getText()).contains("Field Image: mapped to ProcessPath");

        driver.findElement(By.id("change-comment")).sendKeys("our EDR table");
        driver.findElement(By.id("save-target")).click();
        waitUpTo(10).until(ExpectedConditions.urlContains("/targets/browser-edr"));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("Target created.");
        // the history names the signed-in account
        assertThat(driver.findElement(By.id("target-history")).getText())
                .contains(TestCredentials.username(role()), "our EDR table");
        assertNoHorizontalOverflow();

        driver.findElement(By.id("delete-target")).click();
        driver.findElement(By.id("confirm-delete")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "deleted"));
        assertThat(driver.findElements(By.linkText("browser-edr"))).isEmpty();
    }
}
