package io.detectionhub.attack.admin;

import io.detectionhub.attack.AttackSnapshot;
import io.detectionhub.attack.data.AttackDataService;
import io.detectionhub.attack.data.CatalogueRepository;
import io.detectionhub.security.AdminRole;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admin loads of a newer ATT&amp;CK catalogue or Atomic index. The body is read as a stream (never bound to a
 * String), with size limits answered by 413.
 */
@RestController
@RequestMapping("/api/admin")
class AttackAdminController {

    private final CatalogueLoader loader;
    private final AttackDataService data;

    AttackAdminController(CatalogueLoader loader, AttackDataService data) {
        this.loader = loader;
        this.data = data;
    }

    /** Body: a STIX 2.1 bundle (e.g. mitre-attack/attack-stix-data enterprise-attack/enterprise-attack.json). */
    @AdminRole
    @PutMapping(value = "/attack", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    CatalogueLoadResult loadAttack(HttpServletRequest request,
                                          @RequestParam(required = false) String version,
                                          @RequestParam(required = false) String source) throws IOException {
        try (InputStream body = request.getInputStream()) {
            return loader.loadStixBundle(body, version, source);
        }
    }

    /**
     * Body: a zip of Atomic Red Team's {@code atomics/} folder ({@code application/zip}), or an index in the app's
     * JSON format ({@code application/json}).
     */
    @AdminRole
    @PutMapping(value = "/atomics", consumes = {"application/zip", "application/x-zip-compressed",
            MediaType.APPLICATION_JSON_VALUE})
    CatalogueLoadResult loadAtomics(HttpServletRequest request,
                                           @RequestParam(required = false) String source) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType();
        try (InputStream body = request.getInputStream()) {
            if (type.startsWith(MediaType.APPLICATION_JSON_VALUE)) {
                return loader.loadAtomicsJson(body);
            }
            return loader.loadAtomicsZip(body, source);
        }
    }

    /** Back to the catalogue shipped with the app. */
    @AdminRole
    @DeleteMapping("/attack")
    ResponseEntity<Void> resetAttack() {
        return reset(CatalogueRepository.ATTACK);
    }

    @AdminRole
    @DeleteMapping("/atomics")
    ResponseEntity<Void> resetAtomics() {
        return reset(CatalogueRepository.ATOMICS);
    }

    @AdminRole
    @GetMapping("/attack/status")
    Map<String, Object> status() {
        AttackSnapshot s = data.current();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", s.version());
        out.put("attackVersion", s.catalog().provenance().version());
        out.put("techniques", s.catalog().size());
        out.put("tactics", s.catalog().tactics().size());
        out.put("atomicTechniques", s.atomics().techniqueCount());
        out.put("atomicTests", s.atomics().testCount());
        return out;
    }

    private ResponseEntity<Void> reset(String kind) {
        if (!loader.reset(kind)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no loaded " + kind + " catalogue; the shipped one is in use");
        }
        return ResponseEntity.noContent().build();
    }
}
