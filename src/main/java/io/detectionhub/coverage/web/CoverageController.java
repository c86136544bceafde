package io.detectionhub.coverage.web;

import io.detectionhub.attack.coverage.CoverageFilter;
import io.detectionhub.attack.coverage.CoverageReport;
import io.detectionhub.coverage.AtomicCoverageService;
import io.detectionhub.coverage.CoverageService;
import io.detectionhub.security.ViewerRole;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Coverage heatmap data and its exports (Navigator layer, CSV), filterable by level, status and product. */
@RestController
class CoverageController {

    private final CoverageService coverage;
    private final AtomicCoverageService atomicCoverage;

    CoverageController(CoverageService coverage, AtomicCoverageService atomicCoverage) {
        this.coverage = coverage;
        this.atomicCoverage = atomicCoverage;
    }

    /**
     * The Atomic-driven check: with {@code technique}, every Atomic test of it (and of its sub-techniques with
     * {@code includeSubTechniques=true}) and the rules firing on the process events it produces; without, the
     * whole-matrix summary.
     */
    @ViewerRole
    @GetMapping("/api/coverage/atomics")
    Object atomics(@RequestParam(required = false) String technique,
                          @RequestParam(defaultValue = "false") boolean includeSubTechniques) {
        if (technique == null || technique.isBlank()) {
            return atomicCoverage.summary();
        }
        return atomicCoverage.forTechnique(technique, includeSubTechniques);
    }

    @ViewerRole
    @GetMapping("/api/coverage")
    CoverageReport coverage(@RequestParam(required = false) String level,
                                   @RequestParam(required = false) String status,
                                   @RequestParam(required = false) String product) {
        return coverage.coverage(CoverageFilter.of(level, status, product));
    }

    @ViewerRole
    @GetMapping("/api/coverage/navigator-layer")
    ResponseEntity<Map<String, Object>> navigatorLayer(@RequestParam(required = false) String level,
                                                              @RequestParam(required = false) String status,
                                                              @RequestParam(required = false) String product) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"detection-hub-coverage-layer.json\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(coverage.navigatorLayer(CoverageFilter.of(level, status, product)));
    }

    @ViewerRole
    @GetMapping("/api/coverage.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String level,
                                      @RequestParam(required = false) String status,
                                      @RequestParam(required = false) String product) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"detection-hub-coverage.csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(coverage.csv(CoverageFilter.of(level, status, product)));
    }
}
