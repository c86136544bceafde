package io.detectionhub.library.enrichment;

import io.detectionhub.sigma.model.SigmaTag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ATT&amp;CK mapping of a rule: tactic short names ({@code execution}), techniques ({@code T1059}) and
 * sub-techniques ({@code T1059.004}). Derived from the rule's {@code attack.*} tags unless a person edited it.
 */
public record AttackMapping(
        @Size(max = 50) List<@Pattern(regexp = "[a-z][a-z-]{1,60}", message = "must be an ATT&CK tactic short name such as execution or privilege-escalation") String> tactics,
        @Size(max = 200) List<@Pattern(regexp = "T\\d{4}", message = "must be a technique id such as T1059") String> techniques,
        @Size(max = 200) List<@Pattern(regexp = "T\\d{4}\\.\\d{3}", message = "must be a sub-technique id such as T1059.004") String> subTechniques) {

    public static final AttackMapping EMPTY = new AttackMapping(List.of(), List.of(), List.of());

    public AttackMapping {
        tactics = tactics == null ? List.of() : List.copyOf(tactics);
        techniques = techniques == null ? List.of() : List.copyOf(techniques);
        subTechniques = subTechniques == null ? List.of() : List.copyOf(subTechniques);
    }

    /** The mapping the rule's {@code attack.*} tags state (groups and software tags are not part of it). */
    public static AttackMapping fromTags(List<String> tags) {
        Set<String> tactics = new LinkedHashSet<>();
        Set<String> techniques = new LinkedHashSet<>();
        Set<String> subTechniques = new LinkedHashSet<>();
        for (String tag : tags) {
            SigmaTag.parse(tag).ifPresent(t -> {
                t.attackTactic().ifPresent(tactics::add);
                t.attackTechniqueId().ifPresent(id -> (id.contains(".") ? subTechniques : techniques).add(id));
            });
        }
        return new AttackMapping(List.copyOf(tactics), List.copyOf(techniques), List.copyOf(subTechniques));
    }

    /** Techniques and sub-techniques together, as stored for the technique filter. */
    public List<String> allTechniqueIds() {
        List<String> all = new ArrayList<>(techniques);
        subTechniques.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return all;
    }
}
