package io.detectionhub.pages;

import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@AppTest
class LayoutBrowserTest extends BrowserTest {

    @Test
    void aboutPageHasLayoutLandmarksAndCredits() {
        open("/about");
        assertThat(driver.getTitle()).contains("About");
        assertThat(driver.findElements(By.tagName("h1"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("header.site-header"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("nav[aria-label='Main'] a")))
                .extracting(WebElement::getText)
                .containsExactly("Feed", "Rules", "Coverage", "Evaluate", "Tests", "Targets", "Review", "New rule", "Import",
                        "API docs", "About",
                        "Admin"); // the browser is signed in as an admin
        assertThat(driver.findElement(By.cssSelector("nav a[aria-current='page']")).getText()).isEqualTo("About");
        assertThat(driver.findElements(By.tagName("main"))).hasSize(1);
        assertThat(driver.findElements(By.tagName("footer"))).hasSize(1);
        String text = driver.findElement(By.tagName("main")).getText();
        assertThat(text).contains("The MITRE Corporation", "Red Canary", "Detection Rule License");
        // every input has a label
        List<WebElement> inputs = driver.findElements(By.cssSelector("input:not([type=hidden]), select, textarea"));
        for (WebElement input : inputs) {
            String id = input.getAttribute("id");
            assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']"))).as("label for " + id).hasSize(1);
        }
    }

    @Test
    void unknownAddressShowsReadableNotFoundPage() {
        open("/no-such-page");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("There is nothing at this address");
    }

    @Test
    void skipLinkIsFirstInTabOrder() {
        open("/about");
        driver.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Skip to main content");
    }

    @Test
    void phoneWidthHasNoHorizontalOverflow() {
        driver.manage().window().setSize(PHONE);
        open("/about");
        assertNoHorizontalOverflow();
        open("/no-such-page");
        assertNoHorizontalOverflow();
        open("/evaluate");
        assertNoHorizontalOverflow();
    }

    @Test
    void unknownRuleGivesAReadableMessage() {
        open("/rules/no-such-rule");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("No rule with id “no-such-rule”");
        open("/techniques/not-a-technique");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("is not an ATT&CK technique id");
    }
}
