package io.detectionhub.library;

import io.detectionhub.attack.AttackService;
import io.detectionhub.attack.catalog.AttackCatalog;
import io.detectionhub.attack.catalog.Tactic;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The full-text index of the library (Lucene, in memory, one per application instance). It is kept current from the
 * library's version counter ({@code library_state}), which every instance reads: before a search, an index behind the
 * counter catches up, re-indexing only the rules whose version or change time differs from what it indexed and
 * dropping the deleted ones; a write on this instance starts the same catch-up in the background as soon as it
 * commits ({@link RuleLibraryChanged}), and the first one runs when the application is ready. So several instances on
 * one database answer the same search the same way without a search server.
 */
@Component
class RuleTextIndex implements DisposableBean {

    static final String ID = "id";
    static final String TITLE = "title";
    static final String ATTACK = "attack";
    static final String DESCRIPTION = "description";
    static final String DETECTION = "detection";
    static final String META = "meta";
    static final String TECHNIQUE = "technique";
    static final String SPELL = "spell";
    static final String RANK = "rank";

    private static final Logger log = LoggerFactory.getLogger(RuleTextIndex.class);
    /** Stored text with offsets in the postings, so highlighting reads them instead of analysing the text again. */
    private static final FieldType HIGHLIGHTED = new FieldType(TextField.TYPE_STORED);

    static {
        HIGHLIGHTED.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        HIGHLIGHTED.freeze();
    }
    private static final int BATCH = 500;
    /** Characters of a field the highlighter reads (the start of a long detection holds its telling values). */
    private static final int MAX_HIGHLIGHTED = 10_000;

    /** What identifies the indexed state of a rule: a re-created rule has version 0 again, but another time. */
    private record Stamp(long version, Instant updatedAt) {
    }

    /** The sort keys of a rule (the orders of {@link RuleSort}). */
    record SortRow(String id, String title, int levelRank, LocalDate date, LocalDate modified, Instant createdAt,
                   Instant updatedAt, String status) {
    }

    /** One matching rule: its id, score and Lucene document (valid for the searcher that found it). */
    record Match(String id, float score, int doc) {
    }

    private final JdbcClient jdbc;
    private final LibraryVersion libraryVersion;
    private final AttackService attack;
    private final Analyzer analyzer = new PerFieldAnalyzerWrapper(RuleTextAnalysis.TEXT,
            Map.of(SPELL, RuleTextAnalysis.WORDS));
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, Stamp> stamps = new HashMap<>();
    private final Map<String, SortRow> sortRows = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rule-text-index");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();
    private volatile long indexedVersion = -1;

    RuleTextIndex(JdbcClient jdbc, LibraryVersion libraryVersion, AttackService attack) throws IOException {
        this.jdbc = jdbc;
        this.libraryVersion = libraryVersion;
        this.attack = attack;
        this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
        this.searchers = new SearcherManager(writer, null);
    }

    @EventListener(ApplicationReadyEvent.class)
    void buildWhenReady() {
        catchUpInBackground();
    }

    @TransactionalEventListener
    void onLibraryChanged(RuleLibraryChanged changed) {
        catchUpInBackground();
    }

    private void catchUpInBackground() {
        if (catchUpQueued.compareAndSet(false, true)) {
            background.execute(() -> {
                catchUpQueued.set(false);
                try {
                    current();
                } catch (RuntimeException e) {
                    log.warn("Catching up the search index failed; the next search tries again", e);
                }
            });
        }
    }

    /** Brings the index to the library's current version if it is behind; returns that version. */
    long current() {
        long version = libraryVersion.current();
        if (version != indexedVersion) {
            catchUp();
        }
        return version;
    }

    /** The version the index holds. */
    long indexedVersion() {
        return indexedVersion;
    }

