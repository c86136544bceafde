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
    private final RuleTextIndex textIndex;

    RuleService(RuleRepository rules, RuleEnrichmentRepository enrichments, LibraryVersion libraryVersion,
                EnrichmentJson enrichmentJson, ObjectProvider<EnrichmentDeriver> derivers, Validator validator,
                ApplicationEventPublisher events, ObjectProvider<Clock> clock, RuleFacetIndex facetIndex,
                RuleTextIndex textIndex) {
        this.rules = rules;
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
     * Stores a Sigma text: one rule, correlation or filter, or a multi-document text (e.g. a correlation with the rules
     * it references), kept whole as one library entry identified by its primary document (the first correlation,
     * else the first document). A text without {@code id} gets a generated UUID written into it.
     * {@code enrichment} may be null or partial: its empty parts are derived.
     *
     * @throws SigmaValidationException with every problem found (nothing is stored)
     * @throws DuplicateRuleException   when the id is taken
     */
    @Transactional
    public StoredRule create(String yaml, Enrichment enrichment) {
        Prepared p = prepare(yaml);
        if (enrichment != null) {
            validate(enrichment);
        }
        if (rules.existsById(p.id())) {
            throw new DuplicateRuleException(p.id());
        }
        Instant now = now();
        RuleFacts facts = RuleFacts.of(p.collection(), p.document());
        Enrichment derived = derive(p.document(), facts.tags());
        Enrichment next = enrichment == null ? derived : enrichment.fillEmpty(derived);
        RuleEntity entity = new RuleEntity(p.id(), now);
        entity.apply(p.yaml(), facts, next.attack(), now);
        try {
            rules.saveAndFlush(entity);
        } catch (DataIntegrityViolationException e) {
            throw new DuplicateRuleException(p.id());
        }
        saveEnrichment(p.id(), next, now);
        rules.flush();
        long version = libraryVersion.bump();
        events.publishEvent(new RuleLibraryChanged(RuleLibraryChanged.Change.CREATED, List.of(p.id()), version));
        return toStoredRule(entity, p.document(), next);
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
        return replace(id, yaml, expectedVersion, (stored, derived) -> {
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
        return replace(id, yaml, expectedVersion, (stored, derived) -> {
            Enrichment rederived = stored.rederive(derived);
            Enrichment edited = edit.apply(rederived);
            if (edited.equals(rederived)) {
                return rederived;
            }
            validate(edited);
            return edited.asEditOf(rederived);
        });
    }

    private StoredRule replace(String id, String yaml, Long expectedVersion,
                               BinaryOperator<Enrichment> nextEnrichment) {
        RuleEntity entity = rules.findById(id).orElseThrow(() -> new RuleNotFoundException(id));
        checkVersion(entity, expectedVersion);
        Prepared prepared = prepareReplacement(id, yaml);
        RuleFacts facts = RuleFacts.of(prepared.collection(), prepared.document());
        Enrichment next = nextEnrichment.apply(loadEnrichment(entity), derive(prepared.document(), facts.tags()));
        Instant now = now();
        entity.apply(prepared.yaml(), facts, next.attack(), now);
        saveEnrichment(id, next, now);
        rules.flush();
        long version = libraryVersion.bump();
        events.publishEvent(new RuleLibraryChanged(RuleLibraryChanged.Change.REPLACED, List.of(id), version));
        return toStoredRule(entity, prepared.document(), next);
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
        RuleEntity entity = rules.findById(id).orElseThrow(() -> new RuleNotFoundException(id));
        checkVersion(entity, expectedVersion);
        enrichments.findById(id).ifPresent(enrichments::delete);
        rules.delete(entity);
        rules.flush();
        long version = libraryVersion.bump();
        events.publishEvent(new RuleLibraryChanged(RuleLibraryChanged.Change.DELETED, List.of(id), version));
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
        events.publishEvent(new RuleLibraryChanged(RuleLibraryChanged.Change.ENRICHMENT_UPDATED, List.of(id), version));
        return toStoredRule(entity, parseStored(entity), next);
    }

    // ---------------------------------------------------------------- reads

    public Optional<StoredRule> find(String id) {
        return rules.findById(id).map(e -> toStoredRule(e, parseStored(e), loadEnrichment(e)));
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

    private Prepared prepare(String text) {
        requireText(text);
        SigmaCollection collection = parser.parse(text);
        SigmaIdentity.IdentifiedYaml identified = SigmaIdentity.ensureId(text);
        if (identified.generated()) {
            collection = parser.parse(identified.yaml());
        }
        checkId(identified.id(), identified.yaml());
        return new Prepared(identified.id(), identified.yaml(), collection, primary(collection));
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
