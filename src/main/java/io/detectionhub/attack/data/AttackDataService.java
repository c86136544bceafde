package io.detectionhub.attack.data;

import io.detectionhub.attack.AttackSnapshot;
import io.detectionhub.attack.atomic.AtomicIndex;
import io.detectionhub.attack.atomic.AtomicIndexData;
import io.detectionhub.attack.atomic.AtomicTechnique;
import io.detectionhub.attack.catalog.AttackCatalog;
import io.detectionhub.attack.catalog.AttackCatalogueData;
import io.detectionhub.attack.catalog.CatalogueCodec;
import io.detectionhub.attack.catalog.Technique;
import io.detectionhub.attack.catalog.TechniqueSource;
import io.detectionhub.attack.catalog.V19TacticOverlay;
import io.detectionhub.attack.catalog.generate.CatalogGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Serves the ATT&amp;CK catalogue and Atomic index: the ones shipped in the jar, replaced by admin-loaded ones stored
 * in the database. Every instance reads the stored revisions (one small query) at the first use in each HTTP request,
 * so a load through any instance is seen by every instance on its next request; work outside a request checks at
 * most once per refresh interval.
 */
@Service
public class AttackDataService {

    private static final Logger log = LoggerFactory.getLogger(AttackDataService.class);
    private static final String RESOURCE_DIR = "/io/detectionhub/attack/";
    private static final String CHECKED_IN_REQUEST = AttackDataService.class.getName() + ".checked";

    private final CatalogueRepository repository;
    private final Duration refreshInterval;
    private final Clock clock;

    private volatile AttackSnapshot snapshot;
    private volatile Instant lastCheck = Instant.EPOCH;
    private Map<String, Long> loadedRevisions = Map.of();
    private AttackCatalogueData shippedAttack;
    private AtomicIndexData shippedAtomics;
    private V19TacticOverlay overlay;

    @Autowired
    public AttackDataService(CatalogueRepository repository,
                             @Value("${detectionhub.attack.refresh-interval:PT10S}") Duration refreshInterval) {
        this(repository, refreshInterval, Clock.systemUTC());
    }

    AttackDataService(CatalogueRepository repository, Duration refreshInterval, Clock clock) {
        this.repository = repository;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
    }

    public AttackSnapshot current() {
        AttackSnapshot s = snapshot;
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (s != null && request != null) {
            if (request.getAttribute(CHECKED_IN_REQUEST, RequestAttributes.SCOPE_REQUEST) != null) {
                return s;
            }
            request.setAttribute(CHECKED_IN_REQUEST, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
            return refresh(true);
        }
        if (s == null || Duration.between(lastCheck, clock.instant()).compareTo(refreshInterval) >= 0) {
            s = refresh(false);
        }
        return s;
    }

    public AttackCatalog catalog() {
        return current().catalog();
    }

    public AtomicIndex atomics() {
        return current().atomics();
    }

    /** The v19 tactic overlay shipped with the app (used to re-map an uploaded pre-v19 bundle). */
    public synchronized V19TacticOverlay overlay() {
        if (overlay == null) {
            overlay = readResource(CatalogGenerator.OVERLAY_FILE, in -> CatalogueCodec.readOverlay(in));
        }
        return overlay;
    }

    /** Re-reads the stored revisions now (after a load through this instance, or when forced). */
    public synchronized AttackSnapshot refresh(boolean force) {
        if (!force && snapshot != null && Duration.between(lastCheck, clock.instant()).compareTo(refreshInterval) < 0) {
            return snapshot;
        }
        Map<String, Long> revisions;
        try {
            revisions = repository.revisions();
        } catch (DataAccessException e) {
            log.warn("cannot read stored ATT&CK catalogue revisions, keeping the current one: {}", e.getMessage());
            revisions = snapshot == null ? Map.of() : loadedRevisions;
        }
        lastCheck = clock.instant();
        if (snapshot != null && revisions.equals(loadedRevisions)) {
            return snapshot;
        }
        AttackCatalogueData attack = revisions.containsKey(CatalogueRepository.ATTACK)
                ? stored(CatalogueRepository.ATTACK, in -> CatalogueCodec.readAttack(in), shippedAttack())
                : shippedAttack();
        AtomicIndexData atomicData = revisions.containsKey(CatalogueRepository.ATOMICS)
                ? stored(CatalogueRepository.ATOMICS, in -> CatalogueCodec.readGzip(in, AtomicIndexData.class),
                shippedAtomics())
                : shippedAtomics();
        AtomicIndex atomics = new AtomicIndex(atomicData);
        AttackCatalog catalog = new AttackCatalog(attack, id -> describeUnknown(id, atomics));
        String version = "attack:" + revisions.getOrDefault(CatalogueRepository.ATTACK, 0L)
                + "/atomics:" + revisions.getOrDefault(CatalogueRepository.ATOMICS, 0L);
        snapshot = new AttackSnapshot(catalog, atomics, version);
        loadedRevisions = Map.copyOf(revisions);
        return snapshot;
    }

    /** An id the catalogue lacks: its name and tactics from the Atomic index if it lists it, else just the id. */
    static Technique describeUnknown(String id, AtomicIndex atomics) {
        return atomics.technique(id)
                .map(t -> Technique.minimal(id, ownName(t), t.tactics(), TechniqueSource.ATOMIC_INDEX))
                .orElseGet(() -> AttackCatalog.minimalEntry(id));
    }

    private static String ownName(AtomicTechnique t) {
        String name = t.displayName();
        int colon = name == null ? -1 : name.indexOf(": ");
        return name != null && t.techniqueId().contains(".") && colon > 0 ? name.substring(colon + 2) : name;
    }

    private interface Decoder<T> {
        T decode(InputStream in) throws IOException;
    }

    private <T> T stored(String kind, Decoder<T> decoder, T fallback) {
        return repository.find(kind).map(row -> {
            try {
                return decoder.decode(new ByteArrayInputStream(row.content()));
            } catch (IOException | RuntimeException e) {
                log.error("stored {} catalogue (revision {}) is unreadable; using the shipped one", kind,
                        row.revision(), e);
                return fallback;
            }
        }).orElse(fallback);
    }

    private synchronized AttackCatalogueData shippedAttack() {
        if (shippedAttack == null) {
            shippedAttack = readResource(CatalogGenerator.ATTACK_FILE, in -> CatalogueCodec.readAttack(in));
        }
        return shippedAttack;
    }

    private synchronized AtomicIndexData shippedAtomics() {
        if (shippedAtomics == null) {
            shippedAtomics = readResource(CatalogGenerator.ATOMIC_FILE,
                    in -> CatalogueCodec.readGzip(in, AtomicIndexData.class));
        }
        return shippedAtomics;
    }

    private static <T> T readResource(String name, Decoder<T> decoder) {
        try (InputStream in = AttackDataService.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE_DIR + name
                        + ": run the CatalogGenerator (see docs/attack.md, section What ships with the app)");
            }
            return decoder.decode(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
