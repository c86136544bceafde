package io.detectionhub.library.workflow;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.BrowserTest;
import io.detectionhub.testsupport.TestApi;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * As a reviewer would: an approved rule was edited; on the Review page its KQL per target shows the changed words and
 * its test cases show the one the edit breaks; the explanation link leads to why the case fails; the reviewer
 * approves. The page fits a laptop and a phone.
 */
@AppTest
class ReviewPageBrowserTest extends BrowserTest {

    @Override
    protected Role role() {
        return Role.EDITOR;
    }

    @Test
    void aReviewerSeesTheKqlDiffAndTheBrokenTestCaseFollowsItsExplanationAndApproves() {
        String id = UUID.randomUUID().toString();
        TestApi admin = new TestApi(port, credentials.bearer(Role.ADMIN));
        TestApi editorKey = new TestApi(port, credentials.bearer(Role.EDITOR));
        admin.createRule(ReviewSectionsTest.rule(id, ReviewSectionsTest.WINDOWS, "urlcache"));
        HttpResponse<String> added = admin.send("POST", "/api/rules/" + id + "/tests", "application/json",
                "{\"name\": \"downloads\", \"events\": [" + ReviewSectionsTest.HIT + "], \"expectation\": \"match\"}",
                Map.of());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        admin.send("POST", "/api/rules/" + id + "/review/submit", null, (String) null, Map.of());
        assertThat(editorKey.send("POST", "/api/rules/" + id + "/review/approve", null, (String) null, Map.of())
                .statusCode()).isEqualTo(200);
        assertThat(admin.putYaml("/api/rules/" + id, ReviewSectionsTest.rule(id, ReviewSectionsTest.WINDOWS,
                "verifyctl"), "*").statusCode()).isEqualTo(200);

        open("/review");
        List<WebElement> more = driver.findElements(By.id("review-open-" + id));
        if (!more.isEmpty()) {
            more.get(0).click(); // a long queue: the rule's own review shows its sections
        }
        WebElement kql = driver.findElement(By.id("review-" + id + "-kql"));
        assertThat(kql.getText()).contains("KQL per target", "changed", "sentinel-asim", "defender-xdr");
        assertThat(kql.findElement(By.tagName("details")).getAttribute("open")).as("changed: unfolded").isNotNull();
        WebElement asimDiff = driver.findElement(By.id("diff-" + id + "-kql-sentinel-asim"));
        assertThat(asimDiff.findElement(By.cssSelector(".diff-old del")).getText()).contains("urlcache");
        assertThat(asimDiff.findElement(By.cssSelector(".diff-new ins")).getText()).contains("verifyctl");
        WebElement tests = driver.findElement(By.id("review-" + id + "-tests"));
        assertThat(tests.getText()).contains("0 of 1 test case passes with the current text",
                "downloads", "failed", "this change breaks it");
        assertNoHorizontalOverflow();
        driver.manage().window().setSize(PHONE);
        assertNoHorizontalOverflow();
        driver.manage().window().setSize(LAPTOP);

        String review = driver.getCurrentUrl();
        tests.findElement(By.linkText("Why it failed")).click();
        assertThat(driver.getCurrentUrl()).contains("/rules/" + id + "/tests?run=true#why-");
        assertThat(driver.findElement(By.id("run-summary")).getText()).isEqualTo("0 of 1 passed");
        assertThat(driver.findElement(By.cssSelector("h3[id^='why-']")).getText()).isEqualTo("Why “downloads” failed");
        assertThat(driver.findElement(By.cssSelector("article.miss")).getText()).contains("did not fire on event #1");

        driver.get(review);
        driver.findElement(By.cssSelector("#review-" + id + " button[value=approve]")).click();
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("The rule was approved.");
        assertThat(driver.findElements(By.id("review-" + id))).isEmpty();
        admin.delete("/api/rules/" + id);
    }
}
