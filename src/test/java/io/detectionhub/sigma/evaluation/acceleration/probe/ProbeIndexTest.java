package io.detectionhub.sigma.evaluation.acceleration.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventBuilder;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.evaluation.acceleration.probe.Probe.Anchor;

class ProbeIndexTest {

    /** Probe texts: lower-case, enough letters for dense trie rows, a non-ASCII letter and a surrogate pair. */
    private static final String PROBE_ALPHABET = "abcde\\.-\u0161\uD83D\uDE00";
    /** Event text: the same characters in both cases (U+0160 lower-cases to U+0161). */
    private static final String VALUE_ALPHABET = "abcdeABCDE\\.-\u0161\u0160\uD83D\uDE00";

    private static final String MANY = "commandline";
    private static final String FEW = "image";
    private static final String LONG = "scriptblocktext";

    private record Registered(int unit, String field, Probe probe) {
    }

    static String random(Random r, String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** Randomly upper-cases some characters (the probes must still be found: values are compared lower-cased). */
    private static String scrambleCase(Random r, String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(r.nextInt(3) == 0 ? Character.toUpperCase(c) : c);
        }
        return b.toString();
    }

    private static boolean heldInField(Event event, String field, Probe probe) {
        for (EventValue v : event.values(field)) {
            if (!v.isNull() && probe.heldBy(v.lower())) {
                return true;
            }
        }
        return false;
    }

    private static Event event(String field, String... values) {
        EventBuilder b = new EventBuilder();
        for (String v : values) {
            b.add(field, EventValue.string(v));
        }
        return b.build();
    }

