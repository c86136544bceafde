package io.detectionhub.ruletests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.detectionhub.sigma.parser.SafeYaml;

/**
 * What a rule ships with for its tests, turned into test cases: SigmaHQ's convention (the rule's
 * {@code regression_tests_path} names an {@code info.yml} whose {@code regression_tests_info} entries point at
 * samples beside it; each JSON sample becomes a must-match case with "at least {@code match_count}" matches, as
 * SigmaHQ's runner counts them), and its {@code simulation:} blocks ({@code type: atomic-red-team}) as Atomic test
 * links. An entry whose sample exists only as {@code .evtx} (no JSON export beside it) is reported as not importable;
 * nothing is faked. Pure: the files come from the caller's {@link FileResolver} (a repository checkout, an archive).
 */
public final class SigmaHqTestImport {

    /** Reads a file of the rule's repository by its path from the repository root (forward slashes). */
    @FunctionalInterface
    public interface FileResolver {
        /** The file's text, or empty when there is no such file. */
        Optional<String> read(String path) throws IOException;
    }

    /** An Atomic Red Team test the rule says simulates it; to be checked against the Atomic catalogue. */
    public record AtomicLink(String name, String technique, String atomicGuid) {
    }

    /**
     * The cases made (origin {@code sigmahq}, source: the sample's path), the Atomic links, the entries that could
     * not be imported with the reason, and problems with the info file itself.
     */
    public record Result(List<RuleTestDraft> cases, List<AtomicLink> atomicLinks, List<String> notImportable,
                         List<String> problems) {
        public Result {
            cases = List.copyOf(cases);
            atomicLinks = List.copyOf(atomicLinks);
            notImportable = List.copyOf(notImportable);
            problems = List.copyOf(problems);
        }
    }

    private SigmaHqTestImport() {
    }

    public static Result fromRule(String ruleYaml, FileResolver files) {
        List<RuleTestDraft> cases = new ArrayList<>();
        List<AtomicLink> links = new ArrayList<>();
        List<String> notImportable = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Object> rule;
        try {
            rule = SafeYaml.firstMap(ruleYaml);
        } catch (IllegalArgumentException e) {
            return new Result(cases, links, notImportable, List.of("The rule is not usable YAML: " + e.getMessage()));
        }
        if (rule == null) {
            return new Result(cases, links, notImportable, problems);
        }
        simulations(rule.get("simulation"), links, problems);
        if (!(rule.get("regression_tests_path") instanceof String infoPath) || infoPath.isBlank()) {
            return new Result(cases, links, notImportable, problems);
        }
        String info = clean(infoPath);
        if (info == null) {
            problems.add("regression_tests_path '" + infoPath + "' is not a path inside the repository");
            return new Result(cases, links, notImportable, problems);
        }
        Map<String, Object> infoYaml;
        try {
            Optional<String> text = files.read(info);
            if (text.isEmpty()) {
                problems.add("regression_tests_path names " + info + ", which is not in the repository");
                return new Result(cases, links, notImportable, problems);
            }
            infoYaml = SafeYaml.firstMap(text.get());
        } catch (IOException | IllegalArgumentException e) {
            problems.add(info + " could not be read: " + e.getMessage());
            return new Result(cases, links, notImportable, problems);
        }
        if (infoYaml == null || !(infoYaml.get("regression_tests_info") instanceof List<?> entries)) {
            problems.add(info + " has no regression_tests_info list");
            return new Result(cases, links, notImportable, problems);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object e : entries) {
            if (!(e instanceof Map<?, ?> entry)) {
                problems.add(info + ": an entry of regression_tests_info is not a map");
                continue;
            }
            entry(entry, info, files, names, cases, notImportable, problems);
        }
        return new Result(cases, links, notImportable, problems);
    }

    private static void entry(Map<?, ?> entry, String info, FileResolver files, Set<String> names,
                              List<RuleTestDraft> cases, List<String> notImportable, List<String> problems) {
        String path = entry.get("path") == null ? null : clean(String.valueOf(entry.get("path")));
        String type = entry.get("type") == null ? "" : String.valueOf(entry.get("type")).toLowerCase(Locale.ROOT);
        if (path == null) {
            problems.add(info + ": an entry has no usable path");
            return;
        }
        Integer count = entry.get("match_count") instanceof Integer n && n > 0 ? n : null;
        String samplePath;
        String format;
        if (type.equals("evtx") || path.toLowerCase(Locale.ROOT).endsWith(".evtx")) {
            samplePath = path.replaceFirst("(?i)\\.evtx$", ".json");
            format = "json";
        } else if (type.equals("json")) {
            samplePath = path;
            format = "json";
        } else if (type.equals("ndjson") || type.equals("jsonl")) {
            samplePath = path;
            format = "ndjson";
        } else {
            notImportable.add(path + ": sample type '" + type + "' is not read");
            return;
        }
        Optional<String> text;
        try {
            text = files.read(samplePath);
        } catch (IOException e) {
            problems.add(samplePath + " could not be read: " + e.getMessage());
            return;
        }
        if (text.isEmpty()) {
            notImportable.add(path + (samplePath.equals(path) ? ": the sample is not in the repository"
                    : ": only the .evtx is there (no JSON export beside it); evtx files are not read"));
            return;
        }
        if (text.get().length() > RuleTestDraft.MAX_EVENTS_CHARS) {
            notImportable.add(samplePath + ": larger than " + RuleTestDraft.MAX_EVENTS_CHARS + " characters");
            return;
        }
        String base = entry.get("name") == null ? "Regression test" : String.valueOf(entry.get("name")).strip();
        String file = samplePath.substring(samplePath.lastIndexOf('/') + 1);
        String name = cut(base + " (" + file + ")", 200);
        for (int i = 2; !names.add(name); i++) {
            name = cut(base + " (" + file + ") " + i, 200);
        }
        cases.add(new RuleTestDraft(name, text.get(), format, null,
                new Expectation(Expectation.Kind.MATCH, count, null, null), "sigmahq", samplePath));
    }

    private static void simulations(Object simulation, List<AtomicLink> links, List<String> problems) {
        for (AtomicSimulations.Declared d : AtomicSimulations.declared(simulation, problems)) {
            links.add(new AtomicLink(d.name(), d.technique(), d.atomicGuid()));
        }
    }

    /** A repository path: forward slashes, relative, without {@code ..}; null when it is none of these. */
    static String clean(String path) {
        String p = path.strip().replace('\\', '/').replaceAll("/{2,}", "/");
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.isEmpty() || p.startsWith("/") || p.matches("^[A-Za-z]:.*") || p.contains("\u0000")) {
            return null;
        }
        for (String part : p.split("/")) {
            if (part.equals("..")) {
                return null;
            }
        }
        return p;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
