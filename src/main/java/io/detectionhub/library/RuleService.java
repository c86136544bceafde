package io.detectionhub.library;

import io.detectionhub.library.enrichment.Enrichment;
import io.detectionhub.library.enrichment.EnrichmentDeriver;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.parser.SigmaIdentity;
import io.detectionhub.sigma.parser.SigmaParser;
import io.detectionhub.sigma.parser.SigmaProblem;
import io.detectionhub.sigma.parser.SigmaValidationException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rule library: the one write path (create, replace, delete, update enrichment; each one transaction that
 * validates everything before it writes) and the reads other features need. Every write bumps
 * {@link #libraryVersion()} in the same transaction and publishes a {@link RuleLibraryChanged}.
 */
@Service
@Transactional(readOnly = true)
public class RuleService {

    /** Ids appear in URLs ({@code /api/rules/{id}.yml}): letters, digits, '-' and '_' only. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    /** The longest comment of a change (the revision's comment); the API refuses longer ones. */
    public static final int MAX_COMMENT = 1000;

    private static final Logger log = LoggerFactory.getLogger(RuleService.class);
    private static final Pattern ID_LINE = Pattern.compile("(?m)^id[ \\t]*:");

    private final RuleRepository rules;
    private final RuleEnrichmentRepository enrichments;
    private final LibraryVersion libraryVersion;
    private final EnrichmentJson enrichmentJson;
    private final ObjectProvider<EnrichmentDeriver> derivers;
    private final Validator validator;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SigmaParser parser = new SigmaParser();
    private final RuleFacetIndex facetIndex;
    private final RuleProvenanceRepository provenances;
    private final RuleTextIndex textIndex;

    RuleService(RuleRepository rules, RuleEnrichmentRepository enrichments, LibraryVersion libraryVersion,
                EnrichmentJson enrichmentJson, ObjectProvider<EnrichmentDeriver> derivers, Validator validator,
                ApplicationEventPublisher events, ObjectProvider<Clock> clock, RuleFacetIndex facetIndex,
                RuleProvenanceRepository provenances, RuleTextIndex textIndex) {
        this.rules = rules;
        this.provenances = provenances;
        this.enrichments = enrichments;
        this.libraryVersion = libraryVersion;
        this.enrichmentJson = enrichmentJson;
        this.derivers = derivers;
        this.validator = validator;
        this.events = events;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.facetIndex = facetIndex;
        this.textIndex = textIndex;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Stores a Sigma text: one rule, correlation or filter, or a multi-document text, of which every document becomes
     * addressable (see {@link RuleTextUnits}: a correlation is stored with the rules it references that have no id of
     * their own; every other document is an entry of its own). All entries are stored or none. Returns the entry that
     * answers for the text (its first correlation, else its first document). A document without {@code id} gets a
     * generated UUID written into it. {@code enrichment} (for that entry) may be null or partial: its empty parts are
     * derived.
     *
     * @throws SigmaValidationException with every problem found (nothing is stored)
     * @throws DuplicateRuleException   when an id is taken
     */
    @Transactional
    public StoredRule create(String yaml, Enrichment enrichment) {
        return create(yaml, enrichment, null);
    }

    /** {@link #create(String, Enrichment)} saying why ({@code comment}: the revision's comment, may be null). */
    @Transactional
    public StoredRule create(String yaml, Enrichment enrichment, String comment) {
        PreparedText text = prepareAll(yaml, i -> java.util.UUID.randomUUID().toString());
        if (enrichment != null) {
            validate(enrichment);
        }
        for (Prepared p : text.units()) {
            if (rules.existsById(p.id())) {
                throw new DuplicateRuleException(p.id());
            }
        }
        Instant now = now();
        StoredRule answer = null;
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < text.units().size(); i++) {
            Prepared p = text.units().get(i);
            RuleFacts facts = RuleFacts.of(p.collection(), p.document());
            Enrichment derived = derive(p.document(), facts.tags());
            Enrichment next = enrichment == null || i != text.primary() ? derived : enrichment.fillEmpty(derived);
            RuleEntity entity = new RuleEntity(p.id(), now);
            entity.apply(p.yaml(), facts, next.attack(), now);
            try {
                rules.saveAndFlush(entity);
            } catch (DataIntegrityViolationException e) {
                throw new DuplicateRuleException(p.id());
            }
            saveEnrichment(p.id(), next, now);
            ids.add(p.id());
            if (i == text.primary()) {
                answer = toStoredRule(entity, p.document(), next);
            }
        }
        rules.flush();
        long version = libraryVersion.bump();
        events.publishEvent(new RuleLibraryChanged(RuleLibraryChanged.Change.CREATED, List.copyOf(ids), version,
                comment(comment)));
        return answer;
    }

    /**
     * Creates or updates the rules of many files in this one transaction (an import's chunk), matching by Sigma id
     * and content hash: a rule not stored is created; one stored with the same text is unchanged; one that changed
     * upstream is updated (its YAML replaced, enrichment parts still generated derived again, a person's kept), unless
     * it was edited here since its last import, or was never imported: then the file is a conflict and nothing of it
     * is written, except when {@code overwrite} accepts the rule's id. A file is taken whole or not at all (invalid
     * Sigma, an id twice). Each written rule gets the file's provenance. Publishes one {@link RuleLibraryChanged} per
     * kind of change with {@code comment} (the source, and its commit) and bumps the library version once.
     *
     * @param overwrite ids whose local edits the user chose to overwrite (e.g. {@code id -> false} for none)
     */
    @Transactional
    public List<RuleImportResult> importRules(List<RuleImport> files, java.util.function.Predicate<String> overwrite,
                                              String comment) {
        record Planned(RuleImport file, PreparedText text, List<String> hashes) {
        }
        List<RuleImportResult> results = new java.util.ArrayList<>(java.util.Collections.nCopies(files.size(), null));
        Map<Integer, Planned> planned = new LinkedHashMap<>();
        Map<String, String> idsInBatch = new java.util.HashMap<>();
        // Parsing is pure and the largest cost after derivation: all files of the chunk at once, on every core.
        List<Object> parsed = java.util.stream.IntStream.range(0, files.size()).parallel().mapToObj(f -> {
            try {
                return (Object) prepareAll(files.get(f).yaml(), i -> importedId(files.get(f), i));
            } catch (SigmaValidationException e) {
                return e;
            }
        }).toList();
        for (int f = 0; f < files.size(); f++) {
            RuleImport file = files.get(f);
            try {
                if (parsed.get(f) instanceof SigmaValidationException e) {
                    throw e;
                }
                PreparedText text = (PreparedText) parsed.get(f);
                String clash = null;
                java.util.Set<String> own = new java.util.HashSet<>();
                for (Prepared p : text.units()) {
                    if (!own.add(p.id())) {
                        clash = "The id '" + p.id() + "' is in this file twice.";
                    } else if (idsInBatch.containsKey(p.id())) {
                        clash = "The id '" + p.id() + "' is also the id of " + idsInBatch.get(p.id()) + ".";
                    }
                }
                if (clash != null) {
                    results.set(f, new RuleImportResult(file.path(), RuleImportResult.Status.INVALID, List.of(), clash));
                    continue;
                }
                text.units().forEach(p -> idsInBatch.put(p.id(), file.path()));
                planned.put(f, new Planned(file, text, text.units().stream().map(p -> sha256(p.yaml())).toList()));
            } catch (SigmaValidationException e) {
                results.set(f, new RuleImportResult(file.path(), RuleImportResult.Status.INVALID, List.of(),
                        describe(e)));
            }
        }
        Map<String, RuleEntity> existing = new java.util.HashMap<>();
        rules.findAllById(idsInBatch.keySet()).forEach(e -> existing.put(e.getId(), e));
        Map<String, RuleProvenanceEntity> origins = new java.util.HashMap<>();
        provenances.findAllById(existing.keySet()).forEach(e -> origins.put(e.getId(), e));
        Map<String, RuleEnrichmentEntity> storedEnrichments = new java.util.HashMap<>();
        enrichments.findAllById(existing.keySet()).forEach(e -> storedEnrichments.put(e.getRuleId(), e));

        Instant now = now();
        List<String> created = new java.util.ArrayList<>();
        List<String> updated = new java.util.ArrayList<>();
        record Write(Prepared unit, RuleImport file, String hash) {
        }
        List<Write> writes = new java.util.ArrayList<>();
        for (var entry : planned.entrySet()) {
            Planned plan = entry.getValue();
            RuleImport file = plan.file();
            List<Prepared> units = plan.text().units();
            String conflict = null;
            String duplicate = null;
            String movedFrom = null;
            boolean anyNew = false;
            boolean anyChanged = false;
            for (int u = 0; u < units.size(); u++) {
                RuleEntity stored = existing.get(units.get(u).id());
                if (stored == null) {
                    anyNew = true;
                    continue;
                }
                String storedHash = sha256(stored.getYaml());
                RuleProvenanceEntity origin = origins.get(stored.getId());
                if (storedHash.equals(plan.hashes().get(u))) {
                    RuleProvenance was = origin == null ? null : origin.toProvenance();
                    if (was != null && file.provenance() != null && was.source().equals(file.provenance().source())
                            && !java.util.Objects.equals(was.path(), file.path()) && !sameImport(was, file.provenance())) {
                        // The same text under another path of the same source: a rename, recorded as such.
                        movedFrom = was.path();
                        origin.apply(file.provenance(), origin.getContentHash());
                        provenances.save(origin);
                    }
                    continue;
                }
                if (origin != null && sameImport(origin.toProvenance(), file.provenance())) {
                    duplicate = "The id '" + stored.getId() + "' is also the id of " + origin.toProvenance().path()
                            + " in this import.";
                } else if (origin == null && !overwrite.test(stored.getId())) {
                    conflict = "The rule " + stored.getId() + " exists and was not imported (written here): not "
                            + "overwritten; import again with overwrite to replace it.";
                } else if (origin != null && !origin.getContentHash().equals(storedHash)
                        && !overwrite.test(stored.getId())) {
                    conflict = "The rule " + stored.getId() + " was edited here since its last import"
                            + (stored.getUpdatedBy() == null ? "" : " (last by " + stored.getUpdatedBy() + ")")
                            + ": not overwritten; import again with overwrite to replace it.";
                } else {
                    anyChanged = true;
                }
            }
            List<String> ids = units.stream().map(Prepared::id).toList();
            if (duplicate != null) {
                results.set(entry.getKey(), new RuleImportResult(file.path(), RuleImportResult.Status.INVALID, ids,
                        duplicate));
                continue;
            }
            if (conflict != null) {
                results.set(entry.getKey(), new RuleImportResult(file.path(), RuleImportResult.Status.CONFLICT, ids,
                        conflict));
                continue;
            }
            for (int u = 0; u < units.size(); u++) {
                Prepared p = units.get(u);
                RuleEntity stored = existing.get(p.id());
                String hash = plan.hashes().get(u);
                if (stored == null || !hash.equals(sha256(stored.getYaml()))) {
                    writes.add(new Write(p, file, hash));
                }
            }
            RuleImportResult.Status status = anyNew ? RuleImportResult.Status.CREATED
                    : anyChanged ? RuleImportResult.Status.UPDATED : RuleImportResult.Status.UNCHANGED;
            results.set(entry.getKey(), new RuleImportResult(file.path(), status, ids,
                    movedFrom == null ? null : "renamed from " + movedFrom));
        }
        // Derivation (ATT&CK, Atomic simulation) is pure too: in parallel, then the writes in order.
        record Derived(RuleFacts facts, Enrichment enrichment) {
        }
        List<Derived> derivations = writes.parallelStream().map(w -> {
            RuleFacts facts = RuleFacts.of(w.unit().collection(), w.unit().document());
            return new Derived(facts, derive(w.unit().document(), facts.tags()));
        }).toList();
        for (int w = 0; w < writes.size(); w++) {
            Prepared p = writes.get(w).unit();
            RuleImport file = writes.get(w).file();
            String hash = writes.get(w).hash();
            RuleEntity stored = existing.get(p.id());
            RuleFacts facts = derivations.get(w).facts();
            Enrichment derived = derivations.get(w).enrichment();
            {
                Enrichment next;
                RuleEntity entity;
                if (stored == null) {
                    entity = new RuleEntity(p.id(), now);
                    next = derived;
                    created.add(p.id());
                } else {
                    entity = stored;
                    RuleEnrichmentEntity e = storedEnrichments.get(p.id());
                    Enrichment before = e == null ? Enrichment.fromTags(stored.getTags())
                            : enrichmentJson.read(e.getContent());
                    next = before.rederive(derived);
                    updated.add(p.id());
                }
                entity.apply(p.yaml(), facts, next.attack(), now);
                rules.save(entity);
                RuleEnrichmentEntity e = storedEnrichments.get(p.id());
                if (e == null) {
                    e = new RuleEnrichmentEntity(p.id());
                }
                e.apply(enrichmentJson.write(next), next.atomicTests().size(), now);
                enrichments.save(e);
                RuleProvenanceEntity origin = origins.getOrDefault(p.id(), new RuleProvenanceEntity(p.id()));
                origin.apply(file.provenance(), hash);
                provenances.save(origin);
            }
        }
        if (!created.isEmpty() || !updated.isEmpty()) {
            rules.flush();
            long version = libraryVersion.bump();
            if (!created.isEmpty()) {
                events.publishEvent(new RuleLibraryChanged(RuleLibraryChanged.Change.CREATED, List.copyOf(created),
                        version, comment));
            }
            if (!updated.isEmpty()) {
                events.publishEvent(new RuleLibraryChanged(RuleLibraryChanged.Change.REPLACED, List.copyOf(updated),
                        version, comment));
            }
        }
        return results;
    }

    /** Two rows from one import run: the same source, read at the same moment, under another path. */
    private static boolean sameImport(RuleProvenance stored, RuleProvenance incoming) {
        return incoming != null && stored.source().equals(incoming.source())
                && stored.retrievedAt().equals(incoming.retrievedAt().truncatedTo(ChronoUnit.MICROS))
                && !java.util.Objects.equals(stored.path(), incoming.path());
    }

    /** A stable id for an imported document without one, so that importing the file again finds its rule. */
    private static String importedId(RuleImport file, int unit) {
        String source = file.provenance() == null ? "" : file.provenance().source();
        return java.util.UUID.nameUUIDFromBytes((source + "\n" + file.path() + "#" + unit)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(SigmaValidationException e) {
        return e.problems().stream().limit(5).map(p -> (p.line() > 0 ? "line " + p.line() + ": " : "") + p.message())
                .collect(Collectors.joining("; "));
    }

    /**
     * Replaces the YAML of a stored rule. A YAML without {@code id} gets {@code id} inserted; a different id is an
     * error. Enrichment parts still marked generated (or empty) are derived again; what a person wrote is kept,
     * unless {@code enrichment} is given, which then replaces the enrichment as a person's edit.
     *
     * @param expectedVersion the version the client read (ETag), or null to replace whatever version is stored
     * @throws RuleVersionConflictException when the rule is at another version than {@code expectedVersion}
     */
    @Transactional
    public StoredRule replace(String id, String yaml, Enrichment enrichment, Long expectedVersion) {
        return replace(id, yaml, enrichment, expectedVersion, null);
    }

    /** {@link #replace(String, String, Enrichment, Long)} saying why ({@code comment}, may be null). */
    @Transactional
    public StoredRule replace(String id, String yaml, Enrichment enrichment, Long expectedVersion, String comment) {
        return replace(id, yaml, expectedVersion, comment, (stored, derived) -> {
            if (enrichment == null) {
                return stored.rederive(derived);
            }
            validate(enrichment);
            return enrichment.asEditOf(stored).fillEmpty(derived);
        });
    }

    /**
     * Replaces the YAML of a stored rule and applies a person's edit to its enrichment, in one transaction (the rule
     * editor's save): {@code edit} gets the enrichment the new YAML alone would give (parts still generated derived
     * again) and returns it with the parts the person changed; those count as confirmed by a person.
     *
     * @param expectedVersion the version the editor showed, or null to replace whatever version is stored
     * @throws RuleVersionConflictException when the rule is at another version than {@code expectedVersion}
     */
    @Transactional
    public StoredRule replaceAndEdit(String id, String yaml, UnaryOperator<Enrichment> edit, Long expectedVersion) {
        return replaceAndEdit(id, yaml, edit, expectedVersion, null);
    }

    /** {@link #replaceAndEdit(String, String, UnaryOperator, Long)} saying why ({@code comment}, may be null). */
    @Transactional
    public StoredRule replaceAndEdit(String id, String yaml, UnaryOperator<Enrichment> edit, Long expectedVersion,
                                     String comment) {
        return replace(id, yaml, expectedVersion, comment, (stored, derived) -> {
            Enrichment rederived = stored.rederive(derived);
            Enrichment edited = edit.apply(rederived);
            if (edited.equals(rederived)) {
                return rederived;
            }
            validate(edited);
            return edited.asEditOf(rederived);
        });
    }

    private StoredRule replace(String id, String yaml, Long expectedVersion, String comment,
                               BinaryOperator<Enrichment> nextEnrichment) {
        RuleEntity entity = rules.findById(id).orElseThrow(() -> new RuleNotFoundException(id));
        checkVersion(entity, expectedVersion);
        Prepared prepared = prepareReplacement(id, yaml);
        RuleFacts facts = RuleFacts.of(prepared.collection(), prepared.document());
        Enrichment next = nextEnrichment.apply(loadEnrichment(entity), derive(prepared.document(), facts.tags()));
        return overwrite(entity, prepared, facts, next, RuleLibraryChanged.Change.REPLACED, comment);
    }

    /** Writes a stored rule's new text and enrichment, bumps the library version and says so. */
    private StoredRule overwrite(RuleEntity entity, Prepared prepared, RuleFacts facts, Enrichment next,
                                 RuleLibraryChanged.Change change, String comment) {
        Instant now = now();
        entity.apply(prepared.yaml(), facts, next.attack(), now);
        saveEnrichment(entity.getId(), next, now);
        rules.flush();
        long version = libraryVersion.bump();
        events.publishEvent(new RuleLibraryChanged(change, List.of(entity.getId()), version, comment(comment)));
        return toStoredRule(entity, prepared.document(), next);
    }

    /**
     * Sets a stored rule's YAML and enrichment to exactly the given ones (an earlier revision's): a revert, published
     * as {@link RuleLibraryChanged.Change#REVERTED}.
     *
     * @param expectedVersion the version the client read (ETag), or null for whatever version is stored
     * @throws RuleVersionConflictException when the rule is at another version than {@code expectedVersion}
     */
    @Transactional
    public StoredRule revert(String id, String yaml, Enrichment enrichment, Long expectedVersion, String comment) {
        RuleEntity entity = rules.findById(id).orElseThrow(() -> new RuleNotFoundException(id));
        checkVersion(entity, expectedVersion);
        Prepared prepared = prepareReplacement(id, yaml);
        validate(enrichment);
        RuleFacts facts = RuleFacts.of(prepared.collection(), prepared.document());
        return overwrite(entity, prepared, facts, enrichment, RuleLibraryChanged.Change.REVERTED, comment);
    }

    /**
     * Stores a deleted rule again with exactly the given YAML and enrichment (those it had when deleted), published
     * as {@link RuleLibraryChanged.Change#RESTORED}.
     *
     * @throws DuplicateRuleException when a rule with this id is stored meanwhile
     */
    @Transactional
    public StoredRule restore(String id, String yaml, Enrichment enrichment, String comment) {
        if (rules.existsById(id)) {
            throw new DuplicateRuleException(id);
        }
        Prepared prepared = prepareReplacement(id, yaml);
        validate(enrichment);
        RuleFacts facts = RuleFacts.of(prepared.collection(), prepared.document());
        Instant now = now();
        RuleEntity entity = new RuleEntity(id, now);
        entity.apply(prepared.yaml(), facts, enrichment.attack(), now);
        try {
            rules.saveAndFlush(entity);
        } catch (DataIntegrityViolationException e) {
            throw new DuplicateRuleException(id);
        }
        saveEnrichment(id, enrichment, now);
        rules.flush();
        long version = libraryVersion.bump();
        events.publishEvent(new RuleLibraryChanged(RuleLibraryChanged.Change.RESTORED, List.of(id), version,
                comment(comment)));
        return toStoredRule(entity, prepared.document(), enrichment);
    }

    /**
     * Splits a rule stored before multi-document files were split (a file of several rules kept whole under its first
     * rule's id) into the entries {@link #create} makes today: the rule keeps its id with its own document's text
     * (enrichment kept as for a replace), every other document becomes a rule of its own. Nothing happens when the
     * text is one entry already, or when another document's id is taken (logged).
     *
     * @return the ids created
     */
    @Transactional
    public List<String> splitStoredMultiDocument(String id) {
        RuleEntity entity = rules.findById(id).orElseThrow(() -> new RuleNotFoundException(id));
        PreparedText text;
        try {
            text = prepareAll(entity.getYaml(), i -> java.util.UUID.randomUUID().toString());
        } catch (SigmaValidationException e) {
            return List.of();
        }
        if (text.units().size() <= 1) {
            return List.of();
        }
        Prepared own = text.units().stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
        List<Prepared> others = text.units().stream().filter(p -> !p.id().equals(id)).toList();
        if (own == null || others.stream().anyMatch(p -> rules.existsById(p.id()))) {
            log.warn("Rule {} holds several documents but cannot be split (an id is taken, or none is its own)", id);
            return List.of();
        }
        Instant now = now();
        RuleFacts facts = RuleFacts.of(own.collection(), own.document());
        Enrichment next = loadEnrichment(entity).rederive(derive(own.document(), facts.tags()));
        entity.apply(own.yaml(), facts, next.attack(), now);
        saveEnrichment(id, next, now);
        List<String> created = new java.util.ArrayList<>();
        for (Prepared p : others) {
            RuleFacts f = RuleFacts.of(p.collection(), p.document());
            Enrichment e = derive(p.document(), f.tags());
            RuleEntity other = new RuleEntity(p.id(), now);
            other.apply(p.yaml(), f, e.attack(), now);
            rules.save(other);
            saveEnrichment(p.id(), e, now);
            created.add(p.id());
        }
        rules.flush();
        long version = libraryVersion.bump();
        String comment = "split from the multi-document rule " + id;
        events.publishEvent(new RuleLibraryChanged(RuleLibraryChanged.Change.REPLACED, List.of(id), version, comment));
        events.publishEvent(new RuleLibraryChanged(RuleLibraryChanged.Change.CREATED, List.copyOf(created), version,
                comment));
        return created;
    }

    /** Ids of stored rules whose text has a document separator: candidates for {@link #splitStoredMultiDocument}. */
    public List<String> idsWithSeveralDocuments() {
        return rules.findIdsWithYamlLike("%\n---%");
    }

    /** Deletes a rule and its enrichment, whatever version is stored. */
    @Transactional
    public void delete(String id) {
        delete(id, null);
    }

    /**
     * Deletes a rule and its enrichment.
     *
     * @param expectedVersion the version the client read (ETag), or null to delete whatever version is stored
     * @throws RuleVersionConflictException when the rule is at another version than {@code expectedVersion}
     */
    @Transactional
    public void delete(String id, Long expectedVersion) {
        delete(id, expectedVersion, null);
    }

    /**
     * Deletes a rule saying why ({@code comment}, may be null). The rule moves to the trash: its last content stays
     * in its history ({@code library.revisions}) and can be restored.
     */
    @Transactional
    public void delete(String id, Long expectedVersion, String comment) {
        RuleEntity entity = rules.findById(id).orElseThrow(() -> new RuleNotFoundException(id));
        checkVersion(entity, expectedVersion);
        enrichments.findById(id).ifPresent(enrichments::delete);
        rules.delete(entity);
        rules.flush();
        long version = libraryVersion.bump();
        events.publishEvent(new RuleLibraryChanged(RuleLibraryChanged.Change.DELETED, List.of(id), version,
                comment(comment)));
    }

    /**
     * Replaces a rule's enrichment as a person's edit: every part counts as confirmed by a person, except the parts
     * listed in {@code generated} that the edit left unchanged. The ATT&amp;CK mapping feeds the tactic and technique
     * filters. The rule's version changes with it (the enrichment is versioned and has its ETag with its rule).
     *
     * @param expectedVersion the rule version the client read (ETag), or null to replace whatever is stored
     * @return the rule with its new enrichment and version
     * @throws RuleVersionConflictException when the rule is at another version than {@code expectedVersion}
     */
    @Transactional
    public StoredRule updateEnrichment(String id, Enrichment enrichment, Long expectedVersion) {
        return updateEnrichment(id, enrichment, expectedVersion, null);
    }

    /** {@link #updateEnrichment(String, Enrichment, Long)} saying why ({@code comment}, may be null). */
    @Transactional
    public StoredRule updateEnrichment(String id, Enrichment enrichment, Long expectedVersion, String comment) {
        RuleEntity entity = rules.findById(id).orElseThrow(() -> new RuleNotFoundException(id));
        checkVersion(entity, expectedVersion);
        validate(enrichment);
        Enrichment next = enrichment.asEditOf(loadEnrichment(entity));
        Instant now = now();
        entity.applyAttack(next.attack());
        entity.touch(now);
        saveEnrichment(id, next, now);
        rules.flush();
        long version = libraryVersion.bump();
        events.publishEvent(new RuleLibraryChanged(RuleLibraryChanged.Change.ENRICHMENT_UPDATED, List.of(id), version,
                comment(comment)));
        return toStoredRule(entity, parseStored(entity), next);
    }

    // ---------------------------------------------------------------- reads

    public Optional<StoredRule> find(String id) {
        return rules.findById(id).map(e -> toStoredRule(e, parseStored(e), loadEnrichment(e)).withProvenance(
                provenances.findById(id).map(RuleProvenanceEntity::toProvenance).orElse(null)));
    }

    /**
     * The collection with the library's documents its correlations reference (by id or name) and it does not hold
     * itself appended, as far as the library has them (a correlation stored apart from its rules, e.g. from a
     * multi-document file whose rules have their own ids).
     */
    public SigmaCollection withReferencedRules(SigmaCollection collection) {
        List<io.detectionhub.sigma.model.SigmaDocument> documents = new java.util.ArrayList<>(collection.documents());
        java.util.Set<String> asked = new java.util.HashSet<>();
        for (int round = 0; round < 5; round++) {
            java.util.Set<String> missing = new java.util.LinkedHashSet<>();
            SigmaCollection current = new SigmaCollection(documents);
            for (var c : current.correlations()) {
                c.rules().stream().filter(ref -> current.byReference(ref).isEmpty() && asked.add(ref))
                        .forEach(missing::add);
            }
            if (missing.isEmpty()) {
                break;
            }
            for (RuleEntity e : rules.findByIdOrNameIn(missing)) {
                try {
                    for (SigmaDocument d : parser.parse(e.getYaml()).documents()) {
                        if (documents.stream().noneMatch(x -> x.id() != null && x.id().equals(d.id()))) {
                            documents.add(d);
                        }
                    }
                } catch (SigmaValidationException ignored) {
                    // A stored rule that no longer parses resolves nothing.
                }
            }
        }
        return documents.size() == collection.documents().size() ? collection : new SigmaCollection(documents);
    }

    /** Where an imported rule came from; empty for a rule written here (API, editor) or unknown. */
    public Optional<RuleProvenance> provenance(String id) {
        return provenances.findById(id).map(RuleProvenanceEntity::toProvenance);
    }

    public Optional<Enrichment> findEnrichment(String id) {
        return rules.findById(id).map(this::loadEnrichment);
    }

    /** The enrichment source URLs of the given rules, by rule id (rules without one are absent): one query. */
    public Map<String, String> sourceUrls(Collection<String> ids) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (RuleEnrichmentEntity e : enrichments.findAllById(ids)) {
            String url = enrichmentJson.read(e.getContent()).sourceUrl();
            if (url != null) {
                urls.put(e.getRuleId(), url);
            }
        }
        return urls;
    }

    /** The stored YAML only (cheap: no parsing). */
    public Optional<String> findYaml(String id) {
        return rules.findById(id).map(RuleEntity::getYaml);
    }

    public boolean exists(String id) {
        return rules.existsById(id);
    }

    public long count() {
        return rules.count();
    }

    /**
     * A page of rules matching {@code query}, in the order of {@link RuleSort} (sort properties it does not know are
     * rejected); ties are broken by title and id so that paging is stable. With words in {@code q}, the full-text
     * index finds the rules and relevance is the order unless another is asked for.
     */
    public Page<RuleSummary> search(RuleQuery query, Pageable pageable) {
        return search(query, pageable, false).page();
    }

    /**
     * {@link #search(RuleQuery, Pageable)} with, for words in {@code q}, the highlighted title and best passage of
     * each rule on the page and the query with misspellings corrected.
     */
    public RuleHits searchWithHighlights(RuleQuery query, Pageable pageable) {
        return search(query, pageable, true);
    }

    private RuleHits search(RuleQuery query, Pageable pageable, boolean highlight) {
        for (Sort.Order order : pageable.getSort()) {
            if (!RuleSort.isSortable(order.getProperty())) {
                throw new IllegalArgumentException("cannot sort by '" + order.getProperty() + "'");
            }
        }
        if (!query.hasText()) {
            // Filters and order from the per-version caches: the database is asked for the page's rules only.
            textIndex.current();
            List<String> ordered = facetIndex.ordered(query, pageable.getSort());
            int from = (int) Math.min(ordered.size(), pageable.getOffset());
            return new RuleHits(page(ordered.subList(from, Math.min(ordered.size(), from + pageable.getPageSize())),
                    pageable, ordered.size()), Map.of(), null);
        }
        RuleQuery filters = query.withoutText();
        Set<String> allowed = filters.equals(RuleQuery.ALL) ? null : facetIndex.ids(filters);
        Sort sort = pageable.getSort();
        boolean byRelevance = sort.isUnsorted() || sort.getOrderFor(RuleSort.RELEVANCE) != null;
        return textIndex.search(query.q(), allowed, byRelevance ? null : RuleSort.comparator(RuleSort.stable(sort)),
                (found, highlighting) -> {
                    List<RuleTextIndex.Match> all = found.matches();
                    int from = (int) Math.min(all.size(), pageable.getOffset());
                    List<RuleTextIndex.Match> shown = all.subList(from, Math.min(all.size(), from + pageable.getPageSize()));
                    Page<RuleSummary> page = page(shown.stream().map(RuleTextIndex.Match::id).toList(), pageable,
                            all.size());
                    return new RuleHits(page, highlight ? highlighting.highlight(shown) : Map.of(), found.didYouMean());
                });
    }

    /** The rules of a page, in the order of {@code ids}, loaded in one query. */
    private Page<RuleSummary> page(List<String> ids, Pageable pageable, long total) {
        Map<String, RuleEntity> entities = new HashMap<>();
        rules.findAllById(ids).forEach(e -> entities.put(e.getId(), e));
        List<RuleSummary> content = ids.stream().map(entities::get).filter(Objects::nonNull)
                .map(RuleService::toSummary).toList();
        return new PageImpl<>(content, PageRequest.of(pageable.getPageNumber(), pageable.getPageSize()), total);
    }

    /**
     * Counts per value of each facet over the rules matching {@code query}. With {@code relaxSelected}, a facet the
     * query filters by is counted without that filter (what switching to another value would give).
     */
    public FacetCounts facets(RuleQuery query, Collection<RuleFacet> facets, boolean relaxSelected) {
        return facetIndex.count(query, facets, relaxSelected);
    }

    /** The library's write counter: it changes on every committed write (shared by all app instances). */
    public long libraryVersion() {
        return libraryVersion.current();
    }

    /** Every rule with its YAML and derived columns, and the library version they belong to (one transaction). */
    public LibrarySnapshot snapshot() {
        // Version first: a write committing in between leaves newer rules under the older version, which only
        // makes a cache recompute sooner; the other order could cache old rules under the new version.
        long version = libraryVersion.current();
        Map<String, List<String>> tags = group(rules.findAllTags());
        Map<String, List<String>> tactics = group(rules.findAllTactics());
        Map<String, List<String>> techniques = group(rules.findAllTechniques());
        List<LibraryRule> all = rules.findAllRows().stream()
                .map(r -> new LibraryRule(r.id(), RuleKind.valueOf(r.kind().toUpperCase(java.util.Locale.ROOT)),
                        r.name(), r.title(), r.level(), r.status(), r.product(), r.category(), r.service(), r.yaml(),
                        tags.getOrDefault(r.id(), List.of()), tactics.getOrDefault(r.id(), List.of()),
                        techniques.getOrDefault(r.id(), List.of()), r.updatedAt()))
                .toList();
        return new LibrarySnapshot(version, all);
    }

    /** Same as {@code snapshot().rules()}. */
    public List<LibraryRule> listAll() {
        return snapshot().rules();
    }

    // ---------------------------------------------------------------- internals

    private record Prepared(String id, String yaml, SigmaCollection collection, SigmaDocument document) {
    }

    /** The entries of a text ({@link RuleTextUnits}) each with its id, and which of them answers for the text. */
    private record PreparedText(List<Prepared> units, int primary) {
    }

    private PreparedText prepareAll(String text, java.util.function.IntFunction<String> newId) {
        requireText(text);
        SigmaCollection collection = parser.parse(text);
        List<RuleTextUnits.Unit> units = RuleTextUnits.of(text, collection);
        List<Prepared> prepared = new java.util.ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            String unit = units.get(i).text();
            SigmaCollection own = units.size() == 1 ? collection : parser.parse(unit);
            String ownId = primary(own).id();
            SigmaIdentity.IdentifiedYaml identified = ownId != null && !ownId.isBlank()
                    ? new SigmaIdentity.IdentifiedYaml(ownId, unit, false) : SigmaIdentity.ensureId(unit, newId.apply(i));
            if (identified.generated()) {
                own = parser.parse(identified.yaml());
            }
            checkId(identified.id(), identified.yaml());
            prepared.add(new Prepared(identified.id(), identified.yaml(), own, primary(own)));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Prepared p : prepared) {
            if (!seen.add(p.id())) {
                throw problem("The id '" + p.id() + "' is the id of two documents of this text; each document needs"
                        + " its own id.", lineOf(ID_LINE, text), "id");
            }
        }
        return new PreparedText(prepared, RuleTextUnits.primary(units));
    }

    private Prepared prepareReplacement(String id, String text) {
        requireText(text);
        SigmaCollection collection = parser.parse(text);
        SigmaIdentity.IdentifiedYaml identified = SigmaIdentity.ensureId(text);
        String yaml = text;
        if (identified.generated()) {
            yaml = identified.yaml().replace(identified.id(), id);
            collection = parser.parse(yaml);
        } else if (!identified.id().equals(id)) {
            throw problem("The YAML's id '" + identified.id() + "' is not the id of the rule being replaced ('" + id
                    + "'); to store it under its own id, POST it to /api/rules.", lineOf(ID_LINE, text), "id");
        }
        if (RuleTextUnits.of(text, collection).size() > 1) {
            throw problem("The text holds several rules that are stored each on its own (rules with their own id, "
                    + "filters, or correlations); replace one rule at a time, or POST the text to /api/rules.", 0, "");
        }
        SigmaDocument primary = primary(collection);
        if (!id.equals(primary.id())) {
            throw problem("Could not write the id '" + id + "' into the YAML; add 'id: " + id + "' yourself.", 0, "id");
        }
        return new Prepared(id, yaml, collection, primary);
    }

    /** The document that identifies a text, as {@link SigmaIdentity} chooses it. */
    static SigmaDocument primary(SigmaCollection collection) {
        return collection.correlations().isEmpty() ? collection.documents().get(0)
                : collection.correlations().get(0);
    }

    /**
     * The mapping of the tags, then every {@link EnrichmentDeriver} bean in order. A deriver that fails or returns
     * an invalid enrichment is skipped (logged): derivation never blocks storing a valid rule.
     */
    private Enrichment derive(SigmaDocument document, List<String> tags) {
        Enrichment current = Enrichment.fromTags(tags);
        for (EnrichmentDeriver deriver : derivers.orderedStream().toList()) {
            try {
                Enrichment derived = deriver.derive(document, current);
                if (derived == null) {
                    continue;
                }
                var violations = validator.validate(derived);
                if (violations.isEmpty()) {
                    current = derived;
                } else {
                    log.warn("{} derived an invalid enrichment for rule {} ({}); ignoring it",
                            deriver.getClass().getSimpleName(), document.id(), violations.iterator().next());
                }
            } catch (RuntimeException e) {
                log.warn("{} failed for rule {}; ignoring it", deriver.getClass().getSimpleName(), document.id(), e);
            }
        }
        return current;
    }

    private void saveEnrichment(String ruleId, Enrichment enrichment, Instant now) {
        RuleEnrichmentEntity entity = enrichments.findById(ruleId).orElseGet(() -> new RuleEnrichmentEntity(ruleId));
        entity.apply(enrichmentJson.write(enrichment), enrichment.atomicTests().size(), now);
        enrichments.save(entity);
    }

    /**
     * The rule with the content one of its revisions holds (its YAML and enrichment JSON) in place of the current one;
     * {@code version} is the revision's number, so what is built from it (a deployed analytics rule's version) grows
     * with the revisions approved rather than with every write.
     */
    public StoredRule withContent(StoredRule current, String yaml, String enrichmentJsonText, long version) {
        return new StoredRule(current.id(), current.kind(), yaml, primary(parser.parse(yaml)),
                enrichmentJsonText == null ? current.enrichment() : enrichmentJson.read(enrichmentJsonText),
                current.createdAt(), current.updatedAt(), version, current.updatedBy());
    }

    private Enrichment loadEnrichment(RuleEntity entity) {
        return enrichments.findById(entity.getId()).map(e -> enrichmentJson.read(e.getContent()))
                .orElseGet(() -> Enrichment.fromTags(entity.getTags()));
    }

    private SigmaDocument parseStored(RuleEntity entity) {
        return primary(parser.parse(entity.getYaml()));
    }

    private void validate(Enrichment enrichment) {
        var violations = validator.validate(enrichment);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    private void checkVersion(RuleEntity entity, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != entity.getVersion()) {
            throw new RuleVersionConflictException(entity.getId(), expectedVersion, entity.getVersion(),
                    entity.getUpdatedBy());
        }
    }

    private void checkId(String id, String yaml) {
        if (!ID_PATTERN.matcher(id).matches()) {
            throw problem("The id '" + id + "' cannot be used: ids are up to 100 letters, digits, '-' and '_'"
                    + " (Sigma recommends a UUID).", lineOf(ID_LINE, yaml), "id");
        }
    }

    private static void requireText(String text) {
        if (text == null || text.isBlank()) {
            throw problem("The body is empty; send a Sigma rule as YAML.", 0, "");
        }
    }

    private static int lineOf(Pattern pattern, String text) {
        var m = pattern.matcher(text);
        return m.find() ? (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1 : 0;
    }

    private static SigmaValidationException problem(String message, int line, String path) {
        return new SigmaValidationException(new SigmaProblem(message, line, line > 0 ? 1 : 0, path));
    }

    /** A change's comment as recorded: trimmed, null when blank, at most {@value #MAX_COMMENT} characters. */
    public static String comment(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        String trimmed = comment.strip();
        return trimmed.length() <= MAX_COMMENT ? trimmed : trimmed.substring(0, MAX_COMMENT);
    }

    private Instant now() {
        // Microseconds: what both H2 and PostgreSQL store, so a value reads back equal to what was written.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static StoredRule toStoredRule(RuleEntity e, SigmaDocument document, Enrichment enrichment) {
        return new StoredRule(e.getId(), RuleKind.valueOf(e.getKind().toUpperCase(java.util.Locale.ROOT)), e.getYaml(),
                document, enrichment, e.getCreatedAt(), e.getUpdatedAt(), e.getVersion(), e.getUpdatedBy());
    }

    private static RuleSummary toSummary(RuleEntity e) {
        List<String> techniques = e.getTechniques().stream().sorted().toList();
        return new RuleSummary(e.getId(), RuleKind.valueOf(e.getKind().toUpperCase(java.util.Locale.ROOT)),
                e.getTitle(), e.getLevel(), e.getStatus(), e.getProduct(), e.getCategory(), e.getService(),
                e.getAuthor(), e.getDate(), e.getModified(), List.copyOf(e.getTags()),
                e.getTactics().stream().sorted().toList(), techniques, e.getCreatedAt(), e.getUpdatedAt());
    }

    private static Map<String, List<String>> group(List<RuleRepository.Pair> pairs) {
        return pairs.stream().collect(Collectors.groupingBy(RuleRepository.Pair::ruleId, LinkedHashMap::new,
                Collectors.mapping(RuleRepository.Pair::value, Collectors.toList())));
    }
}
