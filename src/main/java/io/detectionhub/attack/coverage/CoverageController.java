package io.detectionhub.attack.coverage;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Coverage heatmap data and its exports (Navigator layer, CSV), filterable by level, status and product. */
@RestController
public class CoverageController {

    private final CoverageService coverage;

    public CoverageController(CoverageService coverage) {
        this.coverage = coverage;
    }

    @GetMapping("/api/coverage")
    public CoverageReport coverage(@RequestParam(required = false) String level,
                                   @RequestParam(required = false) String status,
                                   @RequestParam(required = false) String product) {
        return coverage.coverage(CoverageFilter.of(level, status, product));
    }

    @GetMapping("/api/coverage/navigator-layer")
    public ResponseEntity<Map<String, Object>> navigatorLayer(@RequestParam(required = false) String level,
                                                              @RequestParam(required = false) String status,
                                                              @RequestParam(required = false) String product) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"detection-hub-coverage-layer.json\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(coverage.navigatorLayer(CoverageFilter.of(level, status, product)));
    }

    @GetMapping("/api/coverage.csv")
    public ResponseEntity<String> csv(@RequestParam(required = false) String level,
                                      @RequestParam(required = false) String status,
                                      @RequestParam(required = false) String product) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"detection-hub-coverage.csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(coverage.csv(CoverageFilter.of(level, status, product)));
    }
}
