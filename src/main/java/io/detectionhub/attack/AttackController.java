package io.detectionhub.attack;

import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.attack.catalog.AttackCatalog;
import io.detectionhub.attack.catalog.CatalogueProvenance;
import io.detectionhub.attack.catalog.Tactic;
import io.detectionhub.attack.catalog.Technique;
import io.detectionhub.security.ViewerRole;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Read API over the ATT&amp;CK catalogue and the Atomic index. */
@RestController
class AttackController {

    private static final int MAX_SEARCH = 200;

    private final AttackService attack;

    AttackController(AttackService attack) {
        this.attack = attack;
    }

    /** Tactics in the matrix order (v19: Stealth and Defense Impairment instead of Defense Evasion). */
    @ViewerRole
    @GetMapping("/api/attack/tactics")
    List<Tactic> tactics() {
        return attack.tactics();
    }

    @ViewerRole
    @GetMapping("/api/attack/techniques/{id}")
    TechniqueDetails technique(@PathVariable String id) {
        return attack.details(id);
    }

    /** Search by id or name ({@code q}), or the techniques of a tactic ({@code tactic}). */
    @ViewerRole
    @GetMapping("/api/attack/techniques")
    List<Technique> techniques(@RequestParam(required = false) String q,
                                      @RequestParam(required = false) String tactic,
                                      @RequestParam(defaultValue = "50") int limit) {
        int capped = Math.max(1, Math.min(limit, MAX_SEARCH));
        if (tactic != null && !tactic.isBlank()) {
            return attack.catalog().techniquesForTactic(tactic);
        }
        return attack.search(q, capped);
    }

    @ViewerRole
    @GetMapping("/api/attack/matrix")
    List<AttackCatalog.MatrixColumn> matrix() {
        return attack.matrix();
    }

    @ViewerRole
    @GetMapping("/api/attack/about")
    Map<String, List<CatalogueProvenance>> about() {
        return Map.of("catalogues", attack.provenance());
    }

    @ViewerRole
    @GetMapping("/api/atomics/{techniqueId}")
    List<AtomicTest> atomics(@PathVariable String techniqueId) {
        return attack.atomicTests(techniqueId);
    }
}
