package io.detectionhub.deployment.web;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/** The Deploy tab and the Rules page's export in a real browser, as a viewer. */
@AppTest
class DeployPagesBrowserTest extends BrowserTest {

    @Override
    protected Role role() {
        return Role.VIEWER;
    }

    @Test
    void theDeployTabSwitchesBetweenTheThreeFormats() {
        open("/rules/" + DeploymentApiTest.SSH);
        driver.findElement(By.linkText("Deploy")).click();
        waitUpTo(20).until(ExpectedConditions.urlContains("/deploy"));
        WebElement arm = driver.findElement(By.id("deploy-arm"));
        WebElement yaml = driver.findElement(By.id("deploy-sentinel-yaml"));
        assertThat(arm.isDisplayed()).isTrue();
        assertThat(yaml.isDisplayed()).isFalse();
        assertThat(arm.getText()).contains("\"kind\" : \"Scheduled\"", "Download");
        driver.findElement(By.id("tab-sentinel-yaml")).click();
        assertThat(yaml.isDisplayed()).isTrue();
        assertThat(yaml.getText()).contains("kind: Scheduled", "relevantTechniques");
        driver.findElement(By.id("tab-defender-json")).click();
        assertThat(driver.findElement(By.id("deploy-defender-json")).getText()).contains("impactedDeviceAsset");
        // a viewer sees the settings, cannot save them
        assertThat(driver.findElement(By.id("d-frequency")).isEnabled()).isFalse();
        assertThat(driver.findElements(By.cssSelector("#deploy-settings button[type=submit]"))).isEmpty();
    }

    @Test
    void theRulesPageExportsItsSelectionWithAProgressBar() {
        open("/rules?product=linux");
        new Select(driver.findElement(By.id("deploy-format"))).selectByValue("sentinel-yaml");
        driver.findElement(By.cssSelector("#deploy-selection button[type=submit]")).click();
        waitUpTo(20).until(ExpectedConditions.urlContains("/deploy/exports/"));
        assertThat(driver.findElement(By.id("export-progress")).getTagName()).isEqualTo("progress");
        waitUpTo(60).until(ExpectedConditions.visibilityOfElementLocated(By.id("export-download")));
        assertThat(driver.findElement(By.id("export-status")).getText()).startsWith("DONE").contains("exported");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("product=linux", "sentinel-yaml");
    }
}
