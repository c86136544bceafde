package io.detectionhub.pages;

import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@AppTest
class AttackPagesBrowserTest extends BrowserTest {

    @Test
    void coverageShowsTheMatrixWithCountsAndExports() {
        open("/coverage");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("ATT&CK coverage");
        List<WebElement> columns = driver.findElements(By.cssSelector(".matrix__col"));
        assertThat(columns.size()).isGreaterThanOrEqualTo(12);
        assertThat(driver.findElements(By.cssSelector(".cell:not(.heat-0)"))).isNotEmpty();
        WebElement t1059 = driver.findElement(By.cssSelector(".cell[href$='/techniques/T1059']"));
        assertThat(Integer.parseInt(t1059.findElement(By.tagName("b")).getText())).isPositive();
        assertThat(driver.findElements(By.cssSelector("a[download]"))).hasSize(2);
    }

    @Test
    void techniquePageListsRulesAndAtomicTests() {
        open("/techniques/T1059.004");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("T1059.004").contains("Unix Shell");
        String main = driver.findElement(By.tagName("main")).getText();
        assertThat(main).contains("rules detect this technique").contains("Atomic Red Team tests");
        assertThat(driver.findElements(By.cssSelector("a[href*='/techniques/T1059']"))).isNotEmpty();
    }

    @Test
    void phoneWidthHasNoHorizontalOverflow() {
        driver.manage().window().setSize(PHONE);
        for (String page : List.of("/coverage", "/techniques/T1059.004", "/about")) {
            open(page);
            assertNoHorizontalOverflow();
        }
    }
}