    private static Set<Integer> openedList(ProbeHits hits) {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < hits.openedCount(); i++) {
            assertTrue(out.add(hits.opened(i)), "unit listed twice as opened: " + hits.opened(i));
        }
        return out;
    }

    @Test
    void randomizedScanAgreesExactlyWithHeldBy() {
        Random r = new Random(0x5EED_1234L);
        ProbeIndex index = new ProbeIndex();
        List<Registered> registered = new ArrayList<>();
        Map<String, List<String>> textsByField = new HashMap<>();
        Set<String> manyContains = new HashSet<>();
        Set<String> fewContains = new HashSet<>();

        for (String field : List.of(MANY, FEW)) {
            for (Anchor anchor : List.of(Anchor.EXACT, Anchor.PREFIX, Anchor.SUFFIX)) {
                for (int i = 0; i < 25; i++) {
                    String text = random(r, PROBE_ALPHABET, 1 + i % 7);
                    registered.add(register(index, field, new Probe(anchor, text)));
                    textsByField.computeIfAbsent(field, k -> new ArrayList<>()).add(text);
                }
            }
        }
        // Long contains probes only, on a third field: the skip-ahead search (lengths 5..12, all pairs of the alphabet).
        for (int i = 0; i < 60; i++) {
            String text = random(r, PROBE_ALPHABET, ContainsSearch.SKIP_MIN_LENGTH + i % 8);
            registered.add(register(index, LONG, Probe.contains(text)));
            textsByField.computeIfAbsent(LONG, k -> new ArrayList<>()).add(text);
        }
        // Many contains probes on one field (automaton), every length 1..7 several times (duplicates included).
        for (int i = 0; i < 120; i++) {
            String text = random(r, PROBE_ALPHABET, 1 + i % 7);
            manyContains.add(text);
            registered.add(register(index, MANY, Probe.contains(text)));
            textsByField.get(MANY).add(text);
        }
        // A few contains probes on the other field (searched with String.contains), all lengths 1..7 but one.
        for (int length : new int[] {1, 2, 3, 4, 5, 7}) {
            String text = random(r, PROBE_ALPHABET, length);
            fewContains.add(text);
            registered.add(register(index, FEW, Probe.contains(text)));
            textsByField.get(FEW).add(text);
        }
        // The same literal registered twice (same gate, two units) must open both.
        registered.add(register(index, FEW, Probe.contains(registered.get(registered.size() - 1).probe().text())));
        assertTrue(manyContains.size() > ContainsSearch.FEW, "automaton path not exercised: " + manyContains.size());
        assertTrue(fewContains.size() <= ContainsSearch.FEW, "few-probes path not exercised: " + fewContains.size());

        index.build();
        ProbeHits hits = index.newHits();

        Map<String, Map<Anchor, int[]>> positives = new HashMap<>();
        int[] containsPositivesByLength = new int[8];
        int negatives = 0;
        // half the values repeat an earlier one (in any field): those are answered by the cache of repeated values
        List<String> earlier = new ArrayList<>();
        for (int e = 0; e < 4000; e++) {
            EventBuilder b = new EventBuilder();
            for (String field : List.of(MANY, FEW, LONG, "other")) {
                if (r.nextInt(5) == 0) {
                    continue;
                }
                int count = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
                List<String> texts = textsByField.getOrDefault(field, textsByField.get(MANY));
                for (int v = 0; v < count; v++) {
                    if (r.nextInt(15) == 0) {
                        b.add(field, EventValue.NULL);
                        continue;
                    }
                    if (!earlier.isEmpty() && r.nextBoolean()) {
                        b.add(field, EventValue.string(earlier.get(r.nextInt(earlier.size()))));
                        continue;
                    }
                    String noiseBefore = random(r, VALUE_ALPHABET, r.nextInt(4) == 0 ? 0 : r.nextInt(10));
                    String noiseAfter = random(r, VALUE_ALPHABET, r.nextInt(4) == 0 ? 0 : r.nextInt(10));
                    String literal = r.nextInt(4) == 0 ? "" : scrambleCase(r, texts.get(r.nextInt(texts.size())));
                    String value = switch (r.nextInt(4)) {
                        case 0 -> literal;
                        case 1 -> literal + noiseAfter;
                        case 2 -> noiseBefore + literal;
                        default -> noiseBefore + literal + noiseAfter;
                    };
                    b.add(field, EventValue.string(value));
                    earlier.add(value);
                }
            }
            Event event = b.build();
            int eventNumber = e;
            index.scan(event, null, hits);
            Set<Integer> expectedOpened = new TreeSet<>();
            for (Registered reg : registered) {
                boolean expected = heldInField(event, reg.field(), reg.probe());
                assertEquals(expected, hits.open(reg.unit()),
                        () -> "event " + eventNumber + ": " + reg.probe() + " on " + reg.field() + " in " + values(event, reg
                                .field()));
                if (expected) {
                    expectedOpened.add(reg.unit());
                    positives.computeIfAbsent(reg.field(), k -> new EnumMap<>(Anchor.class))
                            .computeIfAbsent(reg.probe().anchor(), k -> new int[1])[0]++;
                    if (reg.probe().anchor() == Anchor.CONTAINS && reg.field().equals(MANY)) {
                        containsPositivesByLength[reg.probe().text().length()]++;
                    }
                } else {
                    negatives++;
                }
            }
            assertEquals(expectedOpened, openedList(hits), "opened units of event " + e);
        }
        assertTrue(positives.getOrDefault(LONG, Map.of()).getOrDefault(Anchor.CONTAINS, new int[1])[0] >= 100,
                "long contains probes rarely held");
        for (String field : List.of(MANY, FEW)) {
            for (Anchor anchor : List.of(Anchor.EXACT, Anchor.PREFIX, Anchor.SUFFIX, Anchor.CONTAINS)) {
                int[] count = positives.getOrDefault(field, Map.of()).get(anchor);
                assertTrue(count != null && count[0] >= 100, field + " " + anchor + " rarely held: "
                        + (count == null ? 0 : count[0]));
            }
        }
        for (int length = 1; length <= 7; length++) {
            assertTrue(containsPositivesByLength[length] >= 50,
                    "contains probes of length " + length + " rarely held: " + containsPositivesByLength[length]);
        }
        assertTrue(negatives >= 100_000, "too few negatives: " + negatives);
        assertTrue(hits.cacheHits() > 1000, "repeated values rarely answered by the cache: " + hits.cacheHits());
    }

    @Test
    void repeatedValueIsAnsweredByTheCacheOfItsOwnField() {
        ProbeIndex index = new ProbeIndex();
        int onCommandLine = index.unit(new int[] {index.gate(new String[] {"commandline"},
                List.of(new Probe(Anchor.SUFFIX, "shadows")))});
        int onImage = index.unit(new int[] {index.gate(new String[] {"image"},
                List.of(new Probe(Anchor.SUFFIX, "\\vssadmin.exe")))});
        int onUser = index.unit(new int[] {index.gate(new String[] {"user"}, List.of(Probe.exact("system")))});
        index.build();
        ProbeHits hits = index.newHits();
        for (int round = 0; round < 3; round++) {
            index.scan(event("CommandLine", "VSSADMIN delete shadows"), null, hits);
            assertTrue(hits.open(onCommandLine));
            assertFalse(hits.open(onImage));
            index.scan(new EventBuilder().add("Image", EventValue.string("VSSADMIN delete shadows"))
                    .add("CommandLine", EventValue.string("C:\\vssadmin.exe"))
                    .add("User", EventValue.string("SYSTEM")).build(), null, hits);
            assertFalse(hits.open(onCommandLine), "the same text in another field is searched with that field's probes");
            assertFalse(hits.open(onImage));
            assertTrue(hits.open(onUser));
        }
        assertEquals(3, hits.cacheHits(), "a value is remembered at its second sighting (round 2) and answered from"
                + " the cache at its third (round 3); a field with only exact probes is never looked up");
        assertEquals(9, hits.cacheLookups());
        Event repeated = event("CommandLine", "VSSADMIN delete shadows");
        index.scan(repeated, null, hits);
        assertEquals("vssadmin delete shadows", repeated.values("CommandLine").get(0).lower());
    }

    @Test
    void longOrUniqueValuesAreNotRemembered() {
        ProbeIndex index = new ProbeIndex();
        int unit = index.unit(new int[] {index.gate(new String[] {"commandline"},
                List.of(new Probe(Anchor.PREFIX, "x")))});
        index.build();
        ProbeHits hits = index.newHits();
        String long1 = "x" + "a".repeat(ScanMemo.MAX_LENGTH);
        for (int i = 0; i < 3; i++) {
            index.scan(event("CommandLine", long1), null, hits);
            assertTrue(hits.open(unit));
        }
        assertEquals(0, hits.cacheLookups(), "values longer than the cache's limit are searched every time");
        for (int i = 0; i < 5000; i++) {
            index.scan(event("CommandLine", (i % 2 == 0 ? "x " : "") + "unique " + i), null, hits);
            assertEquals(i % 2 == 0, hits.open(unit), "value " + i);
        }
        assertTrue(hits.cacheLookups() < 1000, "a field whose values never repeat stops being looked up: "
                + hits.cacheLookups());
        ProbeHits uncached = index.newHits(false);
        index.scan(event("CommandLine", "x"), null, uncached);
        index.scan(event("CommandLine", "x"), null, uncached);
        assertTrue(uncached.open(unit));
        assertEquals(0, uncached.cacheLookups());
    }

    private static Registered register(ProbeIndex index, String field, Probe probe) {
        int gate = index.gate(new String[] {field}, List.of(probe));
        return new Registered(index.unit(new int[] {gate}), field, probe);
    }

    private static List<String> values(Event event, String field) {
        return event.values(field).stream().map(v -> v.isNull() ? "<null>" : v.text()).toList();
    }

    @Test
    void unitWithTwoGatesNeedsBoth() {
        ProbeIndex index = new ProbeIndex();
        int commandLine = index.gate(new String[] {"commandline"}, List.of(Probe.contains("-enc")));
        int image = index.gate(new String[] {"image"}, List.of(new Probe(Anchor.SUFFIX, "\\powershell.exe")));
        int both = index.unit(new int[] {commandLine, image});
        int repeated = index.unit(new int[] {commandLine, commandLine});
        index.build();
        ProbeHits hits = index.newHits();

        index.scan(new EventBuilder().add("CommandLine", EventValue.string("powershell -EncodedCommand x"))
                .add("Image", EventValue.string("C:\\Windows\\PowerShell.exe")).build(), null, hits);
        assertTrue(hits.open(both));
        assertTrue(hits.open(repeated), "a gate listed twice is needed once");
        assertEquals(Set.of(both, repeated), openedList(hits));

        index.scan(event("CommandLine", "powershell -enc x"), null, hits);
        assertFalse(hits.open(both), "only the command line holds");
        assertTrue(hits.open(repeated));

        index.scan(event("Image", "C:\\Windows\\powershell.exe"), null, hits);
        assertFalse(hits.open(both), "only the image holds");
        assertFalse(hits.open(repeated));

        // Both literals, but each in the other field.
        index.scan(new EventBuilder().add("CommandLine", EventValue.string("C:\\Windows\\powershell.exe"))
                .add("Image", EventValue.string("-enc")).build(), null, hits);
        assertFalse(hits.open(both));
        assertFalse(hits.open(repeated));
        assertEquals(Set.of(), openedList(hits));
    }

    @Test
    void unitWithoutGatesIsAlwaysOpen() {
        ProbeIndex index = new ProbeIndex();
        int gate = index.gate(new String[] {"commandline"}, List.of(Probe.contains("x")));
        int gated = index.unit(new int[] {gate});
        int free = index.unit(new int[0]);
        index.build();
        ProbeHits hits = index.newHits();
        index.scan(new EventBuilder().build(), null, hits);
        assertTrue(hits.open(free));
        assertFalse(hits.open(gated));
        index.scan(event("CommandLine", "x"), null, hits);
        assertTrue(hits.open(free));
        assertTrue(hits.open(gated));
        assertEquals(Set.of(gated), openedList(hits), "units without gates are not listed");
    }

    @Test
    void gateOpensOnAnyOfItsProbes() {
        ProbeIndex index = new ProbeIndex();
        int gate = index.gate(new String[] {"commandline"}, List.of(Probe.contains("mimikatz"), Probe.exact("whoami"),
                new Probe(Anchor.PREFIX, "net "), new Probe(Anchor.SUFFIX, ".ps1")));
        int unit = index.unit(new int[] {gate});
        index.build();
        ProbeHits hits = index.newHits();
        for (String opening : List.of("run Mimikatz now", "WHOAMI", "net user", "c:\\x\\a.PS1")) {
            index.scan(event("CommandLine", opening), null, hits);
            assertTrue(hits.open(unit), opening);
        }
        for (String closed : List.of("mimi katz", "whoami /all", " net user", "a.ps1 x", "")) {
            index.scan(event("CommandLine", closed), null, hits);
            assertFalse(hits.open(unit), closed);
        }
    }

    @Test
    void gateOverSeveralKeysOpensOnAnyKey() {
        ProbeIndex index = new ProbeIndex();
        int gate = index.gate(new String[] {"commandline", "parentcommandline"}, List.of(Probe.contains("evil")));
        int unit = index.unit(new int[] {gate});
        index.build();
        ProbeHits hits = index.newHits();
        index.scan(event("ParentCommandLine", "an evil parent"), null, hits);
        assertTrue(hits.open(unit));
        index.scan(event("CommandLine", "evil"), null, hits);
        assertTrue(hits.open(unit));
        index.scan(event("Image", "evil"), null, hits);
        assertFalse(hits.open(unit));
    }

    @Test
    void fieldWithSeveralValuesOpensWhenAnyValueHolds() {
        ProbeIndex index = new ProbeIndex();
        int contains = index.unit(new int[] {index.gate(new String[] {"hashes"}, List.of(Probe.contains("md5=")))});
        int exact = index.unit(new int[] {index.gate(new String[] {"hashes"}, List.of(Probe.exact("abc")))});
        index.build();
        ProbeHits hits = index.newHits();
        index.scan(event("Hashes", "SHA1=00", "MD5=11"), null, hits);
        assertTrue(hits.open(contains), "second value holds");
        assertFalse(hits.open(exact));
        index.scan(event("Hashes", "ABC", "sha1=00"), null, hits);
        assertTrue(hits.open(exact), "first value holds");
        assertFalse(hits.open(contains));
        index.scan(new EventBuilder().add("Hashes", EventValue.NULL).add("Hashes", EventValue.string("abc")).build(),
                null, hits);
        assertTrue(hits.open(exact), "a null value does not hide the others");
    }

    @Test
    void keywordGatesAreFoundOnlyWithASearchForThem() {
        ProbeIndex index = new ProbeIndex();
        int evil = index.gate(null, List.of(Probe.contains("evil")));
        int bad = index.gate(null, List.of(Probe.contains("bad")));
        int fieldEvil = index.gate(new String[] {"commandline"}, List.of(Probe.contains("evil")));
        int evilUnit = index.unit(new int[] {evil});
        int badUnit = index.unit(new int[] {bad});
        int fieldUnit = index.unit(new int[] {fieldEvil});
        assertTrue(index.keywordGate(evil));
        assertFalse(index.keywordGate(fieldEvil));
        index.build();
        ProbeHits hits = index.newHits();
        Event event = new EventBuilder().add("Image", EventValue.string("C:\\EVIL.exe"))
                .add("Details", EventValue.string("bad things")).add("Count", EventValue.number("1234")).build();

        index.scan(event, null, hits);
        assertFalse(hits.allGatesFound(evilUnit), "keyword probes are not searched without a keyword search");
        assertFalse(hits.allGatesFound(badUnit));
        assertFalse(hits.allGatesFound(fieldUnit), "the field gate reads only its field");

        BitSet onlyEvil = new BitSet();
        onlyEvil.set(evil);
        ProbeIndex.Search search = index.search(onlyEvil);
        assertNotNull(search);
        index.scan(event, search, hits);
        assertTrue(hits.allGatesFound(evilUnit), "found in any string value");
        assertFalse(hits.allGatesFound(badUnit), "not a gate of this search");
        assertFalse(hits.allGatesFound(fieldUnit));

        BitSet both = new BitSet();
        both.set(evil);
        both.set(bad);
        index.scan(event, index.search(both), hits);
        assertTrue(hits.allGatesFound(evilUnit));
        assertTrue(hits.allGatesFound(badUnit));

        index.scan(event, index.search(new BitSet()), hits);
        assertFalse(hits.allGatesFound(evilUnit), "a search without gates finds nothing");
        assertFalse(hits.allGatesFound(fieldUnit));
        index.scan(event("CommandLine", "not here"), index.search(both), hits);
        assertFalse(hits.allGatesFound(evilUnit), "the previous event is forgotten");
        assertFalse(hits.allGatesFound(badUnit));
    }

    /**
     * Keyword-only values are searched without lower-casing them (ASCII letters folded as read): exactly the probes a
     * lower-cased search finds, including where a character lower-cases to an ASCII letter (U+212A to k, U+0130 to
     * i and a combining dot).
     */
    @Test
    void keywordValuesSearchedWithoutLowerCasingFindWhatLowerCasingFinds() {
        Random r = new Random(7);
        String probeAlphabet = "kib:s.\\-";
        String valueAlphabet = "kibKIB:sS.\\-\u212A\u0130\u017F\u00e9\u00c9\u03a3";
        ProbeIndex index = new ProbeIndex();
        List<Integer> units = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String text = random(r, probeAlphabet, ContainsSearch.SKIP_MIN_LENGTH + i % 4);
            texts.add(text);
            units.add(index.unit(new int[] {index.gate(null, List.of(Probe.contains(text)))}));
        }
        index.build();
        BitSet all = new BitSet();
        for (int u : units) {
            for (int g : index.gatesOf(u)) {
                all.set(g);
            }
        }
        ProbeIndex.Search search = index.search(all);
        ProbeHits hits = index.newHits();
        int found = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(3); k > 0; k--) {
                b.append(random(r, valueAlphabet, r.nextInt(6)));
                String probe = scrambleCase(r, texts.get(r.nextInt(texts.size())));
                if (r.nextBoolean()) {
                    // characters that lower-case to the probe's ASCII letters
                    probe = probe.replace('k', '\u212A');
                    probe = probe.endsWith("i") ? probe.substring(0, probe.length() - 1) + '\u0130' : probe;
                }
                b.append(probe);
            }
            b.append(random(r, valueAlphabet, r.nextInt(6)));
            String value = b.toString();
            index.scan(event("Details", value), search, hits);
            String lower = value.toLowerCase(java.util.Locale.ROOT);
            for (int t = 0; t < texts.size(); t++) {
                assertEquals(lower.contains(texts.get(t)), hits.allGatesFound(units.get(t)), value + " / " + texts.get(t));
                found += lower.contains(texts.get(t)) ? 1 : 0;
            }
        }
        assertTrue(found > 1000, "probes occur: " + found);
    }

    @Test
    void keywordsInAFieldWithProbesAreFoundByThatFieldsSearch() {
        ProbeIndex index = new ProbeIndex();
        int whoami = index.gate(new String[] {"commandline"}, List.of(Probe.contains("whoami")));
        int mimikatz = index.gate(null, List.of(Probe.contains("sekurlsa::")));
        int evil = index.gate(null, List.of(Probe.contains("evil")));
        int whoamiUnit = index.unit(new int[] {whoami});
        int mimikatzUnit = index.unit(new int[] {mimikatz});
        int evilUnit = index.unit(new int[] {evil});
        index.build();
        BitSet route = new BitSet();
        route.set(whoami);
        route.set(mimikatz);
        route.set(evil);
        ProbeIndex.Search search = index.search(route);
        assertTrue(search.probes("commandline").holdsKeywords());
        ProbeHits hits = index.newHits();
        for (int round = 0; round < 4; round++) {
            // the same values again: the cache of repeated values answers from the third round on
            Event event = new EventBuilder()
                    .add("Event.EventData.CommandLine", EventValue.string("whoami & SEKURLSA::logonpasswords"))
                    .add("Event.EventData.Details", EventValue.string("EVIL")).build();
            index.scan(event, search, hits);
            assertTrue(hits.allGatesFound(whoamiUnit));
            assertTrue(hits.allGatesFound(mimikatzUnit), "a keyword in a value the field's search covers");
            assertTrue(hits.allGatesFound(evilUnit), "a keyword in a value no field search covers");
            index.scan(event("CommandLine", "whoami"), search, hits);
            assertFalse(hits.allGatesFound(mimikatzUnit));
            assertFalse(hits.open(evilUnit), "searched for, not found");
        }
    }

    @Test
    void aSearchHasOnlyTheFieldProbesOfItsGates() {
        ProbeIndex index = new ProbeIndex();
        int process = index.gate(new String[] {"commandline"}, List.of(Probe.contains("whoami")));
        int network = index.gate(new String[] {"commandline"}, List.of(Probe.contains("curl")));
        int processUnit = index.unit(new int[] {process});
        int networkUnit = index.unit(new int[] {network});
        index.build();
        ProbeHits hits = index.newHits();
        BitSet processGates = new BitSet();
        processGates.set(process);
        Event both = event("CommandLine", "whoami && curl x");
        index.scan(both, index.search(processGates), hits);
        assertTrue(hits.allGatesFound(processUnit));
        assertFalse(hits.allGatesFound(networkUnit), "the other route's probe is not searched for");
        assertTrue(hits.open(networkUnit), "a unit whose gates were not searched for is evaluated, not ruled out");
        index.scan(event("CommandLine", "curl x"), index.search(processGates), hits);
        assertFalse(hits.open(processUnit), "searched for and not found: ruled out");
        index.scan(both, null, hits);
        assertTrue(hits.allGatesFound(processUnit), "without a search: every field gate");
        assertTrue(hits.allGatesFound(networkUnit));
        assertSame(index.search(processGates), index.search((BitSet) processGates.clone()), "cached by gate set");
    }

    @Test
    void pastTheBudgetARouteSearchesEveryFieldProbeWithItsOwnKeywords() {
        ProbeIndex index = new ProbeIndex(0);
        int process = index.gate(new String[] {"commandline"}, List.of(Probe.contains("whoami")));
        int network = index.gate(new String[] {"commandline"}, List.of(Probe.contains("curl")));
        int keyword = index.gate(null, List.of(Probe.contains("mimikatz")));
        int otherKeyword = index.gate(null, List.of(Probe.contains("evil")));
        int processUnit = index.unit(new int[] {process});
        int networkUnit = index.unit(new int[] {network});
        int keywordUnit = index.unit(new int[] {keyword});
        int otherKeywordUnit = index.unit(new int[] {otherKeyword});
        index.build();
        ProbeHits hits = index.newHits();
        BitSet route = new BitSet();
        route.set(process);
        route.set(keyword);
        index.scan(event("CommandLine", "whoami && curl x | mimikatz evil"), index.search(route), hits);
        assertTrue(hits.allGatesFound(processUnit));
        assertTrue(hits.allGatesFound(networkUnit), "every field probe is searched for: a superset, nothing missed");
        assertTrue(hits.allGatesFound(keywordUnit));
        assertFalse(hits.allGatesFound(otherKeywordUnit), "keyword probes stay those of the route");
        index.scan(event("CommandLine", "nothing"), index.search(route), hits);
        assertFalse(hits.allGatesFound(processUnit));
        assertFalse(hits.allGatesFound(keywordUnit));
    }

    @Test
    void keywordSearchLooksAtStringValuesOnly() {
        ProbeIndex index = new ProbeIndex();
        int digits = index.gate(null, List.of(Probe.contains("234")));
        int unit = index.unit(new int[] {digits});
        index.build();
        ProbeHits hits = index.newHits();
        BitSet gates = new BitSet();
        gates.set(digits);
        index.scan(event("Details", "x1234"), index.search(gates), hits);
        assertTrue(hits.open(unit));
        index.scan(new EventBuilder().add("Count", EventValue.number("1234")).build(), index.search(gates),
                hits);
        assertFalse(hits.open(unit), "a number is not a string value");
    }

    @Test
    void otherNumeral() {
        for (String held : List.of("4.688e3", "04688", "+7")) {
            assertTrue(Probe.OTHER_NUMERAL.heldBy(held), held);
        }
        for (String notHeld : List.of("4688", "0x10", "abc", "")) {
            assertFalse(Probe.OTHER_NUMERAL.heldBy(notHeld), notHeld);
        }

        ProbeIndex index = new ProbeIndex();
        int unit = index.unit(new int[] {
            index.gate(new String[] {"eventid"}, List.of(Probe.exact("4688"), Probe.OTHER_NUMERAL))});
        int numeralOnly = index.unit(new int[] {index.gate(new String[] {"eventid"}, List.of(Probe.OTHER_NUMERAL))});
        index.build();
        ProbeHits hits = index.newHits();
        for (String held : List.of("4.688e3", "04688", "+7")) {
            index.scan(new EventBuilder().add("EventID", EventValue.number(held)).build(), null, hits);
            assertTrue(hits.open(unit), held);
            assertTrue(hits.open(numeralOnly), held);
            index.scan(event("EventID", held), null, hits);
            assertTrue(hits.open(numeralOnly), "as a string: " + held);
        }
        index.scan(new EventBuilder().add("EventID", EventValue.number("4688")).build(), null, hits);
        assertTrue(hits.open(unit), "the plain integer by its exact probe");
        assertFalse(hits.open(numeralOnly));
        for (String notHeld : List.of("4689", "0x10", "abc", "")) {
            index.scan(event("EventID", notHeld), null, hits);
            assertFalse(hits.open(unit), notHeld);
            assertFalse(hits.open(numeralOnly), notHeld);
        }
    }

    @Test
    void keyWithSpaceIsAlsoFoundCompacted() {
        ProbeIndex index = new ProbeIndex();
        int unit = index.unit(new int[] {index.gate(new String[] {"threat name"}, List.of(Probe.contains("mimi")))});
        index.build();
        ProbeHits hits = index.newHits();
        index.scan(event("ThreatName", "HackTool:Win32/Mimikatz"), null, hits);
        assertTrue(hits.open(unit), "compacted key");
        index.scan(event("Threat Name", "Mimikatz"), null, hits);
        assertTrue(hits.open(unit), "key as registered");
        index.scan(event("Event.EventData.Threat Name", "mimikatz"), null, hits);
        assertTrue(hits.open(unit), "Windows alias");
        index.scan(event("ThreatName", "other"), null, hits);
        assertFalse(hits.open(unit));
        index.scan(event("Threat", "mimikatz"), null, hits);
        assertFalse(hits.open(unit));
    }

    @Test
    void registrationClosesWithBuild() {
        ProbeIndex index = new ProbeIndex();
        int gate = index.gate(new String[] {"a"}, List.of(Probe.exact("x")));
        assertEquals(gate, index.gate(new String[] {"a"}, List.of(Probe.exact("x"))), "same probes, same gate");
        index.unit(new int[] {gate});
        assertThrows(IllegalStateException.class, index::newHits);
        index.build();
        assertThrows(IllegalStateException.class, () -> index.gate(new String[] {"a"}, List.of(Probe.exact("y"))));
        assertThrows(IllegalStateException.class, () -> index.unit(new int[0]));
        assertThrows(IllegalStateException.class, index::build);
        assertArrayEquals(new int[] {gate}, index.gatesOf(0));
    }
}
