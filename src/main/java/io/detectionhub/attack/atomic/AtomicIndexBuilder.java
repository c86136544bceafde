package io.detectionhub.attack.atomic;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.detectionhub.attack.catalog.CatalogueProvenance;

/**
 * Collects Atomic technique files and the CSV index (from a folder or an uploaded zip) into an {@link AtomicIndexData}.
 * Paths are matched by their tail, so {@code atomics/T1003/T1003.yaml} and {@code T1003/T1003.yaml} both work.
 */
public final class AtomicIndexBuilder {

    private static final Pattern TECHNIQUE_FILE = Pattern.compile("(?:^|/)(T\\d{4}(?:\\.\\d{3})?)/\\1\\.ya?ml$");
    private static final Pattern CSV_INDEX = Pattern.compile("(?:^|/)Indexes-CSV/index\\.csv$");
    private static final int MAX_CSV_ROWS = 100_000;

    private final AtomicYamlReader yamlReader = new AtomicYamlReader();
    private final Map<String, AtomicTechnique> techniques = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private AtomicCsvIndex csvIndex;

    /** True when the path names a file this builder reads (so callers can skip reading anything else). */
    public static boolean isWanted(String path) {
        String p = path.replace('\\', '/');
        return TECHNIQUE_FILE.matcher(p).find() || CSV_INDEX.matcher(p).find();
    }

    public void add(String path, String content) {
        String p = path.replace('\\', '/');
        Matcher m = TECHNIQUE_FILE.matcher(p);
        if (m.find()) {
            try {
                AtomicTechnique t = yamlReader.read(content, m.group(1));
                techniques.put(t.techniqueId(), t);
            } catch (AtomicFormatException e) {
                problems.add(e.getMessage());
            }
        } else if (CSV_INDEX.matcher(p).find()) {
            csvIndex = AtomicCsvIndex.read(new StringReader(content), MAX_CSV_ROWS);
        }
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public int techniqueCount() {
        return techniques.size();
    }

    public AtomicIndexData build(CatalogueProvenance provenance) {
        if (techniques.isEmpty()) {
            throw new AtomicFormatException("no Atomic technique files (T####/T####.yaml) found"
                    + (problems.isEmpty() ? "" : ": " + problems.get(0)));
        }
        Map<String, List<String>> tactics = csvIndex == null ? Map.of() : csvIndex.tacticsByTechnique();
        List<AtomicTechnique> out = new ArrayList<>();
        for (AtomicTechnique t : techniques.values()) {
            out.add(new AtomicTechnique(t.techniqueId(), t.displayName(),
                    tactics.getOrDefault(t.techniqueId(), List.of()), t.tests()));
        }
        out.sort(Comparator.comparing(AtomicTechnique::techniqueId));
        return new AtomicIndexData(AtomicIndexData.FORMAT_VERSION, provenance, out);
    }
}
