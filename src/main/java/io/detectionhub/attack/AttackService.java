package io.detectionhub.attack;

import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.attack.catalog.AttackCatalog;
import io.detectionhub.attack.catalog.CatalogueProvenance;
import io.detectionhub.attack.catalog.Tactic;
import io.detectionhub.attack.catalog.Technique;
import io.detectionhub.attack.data.AttackDataService;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/** The ATT&amp;CK and Atomic lookups pages and other features call (over the catalogue currently in use). */
@Service
public class AttackService {

    private final AttackDataService data;

    public AttackService(AttackDataService data) {
        this.data = data;
    }

    public AttackSnapshot snapshot() {
        return data.current();
    }

    public AttackCatalog catalog() {
        return data.catalog();
    }

    public List<Tactic> tactics() {
        return data.catalog().tactics();
    }

    public Optional<Tactic> tactic(String key) {
        return data.catalog().tactic(key);
    }

    /** The technique, or a minimal entry for an id no source has (never rejects). */
    public Technique technique(String id) {
        return data.catalog().technique(id);
    }

    public TechniqueDetails details(String id) {
        AttackSnapshot s = data.current();
        AttackCatalog catalog = s.catalog();
        Technique t = catalog.technique(id);
        List<Tactic> tactics = t.tactics().stream()
                .map(name -> catalog.tactic(name).orElse(new Tactic(null, name, name, "", null))).toList();
        TechniqueDetails.TechniqueRef parent = t.parentId() == null ? null
                : new TechniqueDetails.TechniqueRef(t.parentId(), catalog.technique(t.parentId()).displayName());
        List<TechniqueDetails.TechniqueRef> subs = catalog.subTechniques(t.id()).stream()
                .map(sub -> new TechniqueDetails.TechniqueRef(sub.id(), sub.displayName())).toList();
        return new TechniqueDetails(t.id(), t.name(), catalog.fullName(t.id()), t.isSubTechnique(), t.inCatalogue(),
                t.source().name(), t.tacticsSource().name(), tactics, t.description(), t.url(), t.platforms(),
                t.dataComponents(), parent, subs, s.atomics().tests(t.id()));
    }

    public List<AtomicTest> atomicTests(String techniqueId) {
        return data.atomics().tests(techniqueId);
    }

    public List<AttackCatalog.MatrixColumn> matrix() {
        return data.catalog().matrix();
    }

    public List<Technique> search(String query, int limit) {
        return data.catalog().search(query, limit);
    }

    /** Provenance and the licence notices the about page must show. */
    public List<CatalogueProvenance> provenance() {
        AttackSnapshot s = data.current();
        return List.of(s.catalog().provenance(), s.atomics().data().provenance());
    }
}
