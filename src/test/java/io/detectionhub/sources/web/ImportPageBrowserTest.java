package io.detectionhub.sources.web;

import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Import page as an editor uses it: header link, upload of an archive, progress to the report, provenance. */
@AppTest
class ImportPageBrowserTest extends BrowserTest {

    private static final String ID = "cccccccc-0000-4000-8000-000000000001";

    @Test
    void uploadsAnArchiveFollowsTheJobAndShowsTheReportAndTheProvenance() throws Exception {
        open("/");
        driver.findElement(By.id("nav-imports")).click();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Import rules");

        Path zip = Files.createTempFile("browser-import", ".zip");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("repo/LICENSE"));
            out.write("Detection Rule License (DRL) 1.1".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("repo/rules/page_import.yml"));
            out.write(("title: Imported through the page\nid: " + ID + "\nlogsource:\n    product: windows\n"
                    + "detection:\n    s:\n        EventID: 4698\n    condition: s\n").getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("repo/rules/<script>.yml"));
            out.write("title: [unclosed\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("repo/docs/readme.md"));
            out.write("# docs".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(zip, bytes.toByteArray());
        driver.findElement(By.id("import-file")).sendKeys(zip.toAbsolutePath().toString());
        driver.findElement(By.id("import-submit")).click();

        waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(By.id("import-report")));
        assertThat(driver.findElement(By.id("import-state")).getText()).isEqualTo("succeeded");
        assertThat(driver.findElement(By.id("import-progress")).getAttribute("value")).isEqualTo("100");
        assertThat(driver.findElement(By.cssSelector("[data-count='created']")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.cssSelector("[data-count='invalid']")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.cssSelector("[data-count='skipped']")).getText()).isEqualTo("2");
        String report = driver.findElement(By.id("import-report")).getText();
        assertThat(report).contains("rules/page_import.yml", "rules/<script>.yml", "not a YAML file");

        driver.findElement(By.linkText(ID)).click();
        assertThat(driver.findElement(By.id("rule-provenance-source")).getText()).contains("browser-import");
        assertThat(driver.findElement(By.id("rule-provenance-licence")).getText()).isEqualTo("DRL 1.1");
        api().delete("/api/rules/" + ID);
    }
}