    private synchronized void catchUp() {
        // Version first: a write committing in between only makes the next search catch up again.
        long version = libraryVersion.current();
        if (version == indexedVersion) {
            return;
        }
        long start = System.nanoTime();
        Map<String, Stamp> now = new HashMap<>();
        jdbc.sql("SELECT id, version, updated_at FROM sigma_rule").query(rs -> {
            now.put(rs.getString(1), new Stamp(rs.getLong(2), instant(rs.getObject(3, OffsetDateTime.class))));
        });
        List<String> changed = now.entrySet().stream().filter(e -> !e.getValue().equals(stamps.get(e.getKey())))
                .map(Map.Entry::getKey).toList();
        List<String> removed = stamps.keySet().stream().filter(id -> !now.containsKey(id)).toList();
        try {
            AttackCatalog catalog = catalog();
            for (int i = 0; i < changed.size(); i += BATCH) {
                index(changed.subList(i, Math.min(changed.size(), i + BATCH)), catalog);
            }
            for (String id : removed) {
                writer.deleteDocuments(new Term(ID, id));
                sortRows.remove(id);
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stamps.keySet().removeAll(removed);
        changed.forEach(id -> stamps.put(id, now.get(id)));
        indexedVersion = version;
        if (changed.size() + removed.size() > 50) {
            log.info("Search index at library version {}: {} rules indexed, {} removed in {} ms", version,
                    changed.size(), removed.size(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private AttackCatalog catalog() {
        try {
            return attack.catalog();
        } catch (RuntimeException e) {
            log.warn("No ATT&CK catalogue for the search index: technique names are not searchable", e);
            return null;
        }
    }

    private void index(List<String> ids, AttackCatalog catalog) throws IOException {
        Map<String, List<String>> tags = group("SELECT rule_id, tag FROM rule_tag WHERE rule_id IN (:ids) "
                + "ORDER BY rule_id, position", ids);
        Map<String, List<String>> tactics = group("SELECT rule_id, tactic FROM rule_tactic WHERE rule_id IN (:ids)",
                ids);
        Map<String, List<String>> techniques = group("SELECT rule_id, technique_id FROM rule_technique "
                + "WHERE rule_id IN (:ids)", ids);
        jdbc.sql("SELECT id, title, name, description, author, status, level, level_rank, product, category, "
                        + "service, rule_date, modified, created_at, updated_at, search_text FROM sigma_rule "
                        + "WHERE id IN (:ids)")
                .param("ids", ids).query(rs -> {
                    String id = rs.getString("id");
                    String title = rs.getString("title");
                    String status = rs.getString("status");
                    int levelRank = rs.getInt("level_rank");
                    Document doc = new Document();
                    doc.add(new StringField(ID, id, Field.Store.YES));
                    doc.add(new SortedDocValuesField(ID, new BytesRef(id)));
                    doc.add(new Field(TITLE, title, HIGHLIGHTED));
                    String description = rs.getString("description");
                    if (description != null) {
                        doc.add(new Field(DESCRIPTION, description, HIGHLIGHTED));
                    }
                    String detection = rs.getString("search_text");
                    doc.add(new Field(DETECTION, detection, HIGHLIGHTED));
                    List<String> ruleTechniques = techniques.getOrDefault(id, List.of());
                    String attackText = attackText(tags.getOrDefault(id, List.of()),
                            tactics.getOrDefault(id, List.of()), ruleTechniques, catalog);
                    doc.add(new TextField(ATTACK, attackText, Field.Store.NO));
                    for (String technique : ruleTechniques) {
                        doc.add(new StringField(TECHNIQUE, technique.toUpperCase(Locale.ROOT), Field.Store.NO));
                    }
                    doc.add(new TextField(META, join(rs.getString("author"), rs.getString("product"),
                            rs.getString("category"), rs.getString("service"), rs.getString("name"), id),
                            Field.Store.NO));
                    doc.add(new TextField(SPELL, join(title, description, attackText, detection), Field.Store.NO));
                    doc.add(new DoubleDocValuesField(RANK, rank(status, levelRank)));
                    try {
                        writer.updateDocument(new Term(ID, id), doc);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    sortRows.put(id, new SortRow(id, title, levelRank, date(rs.getObject("rule_date", LocalDate.class)),
                            date(rs.getObject("modified", LocalDate.class)),
                            instant(rs.getObject("created_at", OffsetDateTime.class)),
                            instant(rs.getObject("updated_at", OffsetDateTime.class)), status));
                });
    }

    private static LocalDate date(LocalDate date) {
        return date;
    }

    private Map<String, List<String>> group(String sql, List<String> ids) {
        Map<String, List<String>> grouped = new HashMap<>();
        jdbc.sql(sql).param("ids", ids).query(rs -> {
            grouped.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        return grouped;
    }

    /**
     * Tags as words ({@code attack.t1059.004} gives {@code attack t1059 004}), technique ids and names (a
     * sub-technique with its parent's name), tactic names.
     */
    private static String attackText(List<String> tags, List<String> tactics, List<String> techniques,
                                     AttackCatalog catalog) {
        Set<String> parts = new LinkedHashSet<>(tags);
        parts.addAll(techniques);
        for (String tactic : tactics) {
            parts.add(tactic.replace('-', ' '));
            if (catalog != null) {
                catalog.tactic(tactic).map(Tactic::name).ifPresent(parts::add);
            }
        }
        if (catalog != null) {
            for (String technique : techniques) {
                String name = catalog.fullName(technique);
                if (name != null) {
                    parts.add(name);
                }
            }
        }
        return String.join("\n", parts);
    }

    /** Weight of a rule's score: deprecated and unsupported rules sink, higher levels rise a little. */
    static double rank(String status, int levelRank) {
        double byStatus = "deprecated".equals(status) ? 0.5 : "unsupported".equals(status) ? 0.6 : 1.0;
        return byStatus * (1.0 + 0.03 * levelRank);
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                sb.append(p).append('\n');
            }
        }
        return sb.toString();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    // ---------------------------------------------------------------- search

    /** What a text search found, before paging: the matches in order, and the corrected query if any. */
    record Found(List<Match> matches, String didYouMean) {
    }

    /** What to do with the matches while the searcher that found them is held. */
    interface WithMatches<T> {
        T apply(Found found, Highlighting highlighting) throws IOException;
    }

    /** Highlights of some matches of the search, by rule id. */
    interface Highlighting {
        Map<String, RuleHits.Highlight> highlight(List<Match> matches) throws IOException;
    }

    /**
     * Searches {@code q} among the rules in {@code allowed} (null: every rule), in relevance order (score, then
     * level, title, id) or, when {@code order} is given, in that order; {@code then} gets the matches while the
     * index state they refer to is held.
     */
    <T> T search(String q, Set<String> allowed, Comparator<SortRow> order, WithMatches<T> then) {
        current();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                RuleTextQuery parsed = RuleTextQuery.parse(q, searcher.getIndexReader());
                List<Match> matches = matches(searcher, parsed.query(), allowed);
                Comparator<Match> comparator = order != null
                        ? Comparator.comparing((Match m) -> sortRows.get(m.id()), nullsLast(order))
                        : Comparator.comparing(Match::score).reversed()
                        .thenComparing(m -> sortRows.get(m.id()), nullsLast(RELEVANCE_TIES));
                matches.sort(comparator);
                Highlighting highlighting = page -> highlight(searcher, parsed.query(), page);
                return then.apply(new Found(matches, parsed.didYouMean()), highlighting);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of every rule {@code q} finds. */
    Set<String> matchingIds(String q) {
        return search(q, null, null, (found, highlighting) -> {
            Set<String> ids = new HashSet<>();
            found.matches().forEach(m -> ids.add(m.id()));
            return ids;
        });
    }

    private static final Comparator<SortRow> RELEVANCE_TIES = Comparator.comparingInt(SortRow::levelRank).reversed()
            .thenComparing(SortRow::title).thenComparing(SortRow::id);

    private static Comparator<SortRow> nullsLast(Comparator<SortRow> order) {
        return Comparator.nullsLast(order);
    }

    private static List<Match> matches(IndexSearcher searcher, Query query, Set<String> allowed) throws IOException {
        int max = Math.max(1, searcher.getIndexReader().maxDoc());
        TopDocs top = searcher.search(query, max);
        List<Match> matches = new ArrayList<>(top.scoreDocs.length);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (ScoreDoc sd : top.scoreDocs) {
            LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(sd.doc, leaves));
            SortedDocValues ids = leaf.reader().getSortedDocValues(ID);
            if (ids != null && ids.advanceExact(sd.doc - leaf.docBase)) {
                String id = ids.lookupOrd(ids.ordValue()).utf8ToString();
                if (allowed == null || allowed.contains(id)) {
                    matches.add(new Match(id, sd.score, sd.doc));
                }
            }
        }
        return matches;
    }

    private Map<String, RuleHits.Highlight> highlight(IndexSearcher searcher, Query query, List<Match> page)
            throws IOException {
        if (page.isEmpty()) {
            return Map.of();
        }
        FragmentHighlighter highlighter = new FragmentHighlighter(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new FragmentFormatter()).withMaxLength(MAX_HIGHLIGHTED)
                // Weight matching built the whole scored query again per rule (JFR: ~80% of a search page's time).
                .withWeightMatches(false));
        int[] docs = page.stream().mapToInt(Match::doc).toArray();
        Map<String, Object[]> found = highlighter.fragments(new String[] {TITLE, DESCRIPTION}, query, docs,
                new int[] {1, 1});
        // The detection text is long: only for the rules whose description did not match.
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            if (fragments(found.get(DESCRIPTION)[i]) == null) {
                rest.add(i);
            }
        }
        Object[] detection = new Object[page.size()];
        if (!rest.isEmpty()) {
            Object[] more = highlighter.fragments(new String[] {DETECTION}, query,
                    rest.stream().mapToInt(i -> docs[i]).toArray(), new int[] {1}).get(DETECTION);
            for (int j = 0; j < rest.size(); j++) {
                detection[rest.get(j)] = more[j];
            }
        }
        Map<String, RuleHits.Highlight> highlights = new HashMap<>();
        for (int i = 0; i < page.size(); i++) {
            List<RuleHits.Fragment> title = fragments(found.get(TITLE)[i]);
            List<RuleHits.Fragment> description = fragments(found.get(DESCRIPTION)[i]);
            List<RuleHits.Fragment> inDetection = fragments(detection[i]);
            String field = description != null ? DESCRIPTION : inDetection != null ? DETECTION : null;
            highlights.put(page.get(i).id(), new RuleHits.Highlight(title, field,
                    description != null ? description : inDetection));
        }
        return highlights;
    }

    /** Lucene's highlighter, answering the formatter's objects ({@link FragmentFormatter}). */
    private static final class FragmentHighlighter extends UnifiedHighlighter {

        FragmentHighlighter(Builder builder) {
            super(builder);
        }

        Map<String, Object[]> fragments(String[] fields, Query query, int[] docs, int[] passages) throws IOException {
            return highlightFieldsAsObjects(fields, query, docs, passages);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<RuleHits.Fragment> fragments(Object formatted) {
        if (!(formatted instanceof List<?> list) || list.stream().noneMatch(f -> ((RuleHits.Fragment) f).hit())) {
            return null;
        }
        return (List<RuleHits.Fragment>) list;
    }

    /** Indexed rules (for tests and diagnostics). */
    int size() {
        return sortRows.size();
    }

    /** The sort keys of an indexed rule, or null. */
    SortRow sortRow(String id) {
        return sortRows.get(id);
    }

    @Override
    public void destroy() throws IOException {
        background.shutdownNow();
        searchers.close();
        writer.close();
        directory.close();
    }
}
