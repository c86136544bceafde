package io.detectionhub.attack.admin;

import io.detectionhub.attack.CatalogueChanged;
import io.detectionhub.attack.atomic.AtomicFormatException;
import io.detectionhub.attack.atomic.AtomicIndexBuilder;
import io.detectionhub.attack.atomic.AtomicIndexData;
import io.detectionhub.attack.atomic.AtomicTechnique;
import io.detectionhub.attack.catalog.AttackCatalogueData;
import io.detectionhub.attack.catalog.CatalogueCodec;
import io.detectionhub.attack.catalog.CatalogueProvenance;
import io.detectionhub.attack.catalog.DescriptionTrimmer;
import io.detectionhub.attack.catalog.generate.CatalogGenerator;
import io.detectionhub.attack.catalog.stix.StixBundleReader;
import io.detectionhub.attack.catalog.stix.StixCatalogueConverter;
import io.detectionhub.attack.catalog.stix.StixObjects;
import io.detectionhub.attack.data.AttackDataService;
import io.detectionhub.attack.data.CatalogueRepository;
import io.detectionhub.sigma.evaluation.event.LimitedInputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Loads a newer ATT&amp;CK STIX bundle or Atomic index uploaded by an admin, converts it to the compact format and
 * stores it, replacing the shipped one on every instance. Storing and removing publish a {@link CatalogueChanged} in
 * their transaction.
 */
@Service
public class CatalogueLoader {

    private static final String ATTACK_NOTICE = "© The MITRE Corporation. This work is reproduced and distributed "
            + "with the permission of The MITRE Corporation. ATT&CK® is a registered trademark of The MITRE Corporation.";

    private final CatalogueRepository repository;
    private final AttackDataService data;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final long maxStixBytes;
    private final long maxAtomicsBytes;
    private final int maxStixObjects;

    public CatalogueLoader(CatalogueRepository repository, AttackDataService data, ApplicationEventPublisher events,
                           TransactionTemplate transactions,
                           @Value("${detectionhub.attack.max-stix-bytes:268435456}") long maxStixBytes,
                           @Value("${detectionhub.attack.max-atomics-bytes:104857600}") long maxAtomicsBytes,
                           @Value("${detectionhub.attack.max-stix-objects:500000}") int maxStixObjects) {
        this.repository = repository;
        this.data = data;
        this.events = events;
        this.transactions = transactions;
        this.maxStixBytes = maxStixBytes;
        this.maxAtomicsBytes = maxAtomicsBytes;
        this.maxStixObjects = maxStixObjects;
    }

    /** A STIX 2.1 bundle such as attack-stix-data's enterprise-attack.json, streamed. */
    public CatalogueLoadResult loadStixBundle(InputStream body, String versionHint, String sourceHint) {
        StixObjects stix = new StixBundleReader(maxStixObjects).read(new LimitedInputStream(body, maxStixBytes));
        String version = firstNonBlank(versionHint, stix.collectionVersion(), "unknown");
        String source = firstNonBlank(sourceHint, "uploaded STIX bundle", null);
        AttackCatalogueData catalogue = new StixCatalogueConverter(
                new DescriptionTrimmer(CatalogGenerator.DESCRIPTION_BUDGET)).convert(stix, data.overlay(),
                List.of("MITRE ATT&CK Enterprise v" + version + ", " + source + ", loaded " + Instant.now()),
                version, ATTACK_NOTICE, Instant.now().toString());
        byte[] blob = CatalogueCodec.gzip(catalogue);
        long revision = store(CatalogueRepository.ATTACK, blob, "ATT&CK " + catalogue.provenance().version()
                + ": " + catalogue.tactics().size() + " tactics, " + catalogue.techniques().size() + " techniques");
        data.refresh(true);
        return new CatalogueLoadResult(CatalogueRepository.ATTACK, revision, catalogue.provenance().version(),
                catalogue.tactics().size(), catalogue.techniques().size(), 0, blob.length, List.of());
    }

    /** A zip of Atomic Red Team's atomics/ folder. */
    public CatalogueLoadResult loadAtomicsZip(InputStream body, String sourceHint) {
        AtomicIndexBuilder builder = new AtomicsZipReader(AtomicsZipReader.Limits.defaults())
                .read(new LimitedInputStream(body, maxAtomicsBytes));
        String source = firstNonBlank(sourceHint, "uploaded atomics archive", null);
        AtomicIndexData index = builder.build(new CatalogueProvenance(
                List.of("Atomic Red Team, " + source + ", loaded " + Instant.now()), source,
                Instant.now().toString(), "Atomic Red Team, Copyright (c) 2018 Red Canary, Inc. MIT License.",
                List.of()));
        return storeAtomics(index, builder.problems());
    }

    /** An index in the app's own JSON format (what the generator writes, uncompressed). */
    public CatalogueLoadResult loadAtomicsJson(InputStream body) {
        AtomicIndexData index;
        try {
            index = CatalogueCodec.readPlain(new LimitedInputStream(body, maxAtomicsBytes), AtomicIndexData.class);
        } catch (IllegalArgumentException e) {
            throw new AtomicFormatException(e.getMessage(), e);
        }
        if (index == null || index.techniques() == null || index.techniques().isEmpty()) {
            throw new AtomicFormatException("the index has no techniques");
        }
        for (AtomicTechnique t : index.techniques()) {
            if (t.techniqueId() == null || !io.detectionhub.attack.catalog.Technique.isTechniqueId(t.techniqueId())) {
                throw new AtomicFormatException("bad technique id in index: " + t.techniqueId());
            }
        }
        return storeAtomics(index, List.of());
    }

    public boolean reset(String kind) {
        boolean deleted = Boolean.TRUE.equals(transactions.execute(status -> {
            boolean removed = repository.delete(kind);
            if (removed) {
                events.publishEvent(new CatalogueChanged(CatalogueChanged.Change.RESET, kind, 0,
                        kind + ": back to the catalogue shipped with the app"));
            }
            return removed;
        }));
        data.refresh(true);
        return deleted;
    }

    private CatalogueLoadResult storeAtomics(AtomicIndexData index, List<String> problems) {
        byte[] blob = CatalogueCodec.gzip(index);
        int tests = index.techniques().stream().mapToInt(t -> t.tests().size()).sum();
        long revision = store(CatalogueRepository.ATOMICS, blob, "Atomic Red Team "
                + index.provenance().version() + ": " + index.techniques().size() + " techniques, " + tests + " tests");
        data.refresh(true);
        return new CatalogueLoadResult(CatalogueRepository.ATOMICS, revision, index.provenance().version(), 0,
                index.techniques().size(), tests, blob.length, problems);
    }

    private long store(String kind, byte[] blob, String summary) {
        Long revision = transactions.execute(status -> {
            long stored = repository.save(kind, blob, summary);
            events.publishEvent(new CatalogueChanged(CatalogueChanged.Change.LOADED, kind, stored, summary));
            return stored;
        });
        return revision == null ? 0 : revision;
    }

    private static String firstNonBlank(String a, String b, String c) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        if (b != null && !b.isBlank()) {
            return b.strip();
        }
        return c;
    }
}
