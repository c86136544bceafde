package io.detectionhub.attack.catalog.generate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.detectionhub.attack.atomic.AtomicIndexBuilder;
import io.detectionhub.attack.atomic.AtomicIndexData;
import io.detectionhub.attack.catalog.AttackCatalogueData;
import io.detectionhub.attack.catalog.CatalogueCodec;
import io.detectionhub.attack.catalog.CatalogueProvenance;
import io.detectionhub.attack.catalog.DescriptionTrimmer;
import io.detectionhub.attack.catalog.V19TacticOverlay;
import io.detectionhub.attack.catalog.stix.StixBundleReader;
import io.detectionhub.attack.catalog.stix.StixCatalogueConverter;
import io.detectionhub.attack.catalog.stix.StixObjects;

/**
 * Generates the compact catalogue resources shipped with the app from the public data in {@code ../shared/data}.
 * Deterministic: the same input gives byte-identical output.
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.mainClass=io.detectionhub.attack.catalog.generate.CatalogGenerator \
 *     -Dexec.args="../shared/data src/main/resources/io/detectionhub/attack"
 * </pre>
 */
public final class CatalogGenerator {

    /** mitre/cti enterprise-attack/ commit the subset was assembled from (see ../shared/data/README.md). */
    public static final String ATTACK_COMMIT = "421deacb77191b38bdd1bf63268954e93da91365";
    public static final String ATTACK_VERSION = "18";
    public static final String ATOMIC_COMMIT = "9f85cf3e54b0cbdd6c702375c555273913eff442";
    public static final int DESCRIPTION_BUDGET = 1000;

    public static final String ATTACK_FILE = "attack-enterprise.json.gz";
    public static final String ATOMIC_FILE = "atomic-index.json.gz";
    public static final String OVERLAY_FILE = "v19-tactic-overlay.json.gz";
    public static final String NOTICE_FILE = "NOTICE.txt";

    public record Result(AttackCatalogueData attack, AtomicIndexData atomics, V19TacticOverlay overlay,
                         List<String> problems) {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        Path out = Path.of(args.length > 1 ? args[1] : "src/main/resources/io/detectionhub/attack");
        Result result = generate(data);
        Files.createDirectories(out);
        write(out.resolve(ATTACK_FILE), CatalogueCodec.gzip(result.attack()));
        write(out.resolve(ATOMIC_FILE), CatalogueCodec.gzip(result.atomics()));
        write(out.resolve(OVERLAY_FILE), CatalogueCodec.gzip(result.overlay()));
        Files.writeString(out.resolve(NOTICE_FILE), notice(data), StandardCharsets.UTF_8);
        long techniques = result.attack().techniques().size();
        long tests = result.atomics().techniques().stream().mapToLong(t -> t.tests().size()).sum();
        System.out.printf("ATT&CK: %d tactics, %d techniques -> %s (%d bytes)%n", result.attack().tactics().size(),
                techniques, out.resolve(ATTACK_FILE), Files.size(out.resolve(ATTACK_FILE)));
        System.out.printf("Atomic: %d techniques, %d tests -> %s (%d bytes)%n", result.atomics().techniques().size(),
                tests, out.resolve(ATOMIC_FILE), Files.size(out.resolve(ATOMIC_FILE)));
        result.problems().forEach(p -> System.out.println("skipped: " + p));
    }

    public static Result generate(Path data) throws IOException {
        V19TacticOverlay overlay = V19OverlayFileReader.read(data.resolve("attack/v19-tactics-from-art-overlay.json"));
        StixObjects stix;
        try (InputStream in = Files.newInputStream(data.resolve("attack/enterprise-attack-subset.json"))) {
            stix = new StixBundleReader(2_000_000).read(in);
        }
        String attackNotice = Files.readString(data.resolve("attack/LICENSE.txt"), StandardCharsets.UTF_8);
        AttackCatalogueData attack = new StixCatalogueConverter(new DescriptionTrimmer(DESCRIPTION_BUDGET)).convert(
                stix, overlay,
                List.of("MITRE ATT&CK Enterprise v" + ATTACK_VERSION + ", github.com/mitre/cti enterprise-attack/ "
                                + "commit " + ATTACK_COMMIT + " (2025-11-13)",
                        "v19 tactics: Atomic Red Team index.csv, github.com/redcanaryco/atomic-red-team commit "
                                + ATOMIC_COMMIT + " (2026-08-17)"),
                ATTACK_VERSION, mitreCopyright(attackNotice), null);

        AtomicIndexBuilder builder = new AtomicIndexBuilder();
        Path atomics = data.resolve("atomic-red-team/atomics");
        try (Stream<Path> files = Files.walk(atomics, 3)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = atomics.relativize(file).toString();
                if (AtomicIndexBuilder.isWanted(relative)) {
                    builder.add(relative, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        AtomicIndexData atomicIndex = builder.build(new CatalogueProvenance(
                List.of("Atomic Red Team, github.com/redcanaryco/atomic-red-team commit " + ATOMIC_COMMIT
                        + " (2026-08-17)"),
                ATOMIC_COMMIT, null, "Atomic Red Team, Copyright (c) 2018 Red Canary, Inc. MIT License.",
                List.of()));
        return new Result(attack, atomicIndex, overlay, builder.problems());
    }

    /** The copyright designation MITRE's licence asks every copy to reproduce. */
    static String mitreCopyright(String licence) {
        for (String line : licence.split("\n")) {
            String l = line.strip();
            if (l.startsWith("\"©") || l.startsWith("©")) {
                return l.replace("\"", "") + " ATT&CK® is a registered trademark of The MITRE Corporation.";
            }
        }
        return "© The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE "
                + "Corporation.";
    }

    private static String notice(Path data) throws IOException {
        return """
                Detection Hub ships compact catalogues generated from public data:

                MITRE ATT&CK® Enterprise (v18, github.com/mitre/cti, commit %s), with ATT&CK v19 tactic
                assignments taken from Atomic Red Team's index. Descriptions are shortened; the canonical text is
                on attack.mitre.org.

                Atomic Red Team™ (github.com/redcanaryco/atomic-red-team, commit %s): technique to atomic
                test index with executor commands.

                ========================================================================================
                MITRE ATT&CK licence
                ========================================================================================
                %s
                ========================================================================================
                Atomic Red Team licence
                ========================================================================================
                %s""".formatted(ATTACK_COMMIT, ATOMIC_COMMIT,
                Files.readString(data.resolve("attack/LICENSE.txt"), StandardCharsets.UTF_8).strip(),
                Files.readString(data.resolve("atomic-red-team/LICENSE.txt"), StandardCharsets.UTF_8).strip());
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
    }

    private CatalogGenerator() {
    }
}
